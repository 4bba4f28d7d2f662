"""Regression tests for the defects a fault and fuzz run found: each hostile input is bad input (exit 2, a short
message naming file and field), never an internal error, and never leaves anything in the database."""

from __future__ import annotations

import json
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import inspect
from sqlalchemy import text as sql

from db.engine import database_url, make_engine
from desktop_app.cli import main
from desktop_app.core.case_format import CaseFormatError, case_from_dict, case_to_dict, load_case_file
from desktop_app.core.datafile import DataFileError, load_yaml_text
from desktop_app.services.cases import safe_file_name, validate_case
from desktop_app.services.errors import ServiceError
from tests.factories import make_case


def case_text(**changes: object) -> str:
    return json.dumps(case_to_dict(make_case(**changes)), ensure_ascii=False)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def case_count(db: str) -> int:
    """The cases stored in the database behind `--db` (0 when an SQLite file was never created)."""
    if "://" not in db and not Path(db).exists():
        return 0
    engine = make_engine(database_url(db))
    try:
        with engine.connect() as conn:
            return conn.execute(sql("SELECT count(*) FROM cases")).scalar_one() if inspect(conn).has_table("cases") \
                else 0
    finally:
        engine.dispose()


HOSTILE = {
    "lone_surrogate": (case_text().replace('"张某某盗窃案"', '"张某某\\ud800盗窃案"'), "title"),
    "surrogate_in_key": (case_text().replace('"title"', '"\\udc00x": 1, "title"', 1), "udc00x"),
    "huge_integer": (case_text().replace('"title"', '"views": ' + "9" * 5000 + ', "title"', 1), "4300"),
    "exponent_overflow": (case_text().replace('"title"', '"loss": 1e400, "title"', 1), "1e400"),
    "infinity": (case_text().replace('"title"', '"loss": Infinity, "title"', 1), "Infinity"),
    "nan": (case_text().replace('"title"', '"loss": NaN, "title"', 1), "NaN"),
    "duplicate_key": (case_text().replace('"title"', '"title": "甲", "title"', 1), "title"),
    "long_case_no": (case_text(case_no="京" * 96), "case_no"),
    # finite, but three times it is not: the damages arithmetic would print Infinity
    "overflowing_amount": (case_text(facts={"damages_law": "food_safety_148", "price_paid": 1.7e308}),
                           "facts.price_paid"),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_case_file_is_bad_input_for_import_and_evaluate(
        name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], db_target: str) -> None:
    text, named = HOSTILE[name]
    path = tmp_path / f"{name}.json"
    path.write_text(text, encoding="utf-8")
    db = db_target
    code, _, err = run(capsys, "--db", db, "import", str(path))
    assert code == 2, err
    assert str(path) in err and named in err and "Traceback" not in err
    assert case_count(db) == 0
    code, out, err = run(capsys, "evaluate", str(path), "--format", "json")
    assert code == 2 and out == "" and named in err


def test_evidence_ids_are_trimmed_then_duplicates_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = case_to_dict(make_case())
    data["evidence"][1]["id"] = "E1 "
    path = tmp_path / "dup.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    code, _, err = run(capsys, "--db", str(tmp_path / "c.db"), "import", str(path))
    assert code == 2 and "evidence[1].id" in err
    data["evidence"][1]["id"] = " E9 "
    assert [e.id for e in case_from_dict(data).evidence] == ["E1", "E9", "E3"]


def test_duplicate_evidence_check_is_linear() -> None:
    from desktop_app.core.case import Evidence

    case = make_case(evidence=[Evidence(id=f"E{i}", category="documentary") for i in range(100_000)])
    started = time.perf_counter()
    validate_case(case)
    assert time.perf_counter() - started < 2.0  # list.index took two minutes here
    case.evidence.append(Evidence(id="E5 ", category="documentary"))
    with pytest.raises(ServiceError) as refused:
        validate_case(case)
    assert "evidence[100000].id" in refused.value.problems[0]


def test_a_huge_value_is_not_echoed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = case_to_dict(make_case())
    data["received_on"] = "x" * 5_000_000
    data["case_type"] = "y" * 5_000_000
    path = tmp_path / "big.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    code, _, err = run(capsys, "--db", str(tmp_path / "c.db"), "import", str(path))
    assert code == 2 and "received_on" in err and "case_type" in err
    assert len(err) < 2000


