"""More of the command line: demo, exports, bundles, the Excel case register, checklists, bench."""

from __future__ import annotations

import json
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from desktop_app.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def demo_db(db_target: str, capsys: pytest.CaptureFixture[str]) -> str:
    db = db_target
    assert run(capsys, "--db", db, "demo", "--cases", "40", "--seed", "3", "--today", "2026-11-01")[0] == 0
    return db


def test_demo_is_deterministic_for_a_seed(tmp_path: Path, capsys: pytest.CaptureFixture[str], demo_db: str,
                                          another_database: Callable[[str], str]) -> None:
    other = another_database("other")
    run(capsys, "--db", other, "demo", "--cases", "40", "--seed", "3", "--today", "2026-11-01")
    for db, folder in ((demo_db, "a"), (other, "b")):
        assert run(capsys, "--db", db, "export-cases", "--out", str(tmp_path / folder), "--all")[0] == 0
    names_a = sorted(p.name for p in (tmp_path / "a").iterdir())
    assert names_a == sorted(p.name for p in (tmp_path / "b").iterdir()) and len(names_a) == 40
    for name in names_a:
        assert (tmp_path / "a" / name).read_text(encoding="utf-8") == (tmp_path / "b" / name).read_text(encoding="utf-8")
    first = json.loads((tmp_path / "a" / names_a[0]).read_text(encoding="utf-8"))
    assert first["answers"], "demo cases come with a 自查 under way"


def test_export_xlsx_and_pdf(tmp_path: Path, capsys: pytest.CaptureFixture[str], demo_db: str) -> None:
    out = tmp_path / "all.xlsx"
    assert run(capsys, "--db", demo_db, "export", "--format", "xlsx", "--out", str(out), "--all")[0] == 0
    assert {"汇总", "按检察官", "按案件类型", "问题分布", "超期预警", "明细"} <= set(load_workbook(out).sheetnames)
    folder = tmp_path / "pdfs"
    code, _, _ = run(capsys, "--db", demo_db, "export", "--format", "pdf", "--out", str(folder),
                     "--type", "criminal.prosecution_review")
    assert code == 0 and all(p.read_bytes().startswith(b"%PDF") for p in folder.iterdir()) and any(folder.iterdir())


def test_bundle_round_trip_between_workstations(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                demo_db: str, another_database: Callable[[str], str]) -> None:
    bundle = tmp_path / "send.zip"
    assert run(capsys, "keys", "init", "--out", str(tmp_path / "unit.key"))[0] == 0
    assert run(capsys, "--db", demo_db, "keys", "import", str(tmp_path / "unit.key"))[0] == 0
    assert run(capsys, "--db", demo_db, "bundle", "export", "--out", str(bundle), "--all")[0] == 0
    assert "manifest.json" in zipfile.ZipFile(bundle).namelist()
    lead = another_database("lead")
    code, out, _ = run(capsys, "--db", lead, "bundle", "import", str(bundle))
    assert code == 0 and "新增 40" in out and "已验证" in out
    code, out, _ = run(capsys, "--db", lead, "bundle", "import", str(bundle))
    assert code == 0 and "没有变化" in out
    run(capsys, "--db", demo_db, "export-cases", "--out", str(tmp_path / "x"), "--all")
    run(capsys, "--db", lead, "export-cases", "--out", str(tmp_path / "y"), "--all")
    for path in (tmp_path / "x").iterdir():
        assert path.read_text(encoding="utf-8") == (tmp_path / "y" / path.name).read_text(encoding="utf-8")


def test_excel_case_register_import(tmp_path: Path, capsys: pytest.CaptureFixture[str], db_target: str) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(["案号", "案件名称", "案件类型", "承办检察官", "受理日期", "在押", "罪名"])
    sheet.append(["沪浦检刑诉〔2026〕7号", "钱某某盗窃案", "审查起诉", "孙某", "2026-03-01", "是", "盗窃罪、诈骗罪"])
    sheet.append(["沪浦检刑诉〔2026〕8号", "周某诈骗案", "审查鉴定", "孙某", "2026-13-01", "否", ""])
    path = tmp_path / "register.xlsx"
    book.save(path)
    db = db_target
    code, _, err = run(capsys, "--db", db, "import", str(path))
    assert code == 2 and "第3行: case_type" in err and "第3行: received_on" in err
    sheet.delete_rows(3)
    book.save(path)
    assert run(capsys, "--db", db, "import", str(path))[0] == 0
    code, out, _ = run(capsys, "--db", db, "evaluate", "--case", "沪浦检刑诉〔2026〕7号", "--format", "json",
                       "--today", "2026-03-05")
    assert code == 0 and json.loads(out)["case_type"] == "criminal.prosecution_review"


def test_checklist_commands(tmp_path: Path, capsys: pytest.CaptureFixture[str], db_target: str) -> None:
    db = db_target
    code, out, _ = run(capsys, "--db", db, "checklist", "list")
    assert code == 0 and len(out.strip().splitlines()) == 9
    code, out, _ = run(capsys, "--db", db, "checklist", "show", "civil.enforcement_termination")
    assert code == 0 and "依据" in out
    xlsx = tmp_path / "t.xlsx"
    assert run(capsys, "--db", db, "checklist", "export", "criminal.arrest_review", "--out", str(xlsx))[0] == 0
    book = load_workbook(xlsx)
    sheet = book["检查项"]
    header = [c.value for c in sheet[1]]
    sheet.cell(row=2, column=header.index("检查内容") + 1, value="修改后的检查内容？")
    book.save(xlsx)
    code, out, _ = run(capsys, "--db", db, "checklist", "import", str(xlsx))
    assert code == 0 and "版本 2025.1-r2" in out
    code, out, _ = run(capsys, "--db", db, "checklist", "list")
    assert sum(1 for line in out.splitlines() if line.startswith("criminal.arrest_review")) == 2
    assert run(capsys, "--db", db, "checklist", "show", "no.such_type")[0] == 2


def test_profile_sets_the_inspector_name(capsys: pytest.CaptureFixture[str], db_target: str) -> None:
    db = db_target
    code, out, _ = run(capsys, "--db", db, "profile", "--name", "王检察官", "--role", "lead")
    assert code == 0 and out.startswith("王检察官\t部门负责人")
    assert run(capsys, "--db", db, "profile")[1].startswith("王检察官")
    code, _, err = run(capsys, "--db", db, "profile", "--name", " ")
    assert code == 2 and "姓名" in err
