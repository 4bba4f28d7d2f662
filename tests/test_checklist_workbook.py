"""Trainers' spreadsheet round trip: export, edit, import — equal when unchanged, every mistake listed when not."""

from __future__ import annotations

import dataclasses
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from desktop_app.core.checklist_model import ChecklistSection, ChecklistTemplate
from desktop_app.core.checklists import load_builtin_templates
from desktop_app.core.datafile import resources_dir
from desktop_app.reports.checklist_workbook import TemplateWorkbookError, export_template_xlsx, import_template_xlsx

TEMPLATE_FILES = sorted((resources_dir() / "checklists").glob("*.yaml"))


@pytest.fixture(scope="module")
def builtin() -> dict[str, ChecklistTemplate]:
    return load_builtin_templates()


@pytest.mark.parametrize("case_type", [path.stem for path in TEMPLATE_FILES])
def test_unchanged_export_imports_to_an_equal_template(
    builtin: dict[str, ChecklistTemplate], case_type: str, tmp_path: Path
) -> None:
    path = tmp_path / f"{case_type}.xlsx"
    export_template_xlsx(builtin[case_type], path)
    assert import_template_xlsx(path) == builtin[case_type]


def test_the_workbook_is_laid_out_for_people(builtin: dict[str, ChecklistTemplate], tmp_path: Path) -> None:
    template = builtin["criminal.prosecution_review"]
    path = tmp_path / "t.xlsx"
    export_template_xlsx(template, path)
    workbook = load_workbook(path)
    assert workbook.sheetnames == ["检查项", "填写说明", "模板信息"]
    items = workbook["检查项"]
    headers = [cell.value for cell in items[1]]
    assert headers[:11] == [
        "分类",
        "编号",
        "检查内容",
        "检查指引",
        "法律依据",
        "依据已核实",
        "错误等级",
        "扣分",
        "一票否决",
        "不符合须说明",
        "适用条件",
    ]
    assert items.freeze_panes == "A2"
    assert items.max_row == len(template.items) + 1
    assert items.column_dimensions["C"].width > items.column_dimensions["B"].width
    electronic = next(row for row in items.iter_rows(min_row=2, values_only=True) if row[1] == "PR-EV-09")
    assert electronic[10] == '{"field":"evidence.category","contains":"electronic_data"}'
    assert electronic[11].startswith("《关于办理刑事案件收集提取和审查判断电子数据若干问题的规定》（2016）未收入法条原文库")
    assert electronic[12] == "仅适用于：证据中有电子数据"
    explained = {row[0] for row in workbook["填写说明"].iter_rows(min_row=2, values_only=True)}
    assert set(headers) <= explained
    info = {row[0]: row[1] for row in workbook["模板信息"].iter_rows(min_row=2, values_only=True)}
    assert info["模板编号"] == "criminal.prosecution_review"
    assert info["版本"] == template.version
    assert info["名称"] == template.title


def formula_looking(template: ChecklistTemplate) -> ChecklistTemplate:
    section = template.sections[0]
    first, second, third = section.items[:3]
    changed = (
        dataclasses.replace(first, question='=HYPERLINK("http://x","点此")'),
        dataclasses.replace(second, guidance="+1 核对校验值", legal_basis="-《中华人民共和国刑事诉讼法》第55条"),
        dataclasses.replace(third, question="@核对见证人"),
    )
    sections = (ChecklistSection(section.title, changed + section.items[3:]), *template.sections[1:])
    return dataclasses.replace(template, sections=sections, description="=1+1")


def test_formula_looking_text_stays_text(builtin: dict[str, ChecklistTemplate], tmp_path: Path) -> None:
    template = formula_looking(builtin["criminal.prosecution_review"])
    path = tmp_path / "f.xlsx"
    export_template_xlsx(template, path)
    with zipfile.ZipFile(path) as archive:
        sheets = [name for name in archive.namelist() if name.startswith("xl/worksheets/sheet")]
        assert sheets
        assert not any(b"<f>" in archive.read(name) for name in sheets)
    workbook = load_workbook(path)
    cell = workbook["检查项"]["C2"]
    assert cell.data_type == "s"
    assert cell.value == '=HYPERLINK("http://x","点此")'
    assert import_template_xlsx(path) == template


