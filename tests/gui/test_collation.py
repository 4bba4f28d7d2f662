"""The UI sorts names with QCollator in the order core and the exports use: 拼音, and 第N as numbers."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QComboBox
from pytestqt.qtbot import QtBot

from desktop_app.core.chinese_order import sorted_chinese
from desktop_app.services.container import Services
from desktop_app.ui.case_editor import CaseEditor
from desktop_app.ui.collation import chinese_collator, compare_chinese, sorted_for_display
from desktop_app.ui.filter_bar import FilterBar
from tests.factories import make_case

pytestmark = pytest.mark.usefixtures("db_target")  # on SQLite and on PostgreSQL

NAMES = ["赵某", "第十二检察部", "李某", "第二检察部", "张某", "第七检察部", "安某", "第三检察部", "第10组", "第2组",
         "公益诉讼检察部", "未成年人检察部", "第一检察部", "王某某", "欧阳某"]


def items(combo: QComboBox) -> list[str]:
    return [combo.itemText(i) for i in range(1, combo.count())]  # after 全部


def test_the_collator_is_icus_pinyin_collation_not_code_points() -> None:
    collator = chinese_collator()
    # 张 (U+5F20) precedes 李 (U+674E) in code points; in 拼音 li comes before zhang.
    assert "张" < "李" and collator.compare("李", "张") < 0
    assert collator.compare("安", "赵") < 0 and collator.numericMode()


def test_names_sort_in_chinese_order_the_same_as_core() -> None:
    ordered = sorted_for_display(NAMES)
    assert ordered.index("第二检察部") < ordered.index("第三检察部") < ordered.index("第七检察部") \
        < ordered.index("第十二检察部")
    assert ordered.index("第2组") < ordered.index("第10组")
    assert ordered.index("李某") < ordered.index("张某") < ordered.index("赵某")
    assert ordered == sorted_chinese(NAMES), "drop-downs read like the workbooks and the command line"
    assert compare_chinese("第二检察部", "第二检察部") == 0


def test_filter_bar_and_case_editor_offer_names_in_chinese_order(qtbot: QtBot, services: Services) -> None:
    for number, (department, prosecutor) in enumerate((("第十二检察部", "赵某"), ("第二检察部", "张某"),
                                                       ("第七检察部", "李某")), start=1):
        services.cases.create(services.actor, make_case(f"京朝检刑诉〔2026〕{number}号", department=department,
                                                        prosecutor=prosecutor))
    bar = FilterBar(services.cases)
    qtbot.addWidget(bar)
    bar.reload_choices()
    assert items(bar.department_combo) == ["第二检察部", "第七检察部", "第十二检察部"]
    assert items(bar.prosecutor_combo) == ["李某", "张某", "赵某"]
    editor = CaseEditor(services, None)
    qtbot.addWidget(editor)
    completer = editor.department_edit.completer()
    assert completer is not None
    model = completer.model()
    assert [model.index(r, 0).data() for r in range(model.rowCount())] == ["第二检察部", "第七检察部", "第十二检察部"]
