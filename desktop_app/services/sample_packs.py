"""Sample packs (`casecheck.samplepack/1`): training samples and their keys carried between workstations as a file.

A pack is a ZIP of `samples/<name>.json` (a case, `casecheck.case/1`) and `samples/<name>.key.json` (its answer key)
with a manifest listing every member's SHA-256, signed with the procuratorate key where one is installed. It gets
the same checks as an exchange bundle (`signed_zip`): safe names, zip-bomb limits, strict JSON, every hash, and
the signature — damage is refused (exit 2), an unknown or missing signer too unless imported as unverified (exit 4).
Imported samples are written to the per-user data folder (`samples.imported_samples_dir`), all or nothing.

A trainer makes a pack from a real case with `anonymised_sample`: the case is de-identified (`core.anonymise`),
a first key is drafted from the work done on it, and the same replacements are applied to the key.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import shutil
import tempfile
import uuid
import zipfile
import zlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desktop_app import __version__
from desktop_app.core.anonymise import Anonymised, Replacement, anonymise, leftovers, rewrite
from desktop_app.core.case import Case
from desktop_app.core.case_format import CaseFormatError, case_from_dict, case_to_dict
from desktop_app.core.evaluation import evaluate_case
from desktop_app.core.i18n import tr
from desktop_app.core.training import AnswerKey, AnswerKeyError, answer_key_from_dict, answer_key_to_dict, draft_key
from desktop_app.services import audit, permissions
from desktop_app.services.bundles import workstation
from desktop_app.services.cases import validate_case
from desktop_app.services.container import Services
from desktop_app.services.errors import PermissionDenied, ServiceError
from desktop_app.services.keys import installed_key
from desktop_app.services.samples import imported_samples_dir, load_samples
from desktop_app.services.signed_zip import (
    MANIFEST,
    MAX_MANIFEST_BYTES,
    ArchiveError,
    Checker,
    check_archive,
    check_signature,
    file_sha256,
    parse_member_json,
    read_member,
    write_manifest,
)
from desktop_app.services.uow import UnitOfWork

PACK_FORMAT = "casecheck.samplepack/1"
#: A sample's name is its file name without `.json`: letters, digits, `.`, `_`, `-` (Chinese letters too).
NAME_PATTERN = re.compile(r"^[^\W_][\w.-]{0,99}$")


class PackError(ArchiveError):
    """The pack is damaged, altered or not a sample pack: exit 2, nothing written."""


class PackNotTrusted(PermissionDenied):
    """The pack is intact but not signed under the key installed here: exit 4 unless imported as unverified."""


class _Checker(Checker):
    error = PackError


@dataclass(frozen=True)
class PackSample:
    name: str
    case: Case
    key: AnswerKey


@dataclass(frozen=True)
class PackSummary:
    samples: int
    signed_by: str | None
    sha256: str


@dataclass
class ImportedPack:
    verified: bool
    key_id: str | None
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    dry_run: bool = False


@dataclass(frozen=True)
class AnonymisedSample:
    name: str
    source_case_no: str
    anonymised: Anonymised
    key: AnswerKey

    @property
    def sample(self) -> PackSample:
        return PackSample(self.name, self.anonymised.case, self.key)


def check_name(name: str) -> str:
    if not NAME_PATTERN.match(name) or name.endswith(".key"):
        raise ServiceError(tr(f"示例名称 {name[:100]!r} 无效：只能含字母、数字、“.”“_”“-”，不超过 100 个字符",
                              f"invalid sample name {name[:100]!r}: letters, digits, '.', '_', '-' only, at most "
                              "100 characters"))
    return name


def _member_bytes(data: dict[str, Any]) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _files(sample: PackSample) -> tuple[bytes, bytes]:
    return _member_bytes(case_to_dict(sample.case)), _member_bytes(answer_key_to_dict(sample.key))


# --- library ---------------------------------------------------------------------------------------------------
def library(names: Sequence[str] = ()) -> list[PackSample]:
    """The samples of the library (shipped and imported) by name, or all of them; an unknown name is bad input."""
    samples = {s.name: s for s in reversed(load_samples())}  # a shipped sample wins over an imported namesake
    unknown = [n for n in names if n not in samples]
    if unknown:
        raise ServiceError(tr(f"没有名为 {'、'.join(unknown)} 的示例（casecheck samples list 列出全部示例）",
                              f"no sample named {', '.join(unknown)} (casecheck samples list shows them)"))
    chosen = [samples[n] for n in names] if names else sorted(samples.values(), key=lambda s: s.name)
    return [PackSample(s.name, s.case, s.key) for s in chosen]


# --- export ----------------------------------------------------------------------------------------------------
def export_pack(services: Services, samples: Sequence[PackSample], out: Path, *,
                originals: Sequence[str] = ()) -> PackSummary:
    """Write the pack atomically and audit it. `originals` (of an anonymised case) must appear nowhere in it."""
    if not samples:
        raise ServiceError(tr("没有要导出的示例", "no sample to export"))
    names = [check_name(s.name) for s in samples]
    if len(set(names)) != len(names):
        raise ServiceError(tr("示例名称重复", "a sample name appears twice"))
    for sample in samples:
        _check_pair(sample.case, sample.key, sample.name)
        found = leftovers([case_to_dict(sample.case), answer_key_to_dict(sample.key)], list(originals))
        if found:
            raise ServiceError(tr(f"示例 {sample.name} 中仍有未替换的原文（{found[0][0]}），未导出",
                                  f"sample {sample.name} still holds an original ({found[0][0]}); not exported"))
    key = installed_key()
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".part")
    members: list[dict[str, Any]] = []
    listed: list[dict[str, str]] = []
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for sample in samples:
            case_member, key_member = f"samples/{sample.name}.json", f"samples/{sample.name}.key.json"
            for member, raw in zip((case_member, key_member), _files(sample), strict=True):
                archive.writestr(member, raw)
                members.append({"name": member, "sha256": hashlib.sha256(raw).hexdigest(), "size": len(raw)})
            listed.append({"name": sample.name, "case": case_member, "key": key_member})
        manifest: dict[str, Any] = {
            "format": PACK_FORMAT, "pack_id": str(uuid.uuid4()),
            "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"), "program_version": __version__,
            "exported_by": {"login": services.actor.login, "name": services.actor.display_name},
            "workstation": workstation(), "samples": listed, "members": members, "signature": None}
        write_manifest(archive, manifest, key)
    sha = file_sha256(tmp)
    with UnitOfWork(services.database) as uow:
        audit.record(uow.session, services.actor, "samples.export", "samplepack", manifest["pack_id"],
                     {"file": out.name, "sha256": sha, "samples": names[:1000], "key_id": key.key_id if key else None})
        tmp.replace(out)
        uow.commit()
    return PackSummary(len(samples), key.key_id if key else None, sha)


def _check_pair(case: Case, key: AnswerKey, where: str) -> None:
    try:
        validate_case(case)
    except ServiceError as exc:
        raise ServiceError(f"{where}: {exc.problems[0]}", [f"{where}: {p}" for p in exc.problems[:100]]) from None
    if key.case_no != case.case_no:
        raise ServiceError(f"{where}: case_no: " + tr(f"答案要点针对案件 {key.case_no}，与示例案件 {case.case_no} 不符",
                                                     f"the key is for {key.case_no}, not {case.case_no}"))


# --- anonymising a real case -----------------------------------------------------------------------------------
def anonymised_sample(services: Services, case_no: str, *, name: str | None = None,
                      overrides: Mapping[str, str] | None = None, today: dt.date | None = None) -> AnonymisedSample:
    """A real case of the database as a de-identified sample with a drafted key, for the trainer to review."""
    permissions.check(services.actor, "case.read")
    case = services.cases.get(case_no)
    view = services.inspections.latest_for_case(case_no)
    template = view.template if view is not None else services.context.templates.get(case.case_type)
    answers = dict(view.answers) if view is not None else {}
    evaluation = evaluate_case(case, today or dt.date.today(), services.context)
    key = draft_key(evaluation, template, answers)
    try:
        result = anonymise(case, overrides)
    except ValueError as exc:
        raise ServiceError(str(exc)) from None
    table = result.table()
    key = answer_key_from_dict(rewrite(answer_key_to_dict(key), table), "<anonymised key>")
    default = f"{case.case_type}.{uuid.uuid5(uuid.NAMESPACE_URL, result.case.case_no).hex[:8]}"
    return AnonymisedSample(check_name(name or default), case_no, result, key)


def export_anonymised(services: Services, sample: AnonymisedSample, out: Path) -> PackSummary:
    """Export one anonymised sample; the export is refused if any original is still anywhere in it."""
    originals = [r.original for r in sample.anonymised.replacements]
    summary = export_pack(services, [sample.sample], out, originals=originals)
    with UnitOfWork(services.database) as uow:
        audit.record(uow.session, services.actor, "samples.anonymise", "case", sample.source_case_no,
                     {"sample": sample.name, "replacements": len(originals), "file": out.name, "sha256": summary.sha256})
        uow.commit()
    return summary


def replacement_lines(replacements: Sequence[Replacement]) -> list[str]:
    """The review list the CLI prints: kind, original → replacement, how often."""
    return [tr(f"{r.kind_label}：{r.original} → {r.replacement}（{r.count} 处）",
               f"{r.kind}: {r.original} -> {r.replacement} ({r.count}x)") for r in replacements]


# --- import ----------------------------------------------------------------------------------------------------
def read_pack(path: Path, *, unverified: bool = False) -> tuple[list[tuple[PackSample, bytes, bytes]], bool, str | None]:
    """Check everything and parse the pack; nothing is written. Returns the samples with their member bytes."""
    check = _Checker(str(path))
    try:
        with zipfile.ZipFile(path) as archive:
            infos = check_archive(archive, check)
            if MANIFEST not in infos:
                raise check.fail(MANIFEST, "缺少清单", "the manifest is missing")
            if infos[MANIFEST].file_size > MAX_MANIFEST_BYTES:
                raise check.fail(MANIFEST, "清单过大", "the manifest is too large")
            manifest = parse_member_json(read_member(archive, infos[MANIFEST], check), MANIFEST, check)
            listed = _check_manifest(manifest, infos, check)
            samples = []
            for name, case_member, key_member, hashes in listed:
                raw = []
                for member in (case_member, key_member):
                    data = read_member(archive, infos[member], check)
                    if hashlib.sha256(data).hexdigest() != hashes[member]:
                        raise check.fail(member, "SHA-256 与清单不符：成员在导出后被改动",
                                         "SHA-256 does not match the manifest: the member was altered after export")
                    raw.append(data)
                samples.append((_parse_sample(name, case_member, key_member, raw, check), raw[0], raw[1]))
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError, ValueError) as exc:
        raise check.fail("", f"示例包已损坏或不是示例包（{str(exc)[:200]}）",
                         f"the pack is damaged or not a sample pack ({str(exc)[:200]})") from None
    except OSError as exc:
        raise check.fail("", f"无法读取（{exc.strerror or exc}）", f"cannot read ({exc.strerror or exc})") from None
    key = installed_key()
    verified, key_id = check_signature(manifest, key, check)
    if not verified and not unverified and not (key is None and key_id is None):
        reason = tr("示例包未签名", "the pack is not signed") if key_id is None else \
            tr(f"示例包由未知的单位密钥 {key_id} 签名", f"the pack is signed by an unknown key {key_id}")
        raise PackNotTrusted(f"{path}: " + reason + tr("，拒绝导入；如确需导入，请加 --unverified",
                                                       "; refused. Use --unverified to import it anyway"))
    return samples, verified, key_id


def _check_manifest(manifest: Any, infos: dict[str, zipfile.ZipInfo],
                    check: _Checker) -> list[tuple[str, str, str, dict[str, str]]]:
    if not isinstance(manifest, dict) or manifest.get("format") != PACK_FORMAT:
        raise check.fail(MANIFEST, f"format: 应为 {PACK_FORMAT}", f"format: must be {PACK_FORMAT}")
    members, samples = manifest.get("members"), manifest.get("samples")
    if not isinstance(members, list) or not isinstance(samples, list):
        raise check.fail(MANIFEST, "members/samples: 应为列表", "members/samples: must be lists")
    hashes: dict[str, str] = {}
    for index, entry in enumerate(members):
        if not isinstance(entry, dict) or not isinstance(entry.get("name"), str) \
                or not isinstance(entry.get("sha256"), str) or entry["name"] in hashes:
            raise check.fail(f"{MANIFEST}: members[{index}]", "应为含 name 和 sha256 的对象，且不重复",
                             "must be an object with name and sha256, not repeated")
        if entry["name"] not in infos:
            raise check.fail(f"{MANIFEST}: members[{index}]", f"name: 示例包中缺少成员 {entry['name'][:200]}",
                             f"name: member {entry['name'][:200]} is missing")
        hashes[entry["name"]] = entry["sha256"].lower()
    extra = sorted(set(infos) - set(hashes) - {MANIFEST})
    if extra:
        raise check.fail(extra[0][:200], "成员未在清单中列出", "member is not listed in the manifest")
    listed = []
    seen: set[str] = set()
    for index, entry in enumerate(samples):
        where = f"{MANIFEST}: samples[{index}]"
        name = entry.get("name") if isinstance(entry, dict) else None
        if not isinstance(name, str) or not NAME_PATTERN.match(name) or name in seen:
            raise check.fail(where, "name: 示例名称无效或重复", "name: invalid or repeated sample name")
        case_member, key_member = f"samples/{name}.json", f"samples/{name}.key.json"
        if entry.get("case") != case_member or entry.get("key") != key_member \
                or case_member not in hashes or key_member not in hashes:
            raise check.fail(where, f"case/key: 应为清单中的 {case_member} 和 {key_member}",
                             f"case/key: must be {case_member} and {key_member} of the manifest")
        seen.add(name)
        listed.append((name, case_member, key_member, hashes))
    if len(listed) * 2 != len(hashes):
        raise check.fail(MANIFEST, "members: 含有不属于任何示例的成员", "members: a member belongs to no sample")
    return listed


def _parse_sample(name: str, case_member: str, key_member: str, raw: list[bytes], check: _Checker) -> PackSample:
    try:
        case = case_from_dict(parse_member_json(raw[0], case_member, check), f"{check.source}!{case_member}")
        key = answer_key_from_dict(parse_member_json(raw[1], key_member, check), f"{check.source}!{key_member}")
    except (CaseFormatError, AnswerKeyError) as exc:
        raise PackError(exc.problems[0], exc.problems[:100]) from None
    try:
        _check_pair(case, key, f"{check.source}!{case_member}")
    except ServiceError as exc:
        raise PackError(exc.problems[0], exc.problems[:100]) from None
    return PackSample(name, case, key)


def import_pack(services: Services, path: Path, *, unverified: bool = False, dry_run: bool = False) -> ImportedPack:
    """Check the whole pack, then write its samples to the imported-samples folder, all or nothing, and audit it."""
    permissions.check(services.actor, "training.practise")
    samples, verified, key_id = read_pack(path, unverified=unverified)
    summary = ImportedPack(verified, key_id, dry_run=dry_run)
    folder = imported_samples_dir()
    writes: list[tuple[Path, bytes]] = []
    for sample, case_raw, key_raw in samples:
        targets = [(folder / f"{sample.name}.json", case_raw), (folder / f"{sample.name}.key.json", key_raw)]
        if all(t.exists() and t.read_bytes() == raw for t, raw in targets):
            summary.unchanged.append(sample.name)
            continue
        (summary.updated if targets[0][0].exists() else summary.created).append(sample.name)
        writes.extend(targets)
    if dry_run or not writes:
        return summary
    folder.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".import-", dir=folder))
    try:
        for target, raw in writes:
            (staging / target.name).write_bytes(raw)
        with UnitOfWork(services.database) as uow:
            audit.record(uow.session, services.actor, "samples.import", "samplepack",
                         str(path.name)[:128], {"created": summary.created, "updated": summary.updated,
                                                "verified": verified, "key_id": key_id})
            for target, _ in writes:
                os.replace(staging / target.name, target)
            uow.commit()
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return summary