def edit(path: Path, changes: dict[tuple[str, str], object]) -> None:
    workbook = load_workbook(path)
    for (sheet, ref), value in changes.items():
        workbook[sheet][ref] = value
    workbook.save(path)


@pytest.fixture()
def exported(builtin: dict[str, ChecklistTemplate], tmp_path: Path) -> Path:
    path = tmp_path / "edit.xlsx"
    export_template_xlsx(builtin["criminal.arrest_review"], path)
    return path


def test_every_bad_cell_is_reported_and_nothing_is_returned(exported: Path) -> None:
    edit(
        exported,
        {
            ("检查项", "H3"): "很多",
            ("检查项", "G4"): "严重",
            ("检查项", "B5"): "AR-EV-01",
            ("检查项", "K6"): "{field: in_custody",
            ("检查项", "A7"): "其他问题",
            ("检查项", "F8"): "也许",
            ("检查项", "K9"): '{"field":"in_custdy","equals":true}',
            ("检查项", "E10"): None,
            ("检查项", "H11"): 150,
            ("模板信息", "B4"): 2025.1,
        },
    )
    with pytest.raises(TemplateWorkbookError) as info:
        import_template_xlsx(exported)
    problems = info.value.problems
    expected_prefixes = [
        "检查项/第3行/扣分: ",
        "检查项/第4行/错误等级: ",
        "检查项/第5行/编号: ",
        "检查项/第6行/适用条件: ",
        "检查项/第7行/分类: ",
        "检查项/第8行/依据已核实: ",
        "检查项/第9行/适用条件: ",
        "检查项/第10行/法律依据: ",
        "检查项/第11行/扣分: ",
        "模板信息/第4行/内容: ",
    ]
    for prefix in expected_prefixes:
        assert sum(problem.startswith(prefix) for problem in problems) == 1, (prefix, problems)
    assert len(problems) == len(expected_prefixes)
    assert "AR-EV-01" in next(p for p in problems if p.startswith("检查项/第5行/"))
    assert "in_custdy" in next(p for p in problems if p.startswith("检查项/第9行/"))


def test_a_row_moved_to_the_end_stays_in_its_section_and_blank_rows_are_skipped(
    builtin: dict[str, ChecklistTemplate], exported: Path
) -> None:
    workbook = load_workbook(exported)
    sheet = workbook["检查项"]
    first = [cell.value for cell in sheet[2]]
    sheet.append(first)
    for cell in sheet[2]:
        cell.value = None
    workbook.save(exported)
    original = builtin["criminal.arrest_review"]
    imported = import_template_xlsx(exported)
    assert [s.title for s in imported.sections] == [s.title for s in original.sections]
    evidence = original.sections[0].items
    assert imported.sections[0].items == (*evidence[1:], evidence[0])
    assert imported.sections[1:] == original.sections[1:]


def test_a_missing_column_is_named(exported: Path) -> None:
    edit(exported, {("检查项", "H1"): "分数"})
    with pytest.raises(TemplateWorkbookError) as info:
        import_template_xlsx(exported)
    assert info.value.problems == ["检查项/第1行/扣分: 缺少此列"]


def test_a_formula_typed_into_a_cell_is_refused(exported: Path) -> None:
    edit(exported, {("检查项", "H2"): "=SUM(1,2)"})
    with pytest.raises(TemplateWorkbookError) as info:
        import_template_xlsx(exported)
    assert [p.split(":")[0] for p in info.value.problems] == ["检查项/第2行/扣分"]


def test_a_file_that_is_not_a_workbook(tmp_path: Path) -> None:
    path = tmp_path / "bad.xlsx"
    path.write_text("not a workbook", encoding="utf-8")
    with pytest.raises(TemplateWorkbookError) as info:
        import_template_xlsx(path)
    assert len(info.value.problems) == 1
    assert info.value.problems[0].startswith("bad.xlsx: ")


def test_a_missing_sheet_is_named(exported: Path) -> None:
    workbook = load_workbook(exported)
    del workbook["模板信息"]
    workbook.save(exported)
    with pytest.raises(TemplateWorkbookError) as info:
        import_template_xlsx(exported)
    assert info.value.problems == ["模板信息: 缺少工作表“模板信息”"]
