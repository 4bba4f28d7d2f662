"""Exchange bundles a team lead can rely on: signed, checked member by member, merged by stable ids with conflicts
listed, all or nothing — and a fuzzed importer that never crashes and never half-imports."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import zipfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import create_engine, inspect, text

from db.engine import database_url
from desktop_app.cli import main
from desktop_app.services import bundles, keys
from desktop_app.services.cases import CaseQuery
from desktop_app.services.container import Services, open_services
from desktop_app.services.errors import ServiceError
from desktop_app.services.exports import sync_rectifications
from desktop_app.services.signed_zip import sign_manifest
from desktop_app.services.stats import StatsFilters, stats_service
from tests.factories import make_case

TODAY = dt.date(2026, 3, 20)
CASE_NO = "京朝检刑诉〔2026〕1号"


def _open(target: Path | str) -> Services:
    return open_services(str(target), today=lambda: TODAY)


def _workstation(path: Path) -> Services:
    """A prosecutor's database: two cases, a 自查 with a failed item, a grade override and a 整改 line."""
    services = _open(path)
    services.cases.create(services.actor, make_case(CASE_NO))
    services.cases.create(services.actor, make_case("京朝检刑诉〔2026〕2号", title="王某诈骗案"))
    view = services.inspections.open(services.actor, CASE_NO)
    items = [i.id for s in view.template.sections for i in s.items]
    services.inspections.answer(services.actor, view.info.id, items[0], "pass", "已核")
    services.inspections.answer(services.actor, view.info.id, items[1], "fail", "缺鉴定意见")
    services.inspections.override_grade(services.actor, view.info.id, "flawed", "证据瑕疵", "qualified", 88.0)
    sync_rectifications(services, CASE_NO, TODAY)
    return services


def _snapshot(target: Path | str) -> str:
    """Every row of every table; of `audit_head` only the head itself (its `seq` only serialises writers)."""
    engine = create_engine(database_url(str(target)))
    with engine.connect() as conn:
        tables = sorted(inspect(conn).get_table_names())
        rows = [(t, conn.execute(text(f"SELECT * FROM {t} ORDER BY 1")).all()) for t in tables if t != "audit_head"]
        rows.append(("audit_head", conn.execute(text("SELECT last_id, last_hash, mac FROM audit_head")).all()))
    engine.dispose()
    return hashlib.sha256(repr(rows).encode("utf-8")).hexdigest()


@pytest.fixture
def unit_key(tmp_path: Path) -> keys.ProcuratorateKey:
    keys.create_key_file(tmp_path / "unit.key")
    return keys.install_key(tmp_path / "unit.key")[0]


def _export(services: Services, out: Path) -> Path:
    bundles.export_bundle(services, [CASE_NO, "京朝检刑诉〔2026〕2号"], out)
    return out


def test_round_trip_carries_cases_answers_overrides_and_rectifications(tmp_path: Path, unit_key: Any,
                                                                      db_target: str) -> None:
    prosecutor = _workstation(tmp_path / "a.db")
    bundle = _export(prosecutor, tmp_path / "send.zip")
    manifest = json.loads(zipfile.ZipFile(bundle).read("manifest.json"))
    assert manifest["format"] == "casecheck.bundle/2" and manifest["signature"]["key_id"] == unit_key.key_id
    assert manifest["exported_by"]["login"] and manifest["workstation"] and manifest["schema_version"]
    assert all(len(m["sha256"]) == 64 for m in manifest["members"]) and len(manifest["members"]) == 4
    lead = _open(db_target)
    summary = bundles.import_bundle(lead, bundle)
    assert summary.verified and summary.created == {"case": 2, "inspection": 1, "rectification": 1}
    assert bundles.case_content(lead.cases.get(CASE_NO)) == bundles.case_content(prosecutor.cases.get(CASE_NO))
    theirs, mine = lead.inspections.latest_for_case(CASE_NO), prosecutor.inspections.latest_for_case(CASE_NO)
    assert theirs is not None and mine is not None and theirs.answers == mine.answers
    override = lead.inspections.override_of(theirs.info.id)
    assert override is not None and (override.grade_code, override.reason) == ("flawed", "证据瑕疵")
    assert [(r.key, r.status) for r in lead.rectifications.rows()] == \
        [(r.key, r.status) for r in prosecutor.rectifications.rows()]
    # The register's figures and the dashboard's failed items follow the imported answers and override.
    (mine_row,), (their_row,) = (s.cases.page(CaseQuery(case_nos=(CASE_NO,))) for s in (prosecutor, lead))
    assert their_row.figures == mine_row.figures and their_row.figures is not None
    assert (their_row.figures.answered, their_row.figures.grade_code) == (2, "flawed")
    assert [f.cases for f in stats_service(lead).dashboard(StatsFilters(), TODAY).failed_items] == [1]
    # Re-importing the same bundle changes nothing, not even the audit trail.
    before = _snapshot(db_target)
    again = bundles.import_bundle(lead, bundle)
    assert not again.changed and not again.written and _snapshot(db_target) == before
    # And back again: the prosecutor's own records come home unchanged.
    assert not bundles.import_bundle(prosecutor, _export(lead, tmp_path / "back.zip")).changed
    lead.close()
    prosecutor.close()


