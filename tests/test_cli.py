"""The `casecheck` command end to end: exit codes, messages naming file and field, no tracebacks."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import text

from db.engine import database_url, make_engine
from desktop_app.cli import main
from desktop_app.core.case_format import case_to_dict
from tests.factories import make_case


def write_case(path: Path, **changes: object) -> Path:
    data = case_to_dict(make_case(**changes))
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_evaluate_file_as_json_touches_no_database(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    case = make_case()
    case.evidence[1].attributes.pop("hash_value")
    path = tmp_path / "case.json"
    path.write_text(json.dumps(case_to_dict(case), ensure_ascii=False), encoding="utf-8")
    code, out, _ = run(capsys, "evaluate", str(path), "--today", "2026-03-20", "--format", "json")
    assert code == 0
    result = json.loads(out)
    assert result["format"] == "casecheck.result/1" and result["today"] == "2026-03-20"
    no_hash = [f for f in result["flags"] if f["rule"] == "EVID-EDATA-NO-HASH"]
    assert no_hash and no_hash[0]["evidence_ids"] == ["E2"] and no_hash[0]["severity"] == "major"
    review = next(d for d in result["deadlines"] if d["rule"] == "DL-PROSECUTION-REVIEW")
    assert (review["start"], review["due"], review["status"], review["days_left"]) == (
        "2026-03-02",
        "2026-04-02",
        "open",
        13,
    )
    assert result["grade_code"] in {"excellent", "qualified", "flawed", "unqualified"}
    assert result["checklist"]["template"] == "criminal.prosecution_review"
    assert not (tmp_path / "home" / "data").exists()


def test_evaluate_text_is_readable_chinese(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "evaluate", str(write_case(tmp_path / "c.json")), "--today", "2026-03-20")
    assert code == 0
    assert "审查起诉期限" in out and "2026-04-02" in out and "拟评定等次" in out


def test_bad_case_file_exits_2_naming_file_and_field(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = case_to_dict(make_case())
    data["evidence"][2]["category"] = "rumour"
    data["received_on"] = "2026-13-01"
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    code, _, err = run(capsys, "evaluate", str(path))
    assert code == 2
    assert f"{path}: evidence[2].category:" in err and f"{path}: received_on:" in err
    assert "Traceback" not in err


def test_bad_date_option_and_bad_calendar_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_case(tmp_path / "c.json")
    with pytest.raises(SystemExit) as stopped:
        main(["evaluate", str(path), "--today", "20/03/2026"])
    assert stopped.value.code == 2
    calendar = tmp_path / "cal.yaml"
    calendar.write_text(
        "format: casecheck.calendar/1\nyears:\n  2026:\n    holidays: [2026-05-01]\n    workdays: [2026-05-01]\n",
        encoding="utf-8",
    )
    code, _, err = run(capsys, "evaluate", str(path), "--calendar", str(calendar))
    assert code == 2 and "2026-05-01" in err and "cal.yaml" in err


def test_import_evaluate_export_round_trip(tmp_path: Path, capsys: pytest.CaptureFixture[str], db_target: str) -> None:
    db = db_target
    source = write_case(tmp_path / "in.json")
    assert run(capsys, "--db", db, "import", str(source))[0] == 0
    code, _, err = run(capsys, "--db", db, "import", str(source))
    assert code == 2 and "已存在" in err
    code, out, _ = run(
        capsys, "--db", db, "evaluate", "--case", make_case().case_no, "--today", "2026-03-20", "--format", "json"
    )
    assert code == 0 and json.loads(out)["case_no"] == make_case().case_no
    out_dir = tmp_path / "out"
    assert run(capsys, "--db", db, "export-cases", "--out", str(out_dir), "--all")[0] == 0
    exported = json.loads(next(out_dir.glob("*.json")).read_text(encoding="utf-8"))
    assert exported == json.loads(source.read_text(encoding="utf-8"))


def test_audit_verify_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str], db_target: str) -> None:
    db = db_target
    run(capsys, "--db", db, "import", str(write_case(tmp_path / "in.json")))
    assert run(capsys, "--db", db, "audit", "verify")[0] == 0
    engine = make_engine(database_url(db))  # as someone with the file, or the owner's password, can
    with engine.begin() as conn:
        conn.execute(text("UPDATE audit_log SET action = 'case.delete'"))
    engine.dispose()
    code, _, err = run(capsys, "--db", db, "audit", "verify")
    assert code == 1 and "1" in err


def test_filters_are_required_for_exports(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(
        capsys, "--db", str(tmp_path / "e.db"), "export", "--format", "xlsx", "--out", str(tmp_path / "r.xlsx")
    )
    assert code == 2 and "--all" in err


def test_module_entry_point_english_and_no_traceback(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "desktop_app.cli", "--lang", "en", "evaluate", str(tmp_path / "missing.json")],
        capture_output=True,
        text=True,
        timeout=60,
        env={**__import__("os").environ, "CASECHECK_HOME": str(tmp_path)},
    )
    assert done.returncode == 2
    assert "file not found" in done.stderr and "Traceback" not in done.stderr


def test_import_names_the_file_of_a_case_already_in_the_database(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                                 db_target: str,
                                                                 another_database: Callable[[str], str]) -> None:
    db = db_target
    first = write_case(tmp_path / "first.json")
    assert run(capsys, "--db", db, "import", str(first))[0] == 0
    again = write_case(tmp_path / "again.json")
    code, _, err = run(capsys, "--db", db, "import", str(again))
    assert code == 2 and f"{again}: case_no:" in err
    twin = write_case(tmp_path / "twin.json", title="另一个标题")
    fresh = another_database("fresh")
    code, _, err = run(capsys, "--db", fresh, "import", str(again), str(twin))
    assert code == 2 and f"{twin}: case_no:" in err and str(again) in err


def test_a_sparse_file_comes_back_with_exactly_its_own_keys(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                            db_target: str) -> None:
    original = {
        "format": "casecheck.case/1", "case_no": "沪浦检刑诉〔2026〕5号", "title": "钱某诈骗案",
        "case_type": "criminal.prosecution_review", "prosecutor": "孙某", "received_on": "2026-02-01",
        "in_custody": False, "charges": ["诈骗罪"],
        "evidence": [{"id": "E1", "category": "documentary"},
                     {"id": "E2", "category": "electronic_data", "title": "", "attributes": {"hash_value": "ab"},
                      "vendor_note": "保留"}],
        "events": [{"kind": "review_extended", "date": "2026-02-20"},
                   {"kind": "prosecution_decided", "date": "2026-03-10", "outcome": "approved", "note": ""}],
        "facts": {"custom": [1, 2, {"x": "y"}]},
        "answers": {"PR-EV-01": {"value": "fail", "note": "缺少价格认定"}, "PR-EV-02": {"value": "pass"}},
        "office_tag": "试点",
    }
    path = tmp_path / "sparse.json"
    path.write_text(json.dumps(original, ensure_ascii=False), encoding="utf-8")
    db = db_target
    assert run(capsys, "--db", db, "import", str(path))[0] == 0
    assert run(capsys, "--db", db, "export-cases", "--out", str(tmp_path / "out"), "--all")[0] == 0
    exported = json.loads(next((tmp_path / "out").glob("*.json")).read_text(encoding="utf-8"))
    assert exported == original