def test_a_file_over_the_size_limit_is_refused_with_the_limit(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CASECHECK_MAX_CASE_JSON_BYTES", "1000")
    path = tmp_path / "case.json"
    path.write_text(case_text(title="案" * 2000), encoding="utf-8")
    code, _, err = run(capsys, "--db", str(tmp_path / "c.db"), "import", str(path))
    assert code == 2 and "CASECHECK_MAX_CASE_JSON_BYTES" in err


def test_problem_lists_are_capped() -> None:
    with pytest.raises(CaseFormatError) as refused:
        case_from_dict({"format": "casecheck.case/1", "charges": [1] * 10_000})
    problems = refused.value.problems
    assert len(problems) == 51 and problems[-1].startswith("…另有")


def test_a_bad_register_lists_a_bounded_number_of_problems(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append(["案号", "案件名称", "案件类型", "承办检察官", "受理日期"])
    for i in range(5000):
        sheet.append([f"A{i}", "某案", "unknown", "李某", "2026-13-40"])
    path = tmp_path / "register.xlsx"
    workbook.save(path)
    code, _, err = run(capsys, "--db", str(tmp_path / "c.db"), "import", str(path))
    assert code == 2 and "另有" in err and len(err.splitlines()) <= 51


def test_a_register_over_the_row_limit_is_refused(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    from openpyxl import Workbook

    monkeypatch.setenv("CASECHECK_MAX_XLSX_ROWS", "10")
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["案号", "案件名称", "案件类型", "承办检察官", "受理日期"])
    for i in range(20):
        sheet.append([f"A{i}", "某案", "审查起诉", "李某", "2026-03-02"])
    path = tmp_path / "register.xlsx"
    workbook.save(path)
    code, _, err = run(capsys, "--db", str(tmp_path / "c.db"), "import", str(path))
    assert code == 2 and "CASECHECK_MAX_XLSX_ROWS" in err


def test_billion_laughs_is_refused_fast() -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for n in range(1, 10):
        prev, cur = chr(ord("a") + n - 1), chr(ord("a") + n)
        lines.append(f"{cur}: &{cur} [{','.join(['*' + prev] * 9)}]")
    lines.append("unknown_key: *j")
    started = time.perf_counter()
    with pytest.raises(DataFileError) as refused:
        load_yaml_text("\n".join(lines), "calendar.yaml")
    assert time.perf_counter() - started < 2.0
    assert "别名" in str(refused.value) and "calendar.yaml" in str(refused.value)


def test_a_few_aliases_are_still_fine() -> None:
    located = load_yaml_text("base: &b {x: 1}\none: *b\ntwo: *b\n", "f.yaml")
    assert located.data == {"base": {"x": 1}, "one": {"x": 1}, "two": {"x": 1}}


def test_long_case_numbers_make_file_names_that_fit() -> None:
    long_a, long_b = "京朝检刑诉〔2026〕" + "甲" * 200 + "1号", "京朝检刑诉〔2026〕" + "甲" * 200 + "2号"
    a, b = safe_file_name(long_a), safe_file_name(long_b)
    assert len(f"{a}.json".encode()) <= 255 and a != b
    assert safe_file_name("京朝检刑诉〔2026〕1号") == "京朝检刑诉〔2026〕1号"


def test_export_of_a_64_character_case_number(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                              db_target: str) -> None:
    case_no = "京朝检刑诉〔2026〕" + "号" * 53
    assert len(case_no) == 64
    path = tmp_path / "case.json"
    path.write_text(case_text(case_no=case_no), encoding="utf-8")
    db = db_target
    assert run(capsys, "--db", db, "import", str(path))[0] == 0
    code, _, err = run(capsys, "--db", db, "export", "--format", "pdf", "--out", str(tmp_path / "per"), "--all",
                       "--layout", "per_case")
    assert code == 0, err
    code, _, err = run(capsys, "--db", db, "export-cases", "--all", "--out", str(tmp_path / "json"))
    assert code == 0, err
    (written,) = (tmp_path / "json").iterdir()
    assert load_case_file(written).case_no == case_no


def test_answers_for_unknown_items_are_kept_with_a_warning(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                           db_target: str,
                                                           another_database: Callable[[str], str]) -> None:
    data = case_to_dict(make_case())
    data["answers"] = {"FUTURE-ITEM-1": {"value": "fail", "note": "新版检查表的检查项"}}
    path = tmp_path / "case.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    db = db_target
    code, out, err = run(capsys, "evaluate", str(path), "--format", "json")
    assert code == 0 and "FUTURE-ITEM-1" in err and json.loads(out)
    code, _, err = run(capsys, "--db", db, "import", str(path))
    assert code == 0 and "FUTURE-ITEM-1" in err
    code, _, err = run(capsys, "--db", db, "export-cases", "--all", "--out", str(tmp_path / "out"))
    (exported,) = (tmp_path / "out").iterdir()
    assert json.loads(exported.read_text(encoding="utf-8"))["answers"] == data["answers"]
    bundle = tmp_path / "b.zip"
    assert run(capsys, "--db", db, "bundle", "export", "--all", "--out", str(bundle))[0] == 0
    code, _, err = run(capsys, "--db", another_database("other"), "bundle", "import", str(bundle))
    assert code == 0 and "FUTURE-ITEM-1" in err


# --- bundles -----------------------------------------------------------------------------------------------------
@pytest.fixture
def exported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """A real, unsigned bundle of one case, as another workstation exports it."""
    path = tmp_path / "case.json"
    path.write_text(case_text(), encoding="utf-8")
    db = str(tmp_path / "sender.db")
    assert run(capsys, "--db", db, "import", str(path))[0] == 0
    bundle = tmp_path / "sent.zip"
    assert run(capsys, "--db", db, "bundle", "export", "--all", "--out", str(bundle))[0] == 0
    return bundle


def rewritten(bundle: Path, out: Path, *, case_member: bytes | None = None, extra: dict[str, bytes] | None = None,
              manifest_changes: dict[str, object] | None = None) -> Path:
    """The bundle with its case member replaced (or members added), the manifest's hashes made to match again, so
    the importer's checks get past integrity to the content: a forger who knows the format does no less."""
    import hashlib

    with zipfile.ZipFile(bundle) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    manifest = json.loads(members.pop("manifest.json"))
    (case_name,) = manifest["cases"]
    if case_member is not None:
        members[case_name] = case_member
    members.update(extra or {})
    manifest["members"] = [{"name": name, "sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
                           for name, data in members.items()]
    manifest.update(manifest_changes or {})
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False))
        for name, data in members.items():
            archive.writestr(name, data)
    return out


MANIFEST_CASES = {"cases_number": 5, "cases_string": "cases/a.json", "cases_objects": [{"name": "a"}],
                  "cases_missing_member": ["cases/nope.json"]}


@pytest.mark.parametrize("name", sorted(MANIFEST_CASES))
def test_bad_manifests_are_bad_input(name: str, exported: Path, tmp_path: Path,
                                     capsys: pytest.CaptureFixture[str], db_target: str) -> None:
    bundle = rewritten(exported, tmp_path / "b.zip", manifest_changes={"cases": MANIFEST_CASES[name]})
    db = db_target
    code, _, err = run(capsys, "--db", db, "bundle", "import", str(bundle))
    assert code == 2 and "cases" in err and "Traceback" not in err, err
    assert case_count(db) == 0


def test_the_unchanged_bundle_imports(exported: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                      db_target: str) -> None:
    bundle = rewritten(exported, tmp_path / "b.zip")
    db = db_target
    assert run(capsys, "--db", db, "bundle", "import", str(bundle))[0] == 0
    assert case_count(db) == 1


def test_non_finite_and_duplicate_keys_in_a_bundle_are_refused(
        exported: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], db_target: str) -> None:
    for member in (case_text().replace('"title"', '"loss": 1e999, "title"', 1),
                   case_text().replace('"title"', '"title": "x", "title"', 1)):
        bundle = rewritten(exported, tmp_path / "b.zip", case_member=member.encode())
        db = db_target
        code, _, err = run(capsys, "--db", db, "bundle", "import", str(bundle))
        assert code == 2 and "cases/" in err, err
        assert case_count(db) == 0


