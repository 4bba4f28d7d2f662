"""Sample packs and `casecheck samples`: export, import, integrity and trust, a trainer turning a demo case into a
pack, and a class's results."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import Any

import pytest

from desktop_app.cli import main
from desktop_app.core.checklists import item_states
from desktop_app.core.practice import compare_walk
from desktop_app.core.training import load_answer_key
from desktop_app.services import keys
from desktop_app.services.cases import CaseQuery
from desktop_app.services.container import open_services
from desktop_app.services.samples import builtin_samples_dir, imported_samples_dir, load_samples
from desktop_app.services.signed_zip import sign_manifest
from desktop_app.services.training_results import save_result

SAMPLE = "criminal.arrest_review"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def pack(tmp_path: Path, db_target: str, capsys: pytest.CaptureFixture[str]) -> Path:
    out = tmp_path / "pack.zip"
    code, text, _ = run(capsys, "--db", db_target, "samples", "export", SAMPLE, "criminal.prosecution_review",
                        "--out", str(out))
    assert code == 0 and "已导出 2 个示例" in text and "未签名" in text
    return out


def _rewrite(pack: Path, out: Path, change: dict[str, bytes | None]) -> Path:
    with zipfile.ZipFile(pack) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename not in change:
                target.writestr(info.filename, source.read(info.filename))
            elif change[info.filename] is not None:
                target.writestr(info.filename, change[info.filename] or b"")
        for name, data in change.items():
            if name not in source.namelist() and data is not None:
                target.writestr(name, data)
    return out


def _manifest(pack: Path) -> dict[str, Any]:
    return json.loads(zipfile.ZipFile(pack).read("manifest.json"))


def test_a_pack_exports_and_imports_where_the_program_finds_it(pack: Path, db_target: str,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    manifest = _manifest(pack)
    assert manifest["format"] == "casecheck.samplepack/1" and manifest["signature"] is None
    assert [s["name"] for s in manifest["samples"]] == [SAMPLE, "criminal.prosecution_review"]
    code, text, _ = run(capsys, "--db", db_target, "samples", "import", str(pack), "--dry-run")
    assert code == 0 and "试运行" in text and not imported_samples_dir().exists()
    code, text, _ = run(capsys, "--db", db_target, "samples", "import", str(pack))
    assert code == 0 and "新增 2" in text
    assert (imported_samples_dir() / f"{SAMPLE}.key.json").read_bytes() == \
        zipfile.ZipFile(pack).read(f"samples/{SAMPLE}.key.json")
    assert [s.name for s in load_samples() if s.origin == "imported"] == ["criminal.arrest_review",
                                                                          "criminal.prosecution_review"]
    code, text, _ = run(capsys, "--db", db_target, "--lang", "en", "samples", "import", str(pack))
    assert code == 0 and "0 new, 0 updated, 2 unchanged" in text
    code, text, _ = run(capsys, "--db", db_target, "samples", "list", "--format", "json")
    listed = json.loads(text)["samples"]
    assert sum(1 for s in listed if s["name"] == SAMPLE) == 2 and {s["origin"] for s in listed} == {"builtin",
                                                                                                    "imported"}


def _tamperings(pack: Path, tmp: Path) -> dict[str, Path]:
    key_member = f"samples/{SAMPLE}.key.json"
    original = zipfile.ZipFile(pack).read(key_member)
    changed_key = original.replace(b'"expected_flags": [', b'"expected_flags": ["FORGED",', 1)
    assert changed_key != original
    manifest = _manifest(pack)
    renamed = dict(manifest, samples=[dict(manifest["samples"][0], name="../evil")] + manifest["samples"][1:])
    not_zip, truncated = tmp / "f.zip", tmp / "g.zip"
    not_zip.write_bytes(b"PK\x03\x04garbage")
    truncated.write_bytes(pack.read_bytes()[:-40])
    return {
        "member altered": _rewrite(pack, tmp / "a.zip", {key_member: changed_key}),
        "member removed": _rewrite(pack, tmp / "b.zip", {key_member: None}),
        "member added": _rewrite(pack, tmp / "c.zip", {"samples/extra.json": b"{}"}),
        "unsafe name": _rewrite(pack, tmp / "d.zip", {"../evil.json": b"{}"}),
        "sample renamed": _rewrite(pack, tmp / "e.zip",
                                   {"manifest.json": json.dumps(renamed, ensure_ascii=False).encode("utf-8")}),
        "not a zip": not_zip,
        "truncated": truncated,
    }


def test_every_damaged_pack_is_refused_with_exit_2_and_nothing_written(pack: Path, tmp_path: Path, db_target: str,
                                                                         capsys: pytest.CaptureFixture[str]) -> None:
    for what, damaged in _tamperings(pack, tmp_path).items():
        code, _, err = run(capsys, "--db", db_target, "samples", "import", str(damaged))
        assert code == 2, what
        assert str(damaged) in err and "Traceback" not in err, what
        assert not imported_samples_dir().exists(), what
    code, _, err = run(capsys, "--db", db_target, "--lang", "en", "samples", "import",
                       str(_tamperings(pack, tmp_path)["member altered"]))
    assert code == 2 and "SHA-256 does not match" in err


def test_signed_packs_unknown_signers_and_an_altered_manifest(tmp_path: Path, db_target: str,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    keys.create_key_file(tmp_path / "unit.key")
    unit = keys.install_key(tmp_path / "unit.key")[0]
    signed = tmp_path / "signed.zip"
    code, text, _ = run(capsys, "--db", db_target, "samples", "export", SAMPLE, "--out", str(signed))
    assert code == 0 and unit.key_id in text
    # The manifest changed after signing, even re-hashed consistently: the signature no longer matches (exit 2).
    manifest = _manifest(signed)
    manifest["exported_by"] = {"login": "forger", "name": "伪造者"}
    forged = _rewrite(signed, tmp_path / "forged.zip", {"manifest.json": json.dumps(manifest).encode("utf-8")})
    code, _, err = run(capsys, "--db", db_target, "samples", "import", str(forged), "--unverified")
    assert code == 2 and "签名" in err
    assert run(capsys, "--db", db_target, "samples", "import", str(signed))[0] == 0

    # Another workstation with another key: refused as from an unknown signer (exit 4) unless --unverified.
    keys.installed_key_file().unlink()
    keys.create_key_file(tmp_path / "other.key")
    other = keys.install_key(tmp_path / "other.key")[0]
    for path in imported_samples_dir().iterdir():
        path.unlink()
    code, _, err = run(capsys, "--db", db_target, "samples", "import", str(signed))
    assert code == 4 and unit.key_id in err and not any(imported_samples_dir().iterdir())
    # An unsigned pack on a workstation with a key is refused too; a pack re-signed under the local key passes.
    unsigned = _rewrite(signed, tmp_path / "unsigned.zip", {"manifest.json": json.dumps(
        dict(_manifest(signed), signature=None)).encode("utf-8")})
    assert run(capsys, "--db", db_target, "samples", "import", str(unsigned))[0] == 4
    resigned = dict(_manifest(signed), signature=None)
    resigned["signature"] = sign_manifest(resigned, other)
    ok = _rewrite(signed, tmp_path / "resigned.zip", {"manifest.json": json.dumps(resigned).encode("utf-8")})
    code, text, _ = run(capsys, "--db", db_target, "samples", "import", str(ok))
    assert code == 0 and "已验证" in text
    code, text, _ = run(capsys, "--db", db_target, "samples", "import", str(signed), "--unverified")
    assert code == 0 and "未经验证" in text


def test_a_trainer_turns_a_demo_case_into_a_pack_and_a_trainee_practises_it(
        tmp_path: Path, db_target: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "--db", db_target, "demo", "--cases", "5", "--today", "2026-03-20")[0] == 0
    services = open_services(db_target)
    case = next(services.cases.iter_cases(CaseQuery()))
    services.close()
    out = tmp_path / "demo-pack.zip"
    code, text, _ = run(capsys, "--db", db_target, "samples", "anonymise", case.case_no, "--out", str(out),
                        "--name", "demo.sample", "--today", "2026-03-20", "--replace", f"{case.prosecutor}=检察官某")
    assert code == 0, text
    assert f"{case.case_no} →" in text and f"{case.prosecutor} → 检察官某" in text
    for blob in [out.read_bytes(), *(zipfile.ZipFile(out).read(n) for n in zipfile.ZipFile(out).namelist())]:
        assert case.case_no.encode("utf-8") not in blob
    assert run(capsys, "--db", db_target, "samples", "import", str(out))[0] == 0
    sample = next(s for s in load_samples() if s.name == "demo.sample")
    assert sample.case.case_no != case.case_no and sample.key.case_no == sample.case.case_no

    # A trainee practises it (all items left unanswered) and the trainer reads the class's results.
    services = open_services(db_target)
    template = services.templates.current(sample.case.case_type)[1]
    result = compare_walk(sample.key, item_states(template, sample.case, {}))
    save_result(services.database, services.actor, sample.name, result)
    services.close()
    code, text, _ = run(capsys, "--db", db_target, "samples", "results", "--format", "json")
    report = json.loads(text)
    assert code == 0 and report["runs"][0]["sample"] == "demo.sample"
    assert report["runs"][0]["score"] == result.score
    fails = sum(1 for i in sample.key.items.values() if i.expected == "fail")
    assert sum(m["missed"] for m in report["most_missed"]) == fails == report["runs"][0]["missed"]


def test_bad_input_to_the_samples_commands(tmp_path: Path, db_target: str,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "--db", db_target, "samples", "anonymise", "京朝检刑诉〔2099〕1号", "--out",
                       str(tmp_path / "x.zip"))
    assert code == 2 and "京朝检刑诉〔2099〕1号" in err and not (tmp_path / "x.zip").exists()
    code, _, err = run(capsys, "--db", db_target, "--lang", "en", "samples", "export", "no.such", "--out",
                       str(tmp_path / "y.zip"))
    assert code == 2 and "no sample named no.such" in err
    code, _, err = run(capsys, "--db", db_target, "samples", "import", str(tmp_path / "missing.zip"))
    assert code == 2 and "文件不存在" in err
    assert load_answer_key(builtin_samples_dir() / f"{SAMPLE}.key.json").case_no
