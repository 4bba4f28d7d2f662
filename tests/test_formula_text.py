"""Text typed by people never becomes a live formula in a workbook the program writes, however it is disguised:
after a leading space, tab or full-width space, or with the full-width signs a Chinese input method types."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from desktop_app.cli import main
from desktop_app.core.case_format import case_to_dict
from desktop_app.reports.xlsx_cells import assign, looks_like_formula
from tests.factories import make_case

DISGUISED = ("=1+1", " =1+1", "\t=HYPERLINK(\"http://x\")", "\u3000=1", "+1", "-1", "@SUM(A1)", "＝SUM(A1:A2)",
             "＋1", "－1", "＠x", "  \t＝1")
HARMLESS = ("合格", "1-2", "a=b", "E1")


@pytest.mark.parametrize("text", DISGUISED)
def test_disguised_formulas_are_recognised_and_stored_as_text(text: str, tmp_path: Path) -> None:
    assert looks_like_formula(text)
    workbook = Workbook()
    cell = assign(workbook.active.cell(row=1, column=1), text)
    assert cell.data_type == "s" and cell.quotePrefix
    path = tmp_path / "w.xlsx"
    workbook.save(path)
    assert load_workbook(path).active["A1"].value == text
    assert no_formulas(path)


@pytest.mark.parametrize("text", HARMLESS)
def test_ordinary_text_is_left_alone(text: str) -> None:
    assert not looks_like_formula(text)


def no_formulas(path: Path) -> bool:
    with zipfile.ZipFile(path) as archive:
        return not any(re.search(rb"<(\w+:)?f[ >]", archive.read(name))
                       for name in archive.namelist() if name.startswith("xl/worksheets/"))


def test_every_workbook_the_program_writes_keeps_typed_formulas_as_text(
        db_target: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = db_target
    files = []
    for n, text in enumerate(DISGUISED):
        case = make_case(f"京朝检刑诉〔2026〕{n}号", title=text, prosecutor=text, department=text)
        case.evidence[0].title = text
        case.evidence[1].attributes.pop("hash_value")  # a flag, so the 整改清单 has a line
        data = case_to_dict(case)
        path = tmp_path / f"case{n}.json"
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        files.append(str(path))
    assert main(["--db", db, "import", *files]) == 0
    assert main(["--db", db, "rectify", "sync", "--all", "--today", "2026-03-20"]) == 0
    capsys.readouterr()
    assert main(["--db", db, "rectify", "list"]) == 0
    key = capsys.readouterr().out.splitlines()[0].split("\t")[1]
    assert main(["--db", db, "rectify", "set", "京朝检刑诉〔2026〕1号", key, "--status", "pending",
                 "--owner", " ＝1+1", "--note", "\t=cmd"]) == 0
    outputs = {
        "aggregate": ["export", "--format", "xlsx", "--all", "--out", str(tmp_path / "all.xlsx")],
        "case": ["export", "--format", "xlsx", "--case", "京朝检刑诉〔2026〕1号", "--out", str(tmp_path / "one.xlsx")],
        "rectification": ["rectify", "list", "--out", str(tmp_path / "rect.xlsx")],
        "checklist": ["checklist", "export", "criminal.prosecution_review", "--out", str(tmp_path / "cl.xlsx")],
    }
    for name, argv in outputs.items():
        assert main(["--db", db, *argv]) == 0, name
    capsys.readouterr()
    for name in ("all.xlsx", "one.xlsx", "rect.xlsx", "cl.xlsx"):
        assert no_formulas(tmp_path / name), name
    texts = {c.value for ws in load_workbook(tmp_path / "all.xlsx") for row in ws.iter_rows() for c in row}
    assert " =1+1" in texts and "＝SUM(A1:A2)" in texts
    texts = {c.value for ws in load_workbook(tmp_path / "rect.xlsx") for row in ws.iter_rows() for c in row}
    assert any("＝1+1" in str(t) for t in texts)