def test_one_sided_changes_merge_and_two_sided_ones_conflict(tmp_path: Path, unit_key: Any, db_target: str,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    """The lead's database is a workstation's file or the team server."""
    prosecutor = _workstation(tmp_path / "a.db")
    lead = _open(db_target)
    bundles.import_bundle(lead, _export(prosecutor, tmp_path / "1.zip"))
    # Only the prosecutor changed the title: it is taken.
    prosecutor.cases.update(prosecutor.actor, CASE_NO, make_case(CASE_NO, title="张某某盗窃案（补充）"))
    summary = bundles.import_bundle(lead, _export(prosecutor, tmp_path / "2.zip"))
    assert summary.updated["case"] == 1 and lead.cases.get(CASE_NO).title == "张某某盗窃案（补充）"
    # Only the lead changed it since: a stale bundle does not undo the lead's change.
    lead.cases.update(lead.actor, CASE_NO, make_case(CASE_NO, title="负责人改的名称"))
    summary = bundles.import_bundle(lead, tmp_path / "2.zip")
    assert summary.kept_local["case"] == 1 and lead.cases.get(CASE_NO).title == "负责人改的名称"
    # Both changed it: a conflict, listed, nothing written (exit 1) unless told how to resolve it.
    prosecutor.cases.update(prosecutor.actor, CASE_NO, make_case(CASE_NO, title="检察官又改的名称"))
    _export(prosecutor, tmp_path / "3.zip")
    # The command line counts from the real today, not this test's TODAY: opening once brings the stored figures
    # up to that day, which is not the import's doing.
    assert main(["--db", db_target, "checklist", "list"]) == 0
    before = _snapshot(db_target)
    code = main(["--db", db_target, "bundle", "import", str(tmp_path / "3.zip")])
    err = capsys.readouterr().err
    assert code == 1 and "冲突" in err and CASE_NO in err and _snapshot(db_target) == before
    assert main(["--db", db_target, "bundle", "import", str(tmp_path / "3.zip"),
                 "--on-conflict", "keep-local"]) == 0
    assert lead.cases.get(CASE_NO).title == "负责人改的名称"
    prosecutor.cases.update(prosecutor.actor, CASE_NO, make_case(CASE_NO, title="第三次修改"))
    lead.cases.update(lead.actor, CASE_NO, make_case(CASE_NO, title="负责人第二次修改"))
    assert main(["--db", db_target, "bundle", "import", str(_export(prosecutor, tmp_path / "4.zip")),
                 "--on-conflict", "take-incoming"]) == 0
    assert lead.cases.get(CASE_NO).title == "第三次修改"
    capsys.readouterr()
    lead.close()
    prosecutor.close()


def test_dry_run_writes_nothing_and_tells_what_would_happen(tmp_path: Path, unit_key: Any, db_target: str,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    bundle = _export(_workstation(tmp_path / "a.db"), tmp_path / "send.zip")
    lead_db = db_target
    _open(lead_db).close()
    before = _snapshot(lead_db)
    assert main(["--db", lead_db, "bundle", "import", str(bundle), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "新增 2" in out and "试运行" in out and _snapshot(lead_db) == before


def test_unsigned_or_foreign_bundles_need_unverified(tmp_path: Path, db_target: str,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    bundle = _export(_workstation(tmp_path / "a.db"), tmp_path / "unsigned.zip")
    keyless_db = tmp_path / "keyless.db"
    # No key anywhere: integrity is all that can be checked; the cases come in marked 未经验证.
    assert main(["--db", str(keyless_db), "bundle", "import", str(bundle)]) == 0
    assert "未经验证" in capsys.readouterr().out
    lead_db = db_target
    _open(lead_db).close()
    before = _snapshot(lead_db)
    keys.create_key_file(tmp_path / "unit.key")
    keys.install_key(tmp_path / "unit.key")
    # A workstation with a key insists on a signature.
    assert main(["--db", lead_db, "bundle", "import", str(bundle)]) == 4
    assert "未签名" in capsys.readouterr().err and _snapshot(lead_db) == before
    signed = _export(_open(tmp_path / "a.db"), tmp_path / "signed.zip")
    keys.installed_key_file().unlink()
    keys.create_key_file(tmp_path / "other.key")
    keys.install_key(tmp_path / "other.key")
    assert main(["--db", lead_db, "bundle", "import", str(signed)]) == 4
    assert "未知的单位密钥" in capsys.readouterr().err and _snapshot(lead_db) == before
    assert main(["--db", lead_db, "bundle", "import", str(signed), "--unverified"]) == 0
    assert "未经验证" in capsys.readouterr().out
    engine = create_engine(database_url(lead_db))
    with engine.connect() as conn:  # JSON columns: text on SQLite, decoded by PostgreSQL's driver
        origins = [json.loads(r) if isinstance(r, str) else r for r in conn.scalars(text("SELECT origin FROM cases"))]
        imported = conn.scalar(text("SELECT detail FROM audit_log WHERE action = 'bundle.import'"))
    engine.dispose()
    assert origins and all(o["verified"] is False for o in origins)
    assert (json.loads(imported) if isinstance(imported, str) else imported)["verified"] is False


def _rewrite(bundle: Path, out: Path, change: dict[str, bytes | None]) -> Path:
    """A copy of the bundle with some members replaced (bytes) or removed (None), others kept as they are."""
    with zipfile.ZipFile(bundle) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename in change:
                if change[info.filename] is not None:
                    target.writestr(info.filename, change[info.filename] or b"")
            else:
                target.writestr(info.filename, source.read(info.filename))
        for name, data in change.items():
            if name not in source.namelist() and data is not None:
                target.writestr(name, data)
    return out


def _manifest(bundle: Path) -> dict[str, Any]:
    return json.loads(zipfile.ZipFile(bundle).read("manifest.json"))


def _resigned(manifest: dict[str, Any], key: keys.ProcuratorateKey) -> bytes:
    manifest["signature"] = sign_manifest(manifest, key)
    return json.dumps(manifest).encode("utf-8")


def _flip_byte_in_member(bundle: Path, out: Path) -> Path:
    data = bytearray(bundle.read_bytes())
    with zipfile.ZipFile(bundle) as archive:
        info = archive.getinfo(next(n for n in archive.namelist() if n.startswith("cases/")))
    data[info.header_offset + 30 + len(info.filename) + 5] ^= 0xFF
    out.write_bytes(bytes(data))
    return out


def _tamperings(bundle: Path, tmp: Path, key: keys.ProcuratorateKey) -> dict[str, tuple[Path, int]]:
    """Each way a bundle can be forged or damaged, and the exit code its import must give."""
    case_member = next(n for n in zipfile.ZipFile(bundle).namelist() if n.startswith("cases/"))
    case_data = json.loads(zipfile.ZipFile(bundle).read(case_member))
    case_data["title"] = "被改动的案件名称"
    listed_forgery = _manifest(bundle)
    forged_bytes = json.dumps(case_data, ensure_ascii=False).encode("utf-8")
    for member in listed_forgery["members"]:
        if member["name"] == case_member:
            member["sha256"] = hashlib.sha256(forged_bytes).hexdigest()
    newer, cases_number, cases_objects, cases_string = (_manifest(bundle) for _ in range(4))
    newer["format"] = "casecheck.bundle/3"
    cases_number["cases"] = 7
    cases_objects["cases"] = [{"name": case_member}]
    cases_string["cases"] = case_member
    traversal, absolute = _manifest(bundle), _manifest(bundle)
    traversal["members"].append({"name": "../evil.json", "sha256": "0" * 64})
    absolute["members"].append({"name": "/etc/evil.json", "sha256": "0" * 64})
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in zipfile.ZipFile(bundle).infolist():
            archive.writestr(info.filename, zipfile.ZipFile(bundle).read(info.filename))
        archive.writestr("padding.bin", b"\0" * (8 * 1024 * 1024))
    (tmp / "bomb.zip").write_bytes(bomb.getvalue())
    duplicate_keys = zipfile.ZipFile(bundle).read("manifest.json").replace(b'"format"', b'"cases": 1, "format"', 1)
    w = tmp / "t"
    w.mkdir(exist_ok=True)
    return {
        "a member changed after export": (_rewrite(bundle, w / "1.zip", {case_member: forged_bytes}), 2),
        "a member changed and its hash updated (unsigned)": (_rewrite(bundle, w / "2.zip", {
            "manifest.json": json.dumps(listed_forgery).encode(), case_member: forged_bytes}), 2),
        "a changed byte in the compressed data": (_flip_byte_in_member(bundle, w / "3.zip"), 2),
        "a truncated file": (_truncated(bundle, w / "4.zip"), 2),
        "not a zip at all": (_write(w / "5.zip", b"PK\3\4 nonsense" * 20), 2),
        "a member removed": (_rewrite(bundle, w / "6.zip", {case_member: None}), 2),
        "an unlisted member added": (_rewrite(bundle, w / "7.zip", {"cases/extra.json": b"{}"}), 2),
        "a newer format": (_rewrite(bundle, w / "8.zip", {"manifest.json": _resigned(newer, key)}), 2),
        "manifest cases is a number": (_rewrite(bundle, w / "9.zip", {"manifest.json": _resigned(cases_number, key)}),
                                       2),
        "manifest cases lists objects": (_rewrite(bundle, w / "10.zip", {
            "manifest.json": _resigned(cases_objects, key)}), 2),
        "manifest cases is a string": (_rewrite(bundle, w / "11.zip", {
            "manifest.json": _resigned(cases_string, key)}), 2),
        "a member name with ..": (_rewrite(bundle, w / "12.zip", {"manifest.json": _resigned(traversal, key),
                                                                  "../evil.json": b"{}"}), 2),
        "an absolute member name": (_rewrite(bundle, w / "13.zip", {"manifest.json": _resigned(absolute, key),
                                                                    "/etc/evil.json": b"{}"}), 2),
        "a zip bomb member": (tmp / "bomb.zip", 2),
        "duplicate keys in the manifest": (_rewrite(bundle, w / "14.zip", {"manifest.json": duplicate_keys}), 2),
        "the manifest edited under a known key": (_rewrite(bundle, w / "15.zip", {
            "manifest.json": json.dumps({**_manifest(bundle), "workstation": "伪造"}).encode()}), 2),
        "the signature removed": (_rewrite(bundle, w / "16.zip", {
            "manifest.json": json.dumps({**_manifest(bundle), "signature": None}).encode()}), 4),
    }


def _truncated(bundle: Path, out: Path) -> Path:
    out.write_bytes(bundle.read_bytes()[: bundle.stat().st_size // 2])
    return out


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def test_every_forged_or_damaged_bundle_is_refused(tmp_path: Path, unit_key: keys.ProcuratorateKey, db_target: str,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    bundle = _export(_workstation(tmp_path / "a.db"), tmp_path / "send.zip")
    lead_db = db_target
    _open(lead_db).close()
    before = _snapshot(lead_db)
    tried = _tamperings(bundle, tmp_path, unit_key)
    caught = []
    for name, (path, expected) in tried.items():
        code = main(["--db", lead_db, "bundle", "import", str(path)])
        err = capsys.readouterr().err
        assert "Traceback" not in err and "内部错误" not in err, name
        assert code == expected, (name, code, err)
        assert str(path) in err or expected == 4, name
        assert _snapshot(lead_db) == before, name
        caught.append(name)
    assert len(caught) == len(tried) == 17
    assert main(["--db", lead_db, "bundle", "import", str(bundle)]) == 0  # the genuine one still imports


# --- fuzzing --------------------------------------------------------------------------------------------------------
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-(10 ** 30), 10 ** 30) | st.floats(allow_nan=False)
    | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12)
RAW_TOKENS = st.sampled_from(['"\\ud800"', "1e400", "NaN", "Infinity", "1" * 5000, '{"a": 1, "a": 2}',
                              "[" * 5000, '"' + "x" * 100 + '"', "[]", "{}", "7", '"cases/x.json"'])


@pytest.fixture(scope="module")
def fuzz_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


_OPEN: dict[Path, Services] = {}


def _fuzz_setup(home: Path) -> tuple[Path, Services, Path]:
    """One signed bundle and one receiving database for all examples (opened once: examples must be quick). The
    fuzzing aims at the bundle's readers, which refuse before any row is written, so it runs on an SQLite file only:
    the refusals that reach the database (conflicts, forged members) run on both kinds above."""
    bundle = home / "send.zip"
    lead_db = home / "lead.db"
    if not bundle.exists():
        keys.create_key_file(home / "unit.key")
        keys.install_key(home / "unit.key")
        _export(_workstation(home / "a.db"), bundle)
    elif keys.installed_key() is None:
        keys.install_key(home / "unit.key")
    if lead_db not in _OPEN:
        _OPEN[lead_db] = _open(lead_db)
    return bundle, _OPEN[lead_db], lead_db


def _assert_refused_cleanly(services: Services, path: Path, lead_db: Path, **options: Any) -> None:
    before = _snapshot(lead_db)
    try:
        bundles.import_bundle(services, path, **options)
    except (ServiceError, bundles.BundleConflicts):
        assert _snapshot(lead_db) == before


FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                         HealthCheck.too_slow])


@FUZZ
@given(flips=st.lists(st.tuples(st.integers(0, 10 ** 6), st.integers(1, 255)), min_size=1, max_size=4),
       cut=st.none() | st.integers(0, 10 ** 6), unverified=st.booleans())
def test_fuzz_bytes_of_a_bundle(fuzz_home: Path, flips: list[tuple[int, int]], cut: int | None,
                                unverified: bool) -> None:
    bundle, services, lead_db = _fuzz_setup(fuzz_home)
    data = bytearray(bundle.read_bytes())
    for offset, mask in flips:
        data[offset % len(data)] ^= mask
    if cut is not None:
        data = data[: cut % len(data)]
    target = fuzz_home / "mutated.zip"
    target.write_bytes(bytes(data))
    _assert_refused_cleanly(services, target, lead_db, unverified=unverified)


MEMBERS = st.sampled_from(["manifest.json", "cases", "work"])


@FUZZ
@given(member=MEMBERS, path=st.lists(st.text(min_size=1, max_size=12) | st.integers(0, 5), min_size=1, max_size=4),
       value=JSON_VALUES, raw=st.none() | RAW_TOKENS, unverified=st.booleans(),
       on_conflict=st.sampled_from([None, "keep-local", "take-incoming"]))
def test_fuzz_json_of_a_bundle(fuzz_home: Path, member: str, path: list[Any], value: Any, raw: str | None,
                               unverified: bool, on_conflict: str | None) -> None:
    """Replace one value deep inside the manifest, a case file or a work record (re-hashing the member so the
    change reaches the parsers), or splice in a hostile raw token."""
    bundle, services, lead_db = _fuzz_setup(fuzz_home)
    with zipfile.ZipFile(bundle) as archive:
        names = archive.namelist()
        name = member if member == "manifest.json" else next(n for n in names if n.startswith(member + "/"))
        data = json.loads(archive.read(name))
    node: Any = data
    for step in path[:-1]:
        child = node.get(step) if isinstance(node, dict) and isinstance(step, str) else \
            node[step] if isinstance(node, list) and isinstance(step, int) and step < len(node) else None
        if not isinstance(child, dict | list):
            break
        node = child
    marker = "__RAW__"
    if isinstance(node, dict):
        node[str(path[-1])] = marker if raw is not None else value
    elif isinstance(node, list) and node:
        node[int(path[-1]) % len(node) if isinstance(path[-1], int) else 0] = marker if raw is not None else value
    text = json.dumps(data, ensure_ascii=False).replace(f'"{marker}"', raw or "null")
    changed = {name: text.encode("utf-8", "surrogatepass")}
    if name != "manifest.json":
        manifest = _manifest(bundle)
        for entry in manifest["members"]:
            if entry["name"] == name:
                entry["sha256"] = hashlib.sha256(changed[name]).hexdigest()
        key = keys.installed_key()
        assert key is not None
        changed["manifest.json"] = _resigned(manifest, key)
    target = _rewrite(bundle, fuzz_home / "mutated.zip", changed)
    _assert_refused_cleanly(services, target, lead_db, unverified=unverified, on_conflict=on_conflict)
