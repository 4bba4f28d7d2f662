"""Offline exchange between workstations: a zip of case files, the work done on them, and a signed manifest.

The format (`casecheck.bundle/2`) is a contract between program versions, documented in docs/bundle-format.md.
A team lead gathers prosecutors' cases this way, so an import trusts nothing it has not checked: member names,
sizes and compression ratios (zip bombs), every member's SHA-256 against the manifest, and the manifest's HMAC
under the procuratorate key. Records merge by stable ids; a record changed on both sides since the last exchange
is a conflict that is listed, never overwritten silently. Importing is all or nothing and audited.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import platform
import uuid
import zipfile
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session, selectinload

from db.engine import head_revision
from db.models import (
    AnswerRecord,
    CaseRecord,
    ChecklistTemplateVersion,
    ExchangeBase,
    GradeOverride,
    Inspection,
    Rectification,
    User,
)
from desktop_app import __version__
from desktop_app.core.case import ANSWER_VALUES, Case
from desktop_app.core.case_format import CaseFormatError, case_from_dict, case_to_dict
from desktop_app.core.checklist_model import INSPECTION_KINDS
from desktop_app.core.i18n import tr
from desktop_app.core.rectification import RECTIFICATION_STATUSES
from desktop_app.core.scoring import GRADE_CODES
from desktop_app.services import audit, permissions
from desktop_app.services.case_mapping import apply_case, audit_snapshot, case_from_record
from desktop_app.services.cases import validate_case
from desktop_app.services.container import Services
from desktop_app.services.errors import PermissionDenied, ServiceError
from desktop_app.services.keys import installed_key
from desktop_app.services.signed_zip import (
    MANIFEST,
    MAX_MANIFEST_BYTES,
    ArchiveError,
    Checker,
    canonical,
    check_archive,
    check_signature,
    file_sha256,
    parse_member_json,
    read_member,
    safe_member_name,
    write_manifest,
)
from desktop_app.services.uow import UnitOfWork

BUNDLE_FORMAT = "casecheck.bundle/2"
FORMAT_PREFIX = "casecheck.bundle/"
FORMAT_VERSION = 2
WORK_FORMAT = "casecheck.bundle-work/1"

CONFLICT_CHOICES = ("keep-local", "take-incoming")


class BundleError(ArchiveError):
    """The bundle is damaged, altered or not a bundle: exit 2, nothing written."""


class BundleNotTrusted(PermissionDenied):
    """The bundle is intact but not signed under the key installed here: exit 4 unless imported as 未经验证."""


@dataclass(frozen=True)
class Conflict:
    kind: str
    uid: str
    label: str


class BundleConflicts(Exception):
    """Records changed on both sides: nothing was written (exit 1) and the list is printed."""

    def __init__(self, summary: ImportSummary) -> None:
        self.summary = summary
        super().__init__(f"{len(summary.conflicts)} conflicts")


# --- canonical content ---------------------------------------------------------------------------------------------
def _digest(value: Any) -> str:
    return hashlib.sha256(canonical(value).encode("utf-8")).hexdigest()


def case_content(case: Case) -> dict[str, Any]:
    """What a case is for merging: its interchange form without answers (those belong to inspections)."""
    data = case_to_dict(case)
    data.pop("answers", None)
    return data


def _inspection_content(item: dict[str, Any]) -> dict[str, Any]:
    """The parts of an inspection that a merge compares; times and who-imported-it are not content."""
    override = item.get("override")
    return {"kind": item["kind"], "template_id": item["template_id"], "template_version": item["template_version"],
            "answers": item["answers"],
            "override": None if override is None else {k: override[k] for k in
                                                       ("grade_code", "reason", "proposed_code", "score")}}


RECTIFICATION_FIELDS = ("key", "problem", "basis", "heading", "owner", "due", "status", "reason", "note")


def _rectification_dict(row: Rectification) -> dict[str, Any]:
    return {"key": row.key, "problem": row.problem, "basis": row.basis, "heading": row.heading, "owner": row.owner,
            "due": row.due.isoformat() if row.due else None, "status": row.status, "reason": row.reason,
            "note": row.note}


def _person(user: User | None) -> dict[str, str]:
    return {"login": user.login if user else "", "name": user.display_name if user else ""}


def _inspection_dict(session: Session, inspection: Inspection) -> dict[str, Any]:
    version = session.get(ChecklistTemplateVersion, inspection.template_version_id)
    assert version is not None
    answers = {a.item_id: {"value": a.value, "note": a.note} for a in session.scalars(
        select(AnswerRecord).where(AnswerRecord.inspection_id == inspection.id).order_by(AnswerRecord.id))}
    row = session.scalar(select(GradeOverride).where(GradeOverride.inspection_id == inspection.id))
    override = None if row is None else {
        "grade_code": row.grade_code, "reason": row.reason, "proposed_code": row.proposed_code, "score": row.score,
        "by": _person(session.get(User, row.user_id)), "at": row.at.isoformat(timespec="seconds")}
    return {"uid": inspection.uid, "kind": inspection.kind, "inspector": _person(session.get(User, inspection.user_id)),
            "template_id": version.template_id, "template_version": version.version,
            "started_at": inspection.started_at.isoformat(timespec="seconds"),
            "updated_at": inspection.updated_at.isoformat(timespec="seconds"), "answers": answers,
            "override": override}


def _latest_answers(work: dict[str, Any]) -> dict[str, Any]:
    inspections = work["inspections"]
    if not inspections:
        return {}
    return dict(max(inspections, key=lambda i: i["updated_at"])["answers"])


def workstation() -> str:
    return (platform.node() or "unknown")[:64]


# --- export --------------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class ExportSummary:
    cases: int
    inspections: int
    rectifications: int
    signed_by: str | None
    sha256: str


def _case_work(session: Session, record: CaseRecord) -> tuple[Case, dict[str, Any], list[tuple[str, str, str]]]:
    """A stored case as a bundle carries it: the case, its work (inspections, 整改 lines) and the merge bases
    (kind, uid, content hash) of all three."""
    case = case_from_record(record)
    inspections = [_inspection_dict(session, i) for i in session.scalars(
        select(Inspection).where(Inspection.case_id == record.id).order_by(Inspection.id))]
    lines = [_rectification_dict(r) for r in session.scalars(
        select(Rectification).where(Rectification.case_id == record.id).order_by(Rectification.key))]
    work = {"format": WORK_FORMAT, "case_uid": record.uid, "inspections": inspections, "rectifications": lines}
    bases = [("case", record.uid, _digest(case_content(case)))]
    bases.extend(("inspection", i["uid"], _digest(_inspection_content(i))) for i in inspections)
    bases.extend(("rectification", f"{record.uid}/{r['key']}", _digest(r)) for r in lines)
    return case, work, bases


def store_bases(session: Session, bases: Sequence[tuple[str, str, str]]) -> None:
    """Remember records as exchanged now (kind, uid, content hash), the base against which the next merge tells a
    change on one side from a change on both."""
    for kind, uid, content_hash in bases:
        session.merge(ExchangeBase(kind=kind, uid=uid, content_hash=content_hash, at=dt.datetime.now()))


def current_bases(session: Session) -> list[tuple[str, str, str]]:
    """The merge bases of every case held, as an export of all of them would record them (a full database copy
    records them on both sides, so the next merge either way sees only what changed since)."""
    bases: list[tuple[str, str, str]] = []
    for record in session.scalars(select(CaseRecord).order_by(CaseRecord.id).options(
            selectinload(CaseRecord.evidence), selectinload(CaseRecord.events))):
        bases.extend(_case_work(session, record)[2])
    return bases


def export_bundle(services: Services, case_nos: Sequence[str], out: Path) -> ExportSummary:
    """Write the bundle (atomically), then remember what was sent as the base of the next merge, and audit it."""
    key = installed_key()
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".part")
    members: list[dict[str, Any]] = []
    case_members: list[str] = []
    bases: list[tuple[str, str, str]] = []
    counts = {"cases": 0, "inspections": 0, "rectifications": 0}
    with services.database.sessions() as session, \
            zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        head = audit.read_head(session)

        def add(name: str, data: dict[str, Any]) -> None:
            raw = json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")
            archive.writestr(name, raw)
            members.append({"name": name, "sha256": hashlib.sha256(raw).hexdigest(), "size": len(raw)})

        for case_no in case_nos:
            record = session.scalar(select(CaseRecord).where(CaseRecord.case_no == case_no).options(
                selectinload(CaseRecord.evidence), selectinload(CaseRecord.events)))
            if record is None:
                continue
            case, work, record_bases = _case_work(session, record)
            inspections, lines = work["inspections"], work["rectifications"]
            case_dict = case_to_dict(case)
            case_dict["answers"] = _latest_answers(work)
            name = f"cases/{record.uid}.json"
            add(name, case_dict)
            add(f"work/{record.uid}.json", work)
            case_members.append(name)
            bases.extend(record_bases)
            counts["cases"] += 1
            counts["inspections"] += len(inspections)
            counts["rectifications"] += len(lines)
        manifest: dict[str, Any] = {
            "format": BUNDLE_FORMAT, "bundle_id": str(uuid.uuid4()),
            "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "program_version": __version__, "schema_version": head_revision(),
            "exported_by": {"login": services.actor.login, "name": services.actor.display_name},
            "workstation": workstation(), "audit_head": head.full(), "counts": counts,
            "cases": case_members, "members": members, "signature": None}
        write_manifest(archive, manifest, key)
    sha = file_sha256(tmp)
    with UnitOfWork(services.database) as uow:
        store_bases(uow.session, bases)
        audit.record(uow.session, services.actor, "bundle.export", "bundle", manifest["bundle_id"],
                     {"file": out.name, "sha256": sha, "counts": counts, "key_id": key.key_id if key else None,
                      "case_nos": list(case_nos)[:1000]})
        tmp.replace(out)
        uow.commit()
    return ExportSummary(counts["cases"], counts["inspections"], counts["rectifications"],
                         key.key_id if key else None, sha)


# --- reading and checking ------------------------------------------------------------------------------------------
class _Checker(Checker):
    error = BundleError


@dataclass
class IncomingInspection:
    uid: str
    data: dict[str, Any]
    content_hash: str


@dataclass
class IncomingCase:
    uid: str
    case: Case
    content_hash: str
    source: str
    inspections: list[IncomingInspection] = field(default_factory=list)
    rectifications: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class Bundle:
    path: Path
    sha256: str
    manifest: dict[str, Any]
    cases: list[IncomingCase]
    verified: bool
    key_id: str | None

    @property
    def sender(self) -> str:
        who = self.manifest.get("exported_by")
        login = who.get("login", "") if isinstance(who, dict) else ""
        return f"{login}@{self.manifest.get('workstation', '')}"


def _check_format(manifest: Any, check: _Checker) -> dict[str, Any]:
    if not isinstance(manifest, dict):
        raise check.fail(MANIFEST, "应为 JSON 对象", "must be a JSON object")
    fmt = manifest.get("format")
    if not isinstance(fmt, str) or not fmt.startswith(FORMAT_PREFIX):
        raise check.fail(MANIFEST, f"format: 应为 {BUNDLE_FORMAT}", f"format: must be {BUNDLE_FORMAT}")
    version = fmt[len(FORMAT_PREFIX):]
    if not version.isdigit() or len(version) > 6:
        raise check.fail(MANIFEST, f"format: 未知的格式 {fmt[:80]!r}", f"format: unknown format {fmt[:80]!r}")
    if int(version) > FORMAT_VERSION:
        raise check.fail(MANIFEST, f"format: {fmt} 由更新版本的程序生成，请升级本程序后再导入",
                         f"format: {fmt} was made by a newer program; upgrade this one to import it")
    if int(version) < FORMAT_VERSION:
        raise check.fail(MANIFEST, f"format: 旧格式 {fmt} 不含校验值和签名，无法验证；请用新版本程序重新导出",
                         f"format: the old format {fmt} has no hashes or signature; export it again with this "
                         "version")
    return manifest


def _check_members(manifest: dict[str, Any], infos: dict[str, zipfile.ZipInfo], check: _Checker) -> dict[str, str]:
    """Every member listed with its SHA-256, nothing unlisted in the archive; returns name → sha256."""
    listed = manifest.get("members")
    if not isinstance(listed, list):
        raise check.fail(MANIFEST, "members: 应为列表", "members: must be a list")
    hashes: dict[str, str] = {}
    for index, entry in enumerate(listed):
        where = f"{MANIFEST}: members[{index}]"
        if not isinstance(entry, dict) or not isinstance(entry.get("name"), str) \
                or not isinstance(entry.get("sha256"), str):
            raise check.fail(where, "应为含 name 和 sha256 的对象", "must be an object with name and sha256")
        name = entry["name"]
        if name == MANIFEST or not safe_member_name(name) or name in hashes:
            raise check.fail(where, f"name: 成员名不安全或重复：{name[:200]!r}", f"name: unsafe or repeated: {name[:200]!r}")
        if name not in infos:
            raise check.fail(where, f"name: 交换包中缺少成员 {name[:200]}", f"name: member {name[:200]} is missing")
        hashes[name] = entry["sha256"].lower()
    extra = sorted(set(infos) - set(hashes) - {MANIFEST})
    if extra:
        raise check.fail(extra[0][:200], "成员未在清单中列出", "member is not listed in the manifest")
    cases = manifest.get("cases")
    if not isinstance(cases, list) or not all(isinstance(c, str) for c in cases):
        raise check.fail(MANIFEST, "cases: 应为成员名（字符串）的列表", "cases: must be a list of member names (strings)")
    seen: set[str] = set()
    for index, name in enumerate(cases):
        if name not in hashes or not name.startswith("cases/") or name in seen:
            raise check.fail(f"{MANIFEST}: cases[{index}]", f"不是清单中的案件成员或重复：{name[:200]!r}",
                             f"not a case member of the manifest, or repeated: {name[:200]!r}")
        seen.add(name)
    return hashes


def _text(data: dict[str, Any], key: str, where: str, check: _Checker, *, limit: int = 10_000) -> str:
    value = data.get(key)
    if not isinstance(value, str) or len(value) > limit:
        raise check.fail(where, f"{key}: 应为不超过 {limit} 字的文本", f"{key}: must be text of at most {limit} "
                         "characters")
    return value


def _read_inspection(raw: Any, where: str, check: _Checker) -> IncomingInspection:
    if not isinstance(raw, dict):
        raise check.fail(where, "应为对象", "must be an object")
    uid = _text(raw, "uid", where, check, limit=36)
    kind = _text(raw, "kind", where, check, limit=16)
    if kind not in INSPECTION_KINDS:
        raise check.fail(where, f"kind: 未知的检查方式 {kind!r}", f"kind: unknown inspection kind {kind!r}")
    _text(raw, "template_id", where, check, limit=64)
    _text(raw, "template_version", where, check, limit=32)
    _text(raw, "updated_at", where, check, limit=40)
    inspector = raw.get("inspector")
    if not isinstance(inspector, dict):
        raise check.fail(where, "inspector: 应为对象", "inspector: must be an object")
    _text(inspector, "login", f"{where}.inspector", check, limit=64)
    _text(inspector, "name", f"{where}.inspector", check, limit=64)
    answers = raw.get("answers")
    if not isinstance(answers, dict):
        raise check.fail(where, "answers: 应为对象", "answers: must be an object")
    for item_id, answer in answers.items():
        spot = f"{where}.answers.{item_id[:64]}"
        if len(item_id) > 64 or not isinstance(answer, dict) or answer.get("value") not in ANSWER_VALUES \
                or not isinstance(answer.get("note", ""), str):
            raise check.fail(spot, "应为 {value: pass|fail|na|unsure, note: 文本}", "must be {value: "
                             "pass|fail|na|unsure, note: text}")
    override = raw.get("override")
    if override is not None:
        spot = f"{where}.override"
        if not isinstance(override, dict) or override.get("grade_code") not in GRADE_CODES \
                or override.get("proposed_code") not in GRADE_CODES or not isinstance(override.get("reason"), str) \
                or not override["reason"].strip() or isinstance(override.get("score"), bool) \
                or not isinstance(override.get("score"), int | float):
            raise check.fail(spot, "应含 grade_code、proposed_code、reason（非空）和 score", "must have grade_code, "
                             "proposed_code, a reason and a score")
        by = override.get("by", {"login": "", "name": ""})
        if not isinstance(by, dict):
            raise check.fail(spot, "by: 应为对象", "by: must be an object")
        _text(by, "login", f"{spot}.by", check, limit=64)
        _text(by, "name", f"{spot}.by", check, limit=64)
    return IncomingInspection(uid, raw, _digest(_inspection_content(raw)))


def _read_rectification(raw: Any, where: str, check: _Checker) -> dict[str, Any]:
    if not isinstance(raw, dict):
        raise check.fail(where, "应为对象", "must be an object")
    line = {name: raw.get(name) for name in RECTIFICATION_FIELDS}
    for name in RECTIFICATION_FIELDS:
        if name == "due":
            continue
        _text(line, name, where, check, limit=64 if name in ("key", "owner") else 10_000)
    if line["status"] not in RECTIFICATION_STATUSES:
        raise check.fail(where, f"status: 未知的状态 {line['status']!r}", f"status: unknown {line['status']!r}")
    if line["due"] is not None:
        try:
            dt.date.fromisoformat(str(line["due"]))
        except ValueError:
            raise check.fail(where, "due: 日期格式应为 YYYY-MM-DD", "due: must be YYYY-MM-DD") from None
    return line


def _read_case(archive: zipfile.ZipFile, infos: dict[str, zipfile.ZipInfo], hashes: dict[str, str], name: str,
               check: _Checker) -> IncomingCase:
    uid = name[len("cases/"):-len(".json")] if name.endswith(".json") else ""
    work_name = f"work/{uid}.json"
    try:
        uuid.UUID(uid)
    except ValueError:
        raise check.fail(name[:200], "成员名应为 cases/<uid>.json", "member name must be cases/<uid>.json") from None
    if work_name not in hashes:
        raise check.fail(work_name, "清单中缺少该案件的工作记录", "the work record of this case is not listed")
    raw = {}
    for member in (name, work_name):
        data = read_member(archive, infos[member], check)
        if hashlib.sha256(data).hexdigest() != hashes[member]:
            raise check.fail(member, "SHA-256 与清单不符：成员在导出后被改动", "SHA-256 does not match the manifest: the "
                             "member was altered after export")
        raw[member] = parse_member_json(data, member, check)
    try:
        case = case_from_dict(raw[name], f"{check.source}!{name}")
    except CaseFormatError as exc:
        raise BundleError(exc.problems[0], exc.problems[:100]) from None
    try:
        validate_case(case)
    except ServiceError as exc:
        raise BundleError(f"{check.source}!{name}: {exc.problems[0]}",
                          [f"{check.source}!{name}: {p}" for p in exc.problems[:100]]) from None
    work = raw[work_name]
    if not isinstance(work, dict) or work.get("format") != WORK_FORMAT or work.get("case_uid") != uid:
        raise check.fail(work_name, f"format/case_uid: 应为 {WORK_FORMAT} 且与案件成员一致",
                         f"format/case_uid: must be {WORK_FORMAT} and match the case member")
    inspections, lines = work.get("inspections"), work.get("rectifications")
    if not isinstance(inspections, list) or not isinstance(lines, list):
        raise check.fail(work_name, "inspections/rectifications: 应为列表", "inspections/rectifications: must be lists")
    incoming = IncomingCase(uid, case, _digest(case_content(case)), name)
    incoming.inspections = [_read_inspection(item, f"{work_name}: inspections[{i}]", check)
                            for i, item in enumerate(inspections)]
    incoming.rectifications = [_read_rectification(item, f"{work_name}: rectifications[{i}]", check)
                               for i, item in enumerate(lines)]
    if len({i.uid for i in incoming.inspections}) != len(incoming.inspections) \
            or len({r["key"] for r in incoming.rectifications}) != len(incoming.rectifications):
        raise check.fail(work_name, "检查记录或整改事项重复", "a repeated inspection or rectification line")
    return incoming


def read_bundle(path: Path, *, unverified: bool = False) -> Bundle:
    """Check everything and parse the bundle; nothing is written. Damage → BundleError; signed under a key not
    installed here, or unsigned on a workstation with a key → BundleNotTrusted (unless `unverified`)."""
    check = _Checker(str(path))
    try:
        with path.open("rb") as handle:
            file_hash = hashlib.file_digest(handle, "sha256").hexdigest()
        with zipfile.ZipFile(path) as archive:
            infos = check_archive(archive, check)
            if MANIFEST not in infos:
                raise check.fail(MANIFEST, "缺少清单", "the manifest is missing")
            if infos[MANIFEST].file_size > MAX_MANIFEST_BYTES:
                raise check.fail(MANIFEST, "清单过大", "the manifest is too large")
            manifest = _check_format(parse_member_json(read_member(archive, infos[MANIFEST], check), MANIFEST, check),
                                     check)
            hashes = _check_members(manifest, infos, check)
            cases = [_read_case(archive, infos, hashes, name, check) for name in manifest["cases"]]
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError, ValueError) as exc:
        raise check.fail("", f"交换包已损坏或不是交换包（{str(exc)[:200]}）",
                         f"the bundle is damaged or not a bundle ({str(exc)[:200]})") from None
    except OSError as exc:
        raise check.fail("", f"无法读取（{exc.strerror or exc}）", f"cannot read ({exc.strerror or exc})") from None
    uids = [c.uid for c in cases]
    if len(set(uids)) != len(uids) or len({c.case.case_no for c in cases}) != len(cases):
        raise check.fail(MANIFEST, "cases: 案件重复", "cases: a case appears twice")
    key = installed_key()
    verified, key_id = check_signature(manifest, key, check)
    # Where no key is in play at all (an unsigned bundle on a workstation without a key), only integrity can be
    # checked: the bundle is imported, marked 未经验证, as before keys existed. A workstation with a key insists.
    keyless = key is None and key_id is None
    if not verified and not unverified and not keyless:
        if key_id is None:
            reason = tr("交换包未签名", "the bundle is not signed")
        else:
            reason = tr(f"交换包由未知的单位密钥 {key_id} 签名", f"the bundle is signed by an unknown key {key_id}")
        raise BundleNotTrusted(f"{path}: " + reason + tr("，拒绝导入；如确需导入，请加 --unverified（将标记为“未经验证”）",
                                                         "; refused. Use --unverified to import it marked 未经验证 "
                                                         "(unverified)"))
    return Bundle(path, file_hash, manifest, cases, verified, key_id)


# --- merging -------------------------------------------------------------------------------------------------------
@dataclass
class ImportSummary:
    verified: bool
    sender: str
    key_id: str | None
    dry_run: bool
    created: dict[str, int] = field(default_factory=lambda: {"case": 0, "inspection": 0, "rectification": 0})
    updated: dict[str, int] = field(default_factory=lambda: {"case": 0, "inspection": 0, "rectification": 0})
    unchanged: dict[str, int] = field(default_factory=lambda: {"case": 0, "inspection": 0, "rectification": 0})
    kept_local: dict[str, int] = field(default_factory=lambda: {"case": 0, "inspection": 0, "rectification": 0})
    conflicts: list[Conflict] = field(default_factory=list)
    written: bool = False

    @property
    def changed(self) -> bool:
        return any(self.created.values()) or any(self.updated.values())


class _Merge:
    """Decides per record: new, unchanged, take incoming, keep local, or conflict."""

    def __init__(self, session: Session, summary: ImportSummary, on_conflict: str | None) -> None:
        self.session = session
        self.summary = summary
        self.on_conflict = on_conflict
        self.bases: dict[tuple[str, str], str] = {}
        #: Cases this import creates: their 整改清单 lines were just derived here, so they are nobody's local change.
        self.new_cases: set[int] = set()

    def decide(self, kind: str, uid: str, local_hash: str | None, incoming_hash: str, label: str) -> bool:
        """True when the incoming version is to be written."""
        self.bases[(kind, uid)] = incoming_hash
        if local_hash is None:
            self.summary.created[kind] += 1
            return True
        if local_hash == incoming_hash:
            self.summary.unchanged[kind] += 1
            return False
        row = self.session.get(ExchangeBase, (kind, uid))
        base = row.content_hash if row else None
        if base == local_hash:
            self.summary.updated[kind] += 1
            return True
        if base == incoming_hash:
            self.summary.kept_local[kind] += 1
            del self.bases[(kind, uid)]
            return False
        self.summary.conflicts.append(Conflict(kind, uid, label))
        if self.on_conflict == "take-incoming":
            self.summary.updated[kind] += 1
            return True
        self.summary.kept_local[kind] += 1
        return False

    def save_bases(self) -> bool:
        """Store the new bases; True when any changed (a re-import of the same bundle changes none)."""
        changed = False
        for (kind, uid), content_hash in self.bases.items():
            row = self.session.get(ExchangeBase, (kind, uid))
            if row is None:
                self.session.add(ExchangeBase(kind=kind, uid=uid, content_hash=content_hash, at=dt.datetime.now()))
                changed = True
            elif row.content_hash != content_hash:
                row.content_hash, row.at = content_hash, dt.datetime.now()
                changed = True
        return changed


def _remote_user(session: Session, person: dict[str, Any], sender_workstation: str) -> int:
    """The local user row an imported inspection is attributed to: the same login when it came from this
    workstation, otherwise a sign-in-less record named after the remote account (`login@workstation`)."""
    login = str(person.get("login", ""))
    if sender_workstation == workstation():
        user = session.scalar(select(User).where(User.login == login))
        if user is not None:
            return user.id
    remote = f"{login}@{sender_workstation}"
    if len(remote) > 64:
        remote = remote[:47] + "~" + hashlib.sha256(remote.encode("utf-8")).hexdigest()[:16]
    user = session.scalar(select(User).where(User.login == remote))
    if user is None:
        user = User(login=remote, display_name=str(person.get("name", ""))[:64] or remote, role="prosecutor")
        session.add(user)
        session.flush()
    return user.id


def _template_version(session: Session, template_id: str, version: str, where: str) -> int:
    found = session.scalar(select(ChecklistTemplateVersion.id).where(
        ChecklistTemplateVersion.template_id == template_id, ChecklistTemplateVersion.version == version))
    if found is None:
        found = session.scalar(select(ChecklistTemplateVersion.id).where(
            ChecklistTemplateVersion.template_id == template_id).order_by(ChecklistTemplateVersion.id.desc()).limit(1))
    if found is None:
        raise BundleError(f"{where}: template_id: " + tr(f"未知的检查表 {template_id!r}", f"unknown checklist {template_id!r}"))
    return found


def _merge_case(services: Services, merge: _Merge, bundle: Bundle, incoming: IncomingCase) -> CaseRecord:
    session = merge.session
    record = session.scalar(select(CaseRecord).where(CaseRecord.uid == incoming.uid).options(
        selectinload(CaseRecord.evidence), selectinload(CaseRecord.events)))
    if record is None:
        record = session.scalar(select(CaseRecord).where(CaseRecord.case_no == incoming.case.case_no).options(
            selectinload(CaseRecord.evidence), selectinload(CaseRecord.events)))
    local = case_from_record(record) if record is not None else None
    local_hash = _digest(case_content(local)) if local is not None else None
    uid = record.uid if record is not None else incoming.uid
    if not merge.decide("case", uid, local_hash, incoming.content_hash, incoming.case.case_no):
        assert record is not None
        return record
    if record is None:
        clash = session.scalar(select(CaseRecord.id).where(CaseRecord.case_no == incoming.case.case_no))
        assert clash is None
        record = CaseRecord(uid=incoming.uid)
        session.add(record)
    elif local is not None and local.case_no != incoming.case.case_no:
        clash = session.scalar(select(CaseRecord.id).where(CaseRecord.case_no == incoming.case.case_no))
        if clash is not None:
            raise BundleError(f"{bundle.path}!{incoming.source}: case_no: " + tr(
                f"案号 {incoming.case.case_no} 已被另一案件使用", f"{incoming.case.case_no} belongs to another case"))
    apply_case(record, incoming.case)
    record.origin = {"bundle": bundle.manifest.get("bundle_id"), "from": bundle.sender, "verified": bundle.verified,
                     "key_id": bundle.key_id}
    session.flush()
    if local is None:
        merge.new_cases.add(record.id)
    services.derived.refresh(session, record.id, incoming.case)
    if local is None:
        audit.record(session, services.actor, "case.create", "case", incoming.case.case_no,
                     {"new": audit_snapshot(incoming.case), "bundle": bundle.sha256, "verified": bundle.verified})
    else:
        audit.record(session, services.actor, "case.update", "case", incoming.case.case_no,
                     {**audit.changes(audit_snapshot(local), audit_snapshot(incoming.case)), "bundle": bundle.sha256,
                      "verified": bundle.verified})
    return record


def _merge_inspection(services: Services, merge: _Merge, bundle: Bundle, record: CaseRecord,
                      incoming: IncomingInspection, where: str) -> bool:
    """Write the incoming inspection where the merge takes it; True when it did."""
    session = merge.session
    data = incoming.data
    inspection = session.scalar(select(Inspection).where(Inspection.uid == incoming.uid))
    if inspection is not None and inspection.case_id != record.id:
        raise BundleError(f"{where}: uid: " + tr("该检查记录属于另一案件", "this inspection belongs to another case"))
    user_id = inspection.user_id if inspection is not None else \
        _remote_user(session, data["inspector"], str(bundle.manifest.get("workstation", "")))
    if inspection is None:
        inspection = session.scalar(select(Inspection).where(
            Inspection.case_id == record.id, Inspection.user_id == user_id, Inspection.kind == data["kind"]))
    local_hash = _digest(_inspection_content(_inspection_dict(session, inspection))) if inspection else None
    label = f"{record.case_no} {INSPECTION_KINDS[data['kind']]}（{data['inspector']['name']}）"
    if not merge.decide("inspection", inspection.uid if inspection else incoming.uid, local_hash,
                        incoming.content_hash, label):
        return False
    version_id = _template_version(session, data["template_id"], data["template_version"], where)
    before = _inspection_dict(session, inspection)["answers"] if inspection else {}
    if inspection is None:
        inspection = Inspection(uid=incoming.uid, case_id=record.id, user_id=user_id, kind=data["kind"],
                                template_version_id=version_id)
        session.add(inspection)
        session.flush()
    else:
        inspection.template_version_id = version_id
        inspection.updated_at = dt.datetime.now()
        session.execute(delete(AnswerRecord).where(AnswerRecord.inspection_id == inspection.id))
        session.execute(delete(GradeOverride).where(GradeOverride.inspection_id == inspection.id))
    session.add_all(AnswerRecord(inspection_id=inspection.id, item_id=item_id, value=a["value"], note=a.get("note", ""))
                    for item_id, a in data["answers"].items())
    override = data.get("override")
    if override is not None:
        by = _remote_user(session, override.get("by", data["inspector"]), str(bundle.manifest.get("workstation", "")))
        session.add(GradeOverride(inspection_id=inspection.id, grade_code=override["grade_code"],
                                  reason=override["reason"].strip(), proposed_code=override["proposed_code"],
                                  score=float(override["score"]), user_id=by))
    session.flush()
    answers = {k: [before.get(k), v] for k, v in data["answers"].items() if before.get(k) != v}
    answers.update({k: [v, None] for k, v in before.items() if k not in data["answers"]})
    audit.record(session, services.actor, "inspection.import", "inspection", str(inspection.id),
                 {"case_no": record.case_no, "kind": data["kind"], "answers": answers,
                  "override": override and {k: override[k] for k in ("grade_code", "reason")},
                  "bundle": bundle.sha256, "verified": bundle.verified})
    return True


def _merge_rectification(services: Services, merge: _Merge, bundle: Bundle, record: CaseRecord,
                         line: dict[str, Any]) -> None:
    session = merge.session
    row = session.scalar(select(Rectification).where(Rectification.case_id == record.id,
                                                     Rectification.key == line["key"]))
    local = _rectification_dict(row) if row is not None and record.id not in merge.new_cases else None
    if not merge.decide("rectification", f"{record.uid}/{line['key']}", _digest(local) if local else None,
                        _digest(line), f"{record.case_no} {line['key']}"):
        return
    if row is None:
        row = Rectification(case_id=record.id, key=line["key"])
        session.add(row)
    for name in RECTIFICATION_FIELDS[1:]:
        value = line[name]
        setattr(row, name, dt.date.fromisoformat(value) if name == "due" and value else value)
    session.flush()
    audit.record(session, services.actor, "rectification.import", "case", record.case_no,
                 {"key": line["key"], **audit.changes(local or {}, line), "bundle": bundle.sha256})


def import_bundle(services: Services, path: Path, *, dry_run: bool = False, unverified: bool = False,
                  on_conflict: str | None = None, warn: Callable[[str], None] | None = None,
                  before_commit: Callable[[Session], None] | None = None) -> ImportSummary:
    """Check, then merge in one transaction. Conflicts without `on_conflict` raise BundleConflicts (nothing
    written); `dry_run` does the whole merge and rolls it back. `warn` hears of answers to items the local
    checklists do not have (kept as given: the template may be newer where the bundle came from).
    `before_commit` may check the merged state inside the transaction and raise to leave nothing written."""
    permissions.check(services.actor, "case.create")
    if on_conflict is not None and on_conflict not in CONFLICT_CHOICES:
        raise ServiceError(tr(f"--on-conflict 应为 {'、'.join(CONFLICT_CHOICES)}",
                              f"--on-conflict must be one of {', '.join(CONFLICT_CHOICES)}"))
    bundle = read_bundle(path, unverified=unverified)
    for warning in services.cases.answer_warnings([c.case for c in bundle.cases],
                                                  [f"{path}!{c.source}" for c in bundle.cases]):
        if warn is not None:
            warn(warning)
    summary = ImportSummary(bundle.verified, bundle.sender, bundle.key_id, dry_run)
    with UnitOfWork(services.database) as uow:
        merge = _Merge(uow.session, summary, on_conflict)
        for incoming in bundle.cases:
            record = _merge_case(services, merge, bundle, incoming)
            answers_changed = False
            for index, inspection in enumerate(incoming.inspections):
                answers_changed |= _merge_inspection(services, merge, bundle, record, inspection,
                                                     f"{path}!work/{incoming.uid}.json: inspections[{index}]")
            if answers_changed:  # the figures, failed items and 整改 lines follow the answers just merged
                uow.session.flush()
                services.derived.refresh_case(uow.session, record.id)
            for line in incoming.rectifications:
                _merge_rectification(services, merge, bundle, record, line)
        if summary.conflicts and on_conflict is None:
            raise BundleConflicts(summary)
        bases_changed = merge.save_bases()
        if summary.changed or bases_changed:
            audit.record(uow.session, services.actor, "bundle.import", "bundle",
                         str(bundle.manifest.get("bundle_id", ""))[:128],
                         {"file": path.name[:200], "sha256": bundle.sha256, "from": bundle.sender,
                          "verified": bundle.verified, "key_id": bundle.key_id,
                          "sender_audit_head": str(bundle.manifest.get("audit_head", ""))[:200],
                          "created": summary.created, "updated": summary.updated, "kept_local": summary.kept_local,
                          "conflicts": [[c.kind, c.label] for c in summary.conflicts[:1000]],
                          "on_conflict": on_conflict})
            if before_commit is not None:
                before_commit(uow.session)
            if not dry_run:
                uow.commit()
                summary.written = True
    return summary


def summary_lines(summary: ImportSummary) -> list[str]:
    """The summary the CLI prints (and the GUI shows) after an import or a dry run."""
    names = {"case": tr("案件", "cases"), "inspection": tr("检查记录", "inspections"),
             "rectification": tr("整改事项", "rectification lines")}
    trust = tr("已验证", "verified") if summary.verified else tr("未经验证", "UNVERIFIED")
    lines = [tr(f"交换包来自 {summary.sender}（{trust}" + (f"，密钥 {summary.key_id}" if summary.key_id else "") + "）",
                f"bundle from {summary.sender} ({trust}" + (f", key {summary.key_id}" if summary.key_id else "") + ")")]
    for kind, label in names.items():
        lines.append(tr(f"{label}：新增 {summary.created[kind]}，更新 {summary.updated[kind]}，"
                        f"未变 {summary.unchanged[kind]}，保留本机 {summary.kept_local[kind]}",
                        f"{label}: {summary.created[kind]} new, {summary.updated[kind]} updated, "
                        f"{summary.unchanged[kind]} unchanged, {summary.kept_local[kind]} kept local"))
    for conflict in summary.conflicts:
        lines.append(tr(f"冲突（两边都有改动）：{names[conflict.kind]} {conflict.label}",
                        f"conflict (changed on both sides): {conflict.kind} {conflict.label}"))
    if summary.dry_run:
        lines.append(tr("试运行：未写入任何内容", "dry run: nothing was written"))
    elif not summary.written:
        lines.append(tr("没有变化，未写入任何内容", "nothing changed; nothing was written"))
    return lines

