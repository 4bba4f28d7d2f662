"""Names sort as a Chinese office reads them: 第一 … 第十二 as numbers, people by 拼音."""

from __future__ import annotations

from desktop_app.core.chinese_order import chinese_number, sorted_chinese
from desktop_app.services.container import Services
from tests.factories import make_case


def test_numbers_and_pinyin() -> None:
    assert [chinese_number(t) for t in ("一", "十", "十二", "二十三", "一百零五", "7")] == [1, 10, 12, 23, 105, 7]
    assert sorted_chinese(["第七检察部", "第一检察部", "第十二检察部", "第三检察部", "第十检察部"]) == [
        "第一检察部", "第三检察部", "第七检察部", "第十检察部", "第十二检察部"]
    assert sorted_chinese(["赵某", "李某", "安某", "张某"]) == ["安某", "李某", "张某", "赵某"]


def test_register_drop_downs_use_the_order(services: Services) -> None:
    for number, (department, prosecutor) in enumerate((("第七检察部", "赵某"), ("第一检察部", "李某"),
                                                       ("第三检察部", "安某")), start=1):
        services.cases.create(services.actor, make_case(f"京朝检刑诉〔2026〕{number}号", department=department,
                                                        prosecutor=prosecutor))
    assert services.cases.distinct_values("department") == ["第一检察部", "第三检察部", "第七检察部"]
    assert services.cases.distinct_values("prosecutor") == ["安某", "李某", "赵某"]