def test_every_changed_byte_of_a_bundle_is_bad_input_or_harmless(
        exported: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    original = exported.read_bytes()
    db = tmp_path / "c.db"
    for position in range(0, len(original), max(len(original) // 30, 1)):
        damaged = bytearray(original)
        damaged[position] ^= 0x5A
        (tmp_path / "d.zip").write_bytes(bytes(damaged))
        code, _, err = run(capsys, "--db", str(db), "bundle", "import", str(tmp_path / "d.zip"))
        # 0 for a byte no reader checks (a timestamp in the zip directory); never an internal error
        assert code in (0, 2), (position, err)
        assert "Traceback" not in err


def test_a_zip_bomb_member_is_refused(exported: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bundle = rewritten(exported, tmp_path / "b.zip", extra={"cases/bomb.json": b" " * (20 * 1024 * 1024)})
    code, _, err = run(capsys, "--db", str(tmp_path / "c.db"), "bundle", "import", str(bundle))
    assert code == 2 and "压缩" in err


def test_a_long_case_number_stored_earlier_still_exports(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                         db_target: str) -> None:
    """A database filled before the 64-character limit may hold longer numbers: their files get shortened names."""
    path = tmp_path / "case.json"
    path.write_text(case_text(), encoding="utf-8")
    db = db_target
    assert run(capsys, "--db", db, "import", str(path))[0] == 0
    long_no = "京朝检刑诉〔2026〕" + "长" * 90 + "号"
    engine = make_engine(database_url(db))
    with engine.begin() as conn:
        conn.execute(sql("UPDATE cases SET case_no = :no"), {"no": long_no})
    engine.dispose()
    for argv in (["export", "--format", "pdf", "--out", str(tmp_path / "pdf"), "--all", "--layout", "per_case"],
                 ["export", "--format", "xlsx", "--out", str(tmp_path / "xlsx"), "--all", "--layout", "per_case"],
                 ["export-cases", "--all", "--out", str(tmp_path / "json")]):
        code, _, err = run(capsys, "--db", db, *argv)
        assert code == 0, err
    for folder in ("pdf", "xlsx", "json"):
        (written,) = (tmp_path / folder).iterdir()
        assert len(written.name.encode()) <= 255 and written.stem.startswith("京朝检刑诉〔2026〕长")


def test_workbooks_are_parsed_without_entity_expansion(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import openpyxl.xml
    from openpyxl import Workbook

    assert openpyxl.xml.DEFUSEDXML  # defusedxml is installed, so openpyxl uses it
    workbook = Workbook()
    workbook.active.append(["案号", "案件名称", "案件类型", "承办检察官", "受理日期"])
    workbook.active.append(["A1", "某案", "审查起诉", "李某", "2026-03-02"])
    plain = tmp_path / "plain.xlsx"
    workbook.save(plain)
    bomb = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
            + "".join(f'<!ENTITY lol{n} "{("&lol" + (str(n - 1) if n > 1 else "") + ";") * 10}">'
                      for n in range(1, 10))
            + ']>')
    hostile = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(hostile, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b'<?xml version="1.0" encoding="utf-8"?>', b"")
                data = bomb.encode() + data.replace(b"<v>", b"<v>&lol9;", 1)
            target.writestr(info, data)
    started = time.perf_counter()
    code, _, err = run(capsys, "--db", str(tmp_path / "c.db"), "import", str(hostile))
    assert code == 2 and "bomb.xlsx" in err and time.perf_counter() - started < 10, err
    assert "XML 实体" in err, err  # refused by defusedxml, not by chance


@pytest.mark.parametrize("text", ["? [a]\n: b\n", "years: {[2026]: x}\n", "format: {? {a: 1} : 2}\n"])
def test_a_list_or_mapping_as_a_yaml_key_is_a_data_file_error(text: str) -> None:
    with pytest.raises(DataFileError) as refused:
        load_yaml_text(text, "calendar.yaml")
    assert "键必须是单个值" in str(refused.value)
