"""The audit trail: who changed what, when, old → new — written in the same transaction as the change.

Each entry's hash (format `casecheck.audit/2`) covers every column — its id, time, user id, actor, action, entity,
key and detail — and the previous entry's hash. The newest id and hash are kept as the head (`audit_head`), so
deleting entries at the end shows too. Where a procuratorate key is installed (see `keys`), every entry and the
head also carry an HMAC under it: a copy of the database alone cannot be re-chained after an edit. Without a key,
a complete re-chain can only be caught against a head held elsewhere (a printed 审计链校验码, `--expect-head`, the
head inside the last bundle received).

Entries are only ever appended: no code path edits or deletes them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import String, Text, func, select, type_coerce, update
from sqlalchemy.orm import Session

from db.engine import Database
from db.models import AuditEntry, AuditHead, Inspection, utcnow
from desktop_app.core.i18n import tr
from desktop_app.services.actors import Actor
from desktop_app.services.keys import ProcuratorateKey, installed_key

GENESIS = "0" * 64
AUDIT_FORMAT = "casecheck.audit/2"
#: How many hex digits of the head hash reports print after the id (`ID:` + 16 hex digits).
PRINTED_DIGITS = 16


def canonical_time(value: dt.datetime) -> str:
    """The one text form of an entry's time that the hash covers (also how SQLite stores a DateTime)."""
    return value.isoformat(sep=" ", timespec="microseconds")


def _canonical(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)


def entry_hash(entry_id: Any, at: str, user_id: Any, actor: Any, action: Any, entity: Any, key: Any,
               detail: Any, prev_hash: Any) -> str:
    """SHA-256 over every column of an entry and the previous hash."""
    payload = _canonical([AUDIT_FORMAT, entry_id, at, user_id, actor, action, entity, key, detail, prev_hash])
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def entry_mac(key: ProcuratorateKey, digest: str) -> str:
    return key.mac(f"{AUDIT_FORMAT}:entry:{digest}")


def head_mac(key: ProcuratorateKey, last_id: int, last_hash: str) -> str:
    return key.mac(f"{AUDIT_FORMAT}:head:{last_id}:{last_hash}")


def record(session: Session, actor: Actor, action: str, entity: str, key: str, detail: dict[str, Any]) -> None:
    """Append one entry; `detail` holds what changed, e.g. {"title": ["旧", "新"]}.

    The unit of work took the write lock when it began (see `take_write_lock`), so no other program can append
    between reading the head here and our commit.
    """
    session.flush()
    head = session.execute(select(AuditHead.last_id, AuditHead.last_hash).where(AuditHead.id == 1)).one_or_none()
    last_id, prev_hash = (head.last_id, head.last_hash) if head is not None else (0, GENESIS)
    highest = session.scalar(select(func.max(AuditEntry.id))) or 0
    entry_id = max(last_id, highest) + 1
    at = utcnow()
    detail = json.loads(json.dumps(detail, ensure_ascii=False, default=str))
    digest = entry_hash(entry_id, canonical_time(at), actor.id, actor.display_name, action, entity, key, detail,
                        prev_hash)
    procuratorate_key = installed_key()
    session.add(AuditEntry(id=entry_id, at=at, user_id=actor.id, actor=actor.display_name, action=action,
                           entity=entity, entity_key=key, detail=detail, prev_hash=prev_hash, hash=digest,
                           mac=entry_mac(procuratorate_key, digest) if procuratorate_key else None))
    session.flush()
    values = {"last_id": entry_id, "last_hash": digest,
              "mac": head_mac(procuratorate_key, entry_id, digest) if procuratorate_key else None}
    if head is None:
        session.add(AuditHead(id=1, seq=1, **values))
    else:
        session.execute(update(AuditHead).where(AuditHead.id == 1).values(**values))


#: The key of the transaction-level advisory lock that serialises writers on PostgreSQL ("casechk" in ASCII).
ADVISORY_LOCK_KEY = 0x63617365636B6B


def take_write_lock(session: Session) -> None:
    """Make the transaction a writer from its first statement: two programs writing at once then take turns
    (waiting up to the busy timeout) instead of both reading the same head and forking the chain.

    On SQLite the update of the head row takes the database's write lock. On PostgreSQL a transaction-level
    advisory lock comes first: it holds until commit or rollback, whatever the transaction touches, so every unit
    of work — and with it every audit append and every optimistic-lock check — runs one after the other, and a
    head row that is missing cannot let two writers through."""
    bind = session.get_bind()
    if bind.dialect.name == "postgresql":
        session.execute(select(func.pg_advisory_xact_lock(ADVISORY_LOCK_KEY)))
    session.execute(update(AuditHead).where(AuditHead.id == 1).values(seq=AuditHead.seq + 1))


def changes(old: dict[str, Any], new: dict[str, Any]) -> dict[str, list[Any]]:
    """Field → [old, new] for the fields that differ."""
    return {k: [old.get(k), new.get(k)] for k in sorted(set(old) | set(new)) if old.get(k) != new.get(k)}


# --- reading -----------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class StoredEntry:
    """One row as stored, read without trusting its types: a hand-edited value must be named, not crash."""

    id: Any
    at_raw: Any
    user_id: Any
    actor: Any
    action: Any
    entity: Any
    key: Any
    detail_raw: Any
    prev_hash: Any
    hash: Any
    mac: Any

    def at_text(self) -> str | None:
        """The time in its canonical text, or None when the stored value is not a time in that form."""
        value = self.at_raw
        if isinstance(value, dt.datetime):
            return canonical_time(value)
        if not isinstance(value, str):
            return None
        try:
            parsed = dt.datetime.fromisoformat(value)
        except ValueError:
            return None
        text = canonical_time(parsed)
        return text if text == value else None

    def detail(self) -> Any:
        value = self.detail_raw
        if isinstance(value, str):
            try:
                return json.loads(value)
            except (ValueError, RecursionError):
                return _UNREADABLE
        return value

    def expected_hash(self) -> str | None:
        at = self.at_text()
        detail = self.detail()
        if at is None or detail is _UNREADABLE:
            return None
        return entry_hash(self.id, at, self.user_id, self.actor, self.action, self.entity, self.key, detail,
                          self.prev_hash)


_UNREADABLE = object()
_RAW_COLUMNS = (AuditEntry.id, type_coerce(AuditEntry.at, String), AuditEntry.user_id, AuditEntry.actor,
                AuditEntry.action, AuditEntry.entity, AuditEntry.entity_key, type_coerce(AuditEntry.detail, Text),
                AuditEntry.prev_hash, AuditEntry.hash, AuditEntry.mac)


def _stored_entries(session: Session, *conditions: Any, descending: bool = False,
                    limit: int | None = None) -> Iterator[StoredEntry]:
    stmt = select(*_RAW_COLUMNS).where(*conditions)
    stmt = stmt.order_by(AuditEntry.id.desc() if descending else AuditEntry.id)
    if limit is not None:
        stmt = stmt.limit(limit)
    # Closed as soon as the reader stops early: on PostgreSQL the rows stream from a server-side cursor.
    with session.execute(stmt.execution_options(yield_per=1000)) as result:
        for row in result:
            yield StoredEntry(*row)


# --- the head ------------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Head:
    last_id: int
    last_hash: str

    def full(self) -> str:
        """`ID:HASH`, what `casecheck audit head` prints."""
        return f"{self.last_id}:{self.last_hash}"

    def printed(self) -> str:
        """The id, a colon and the first 16 hex digits: the 审计链校验码 on every PDF and workbook."""
        return f"{self.last_id}:{self.last_hash[:PRINTED_DIGITS]}"


def read_head(session: Session) -> Head:
    row = session.execute(select(AuditHead.last_id, AuditHead.last_hash).where(AuditHead.id == 1)).one_or_none()
    if row is None:
        return Head(0, GENESIS)
    return Head(int(row.last_id or 0), str(row.last_hash or GENESIS))


def current_head(database: Database) -> Head:
    with database.sessions() as session:
        return read_head(session)


_ANCHOR = re.compile(r"^(?:ID:)?(?:(\d+):)?([0-9a-fA-F]{16,64})$")


@dataclass(frozen=True)
class Anchor:
    """A head held elsewhere: the id (if given) and the hash or its first digits."""

    entry_id: int | None
    prefix: str


def parse_anchor(text: str) -> Anchor | None:
    """`ID:HASH`, `ID:` + 16 hex digits as printed, `ID:ID:HASH`, or a bare hash (at least 16 hex digits)."""
    match = _ANCHOR.match(text.strip())
    if match is None:
        return None
    return Anchor(int(match.group(1)) if match.group(1) else None, match.group(2).lower())


# --- verifying -----------------------------------------------------------------------------------------------------
REASONS: dict[str, tuple[str, str]] = {
    "prev_hash": ("与前一条记录的链接不符：其前的记录被删除、调换或改动", "does not link to the entry before it: an entry "
                  "before it was deleted, swapped or altered"),
    "hash": ("内容与校验值不符：记录被改动", "content does not match its hash: the entry was altered"),
    "at": ("时间字段无法解析或格式被改动", "the time is unreadable or not in its stored form"),
    "detail": ("内容字段无法解析", "the detail is unreadable"),
    "order": ("编号不是递增的整数：记录被重新编号", "the id is not an increasing whole number: entries were renumbered"),
    "mac": ("单位密钥封印不符：记录被改动或重新计算", "the procuratorate-key seal does not match: altered or re-chained"),
    "unsealed": ("本机已安装单位密钥，但自此条起的记录没有密钥封印：审计链可能被整体重算或截断。若该数据库此前从未在"
                 "装有密钥的工作站上写入，可执行 casecheck keys import 密钥文件 予以封存",
                 "a procuratorate key is installed but the entries from here on carry no seal: the chain may have "
                 "been recomputed or cut. If this database was never written on a workstation with the key, seal it "
                 "with casecheck keys import KEYFILE"),
    "missing": ("此编号起的记录缺失：审计链末尾被截断", "entries from this id on are missing: the chain was cut short"),
    "head": ("与保存的审计链头不符：末尾记录被改动、增加或审计链头被改动",
             "does not match the stored head: the last entries or the head were altered"),
    "head_mac": ("审计链头的密钥封印不符", "the head's procuratorate-key seal does not match"),
    "expect": ("与给定的审计链校验码不符", "does not match the given audit head"),
}


@dataclass(frozen=True)
class ChainReport:
    entries: int
    first_broken: int | None
    reason: str = ""
    head: Head = field(default_factory=lambda: Head(0, GENESIS))
    key_id: str | None = None
    sealed: int = 0
    unchecked_seals: int = 0

    @property
    def ok(self) -> bool:
        return self.first_broken is None

    def explanation(self) -> str:
        zh, en = REASONS.get(self.reason, (self.reason, self.reason))
        return tr(zh, en)


def _as_int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def verify_chain(database: Database, *, expect: Anchor | None = None,
                 key: ProcuratorateKey | None | bool = True) -> ChainReport:
    """Walk the chain in id order and name the first entry that does not hold. Reads only.

    `key=True` uses the key installed on this workstation (if any); None checks without a key.
    """
    with database.sessions() as session:
        report = verify_session(session, expect=expect, key=key)
        session.rollback()
    return report


def verify_session(session: Session, *, expect: Anchor | None = None,
                   key: ProcuratorateKey | None | bool = True) -> ChainReport:
    """`verify_chain` inside a transaction that is still open: what it would find once this transaction commits
    (a copy checks its target this way before committing it)."""
    procuratorate_key = installed_key() if key is True else (key or None)
    head = read_head(session)
    stored_head_mac = session.scalar(select(AuditHead.mac).where(AuditHead.id == 1))
    report = _walk(_stored_entries(session), head, procuratorate_key, expect)
    if report.first_broken is None and procuratorate_key is not None and report.entries:
        if not procuratorate_key.matches(f"{AUDIT_FORMAT}:head:{head.last_id}:{head.last_hash}",
                                         None if stored_head_mac is None else str(stored_head_mac)):
            report = _broken(report, head.last_id, "head_mac")
    return report


def _broken(report: ChainReport, entry_id: int, reason: str) -> ChainReport:
    return ChainReport(report.entries, entry_id, reason, report.head, report.key_id, report.sealed,
                       report.unchecked_seals)


def _walk(rows: Iterator[StoredEntry], head: Head, key: ProcuratorateKey | None,
          expect: Anchor | None) -> ChainReport:
    prev_hash, prev_id, count, sealed, unchecked = GENESIS, 0, 0, 0, 0
    #: With a key: the first entry of the unsealed run after the last sealed one (None while sealed).
    unsealed_from: int | None = None
    any_sealed = False
    anchor_seen = False
    key_id = key.key_id if key else None

    def fail(entry_id: int, reason: str) -> ChainReport:
        return ChainReport(count, entry_id, reason, head, key_id, sealed, unchecked)

    for row in rows:
        count += 1
        entry_id = _as_int(row.id)
        if entry_id is None or entry_id <= prev_id:
            return fail(prev_id + 1, "order")
        if row.at_text() is None:
            return fail(entry_id, "at")
        if row.detail() is _UNREADABLE:
            return fail(entry_id, "detail")
        if row.prev_hash != prev_hash:
            return fail(entry_id, "prev_hash")
        if row.expected_hash() != row.hash:
            return fail(entry_id, "hash")
        if row.mac is not None:
            if key is None:
                unchecked += 1
            elif not key.matches(f"{AUDIT_FORMAT}:entry:{row.hash}", str(row.mac)):
                return fail(entry_id, "mac")
            else:
                sealed += 1
            unsealed_from, any_sealed = None, True
        elif key is not None and unsealed_from is None and any_sealed:
            unsealed_from = entry_id
        if expect is not None and str(row.hash).startswith(expect.prefix):
            if expect.entry_id is None or expect.entry_id == entry_id:
                anchor_seen = True
        if expect is not None and expect.entry_id == entry_id and not anchor_seen:
            return fail(entry_id, "expect")
        prev_hash, prev_id = str(row.hash), entry_id
    if head.last_id > prev_id:
        return fail(prev_id + 1, "missing")
    if head.last_id < prev_id:
        return fail(head.last_id + 1, "head")
    if count and head.last_hash != prev_hash:
        return fail(prev_id, "head")
    if key is not None and count and (unsealed_from is not None or not any_sealed):
        # Entries before the first seal are sealed by it; a tail without a seal is not. With no seal at all the
        # newest entry is named: it should carry one.
        return fail(unsealed_from if unsealed_from is not None else prev_id, "unsealed")
    if expect is not None and not anchor_seen:
        return fail(expect.entry_id if expect.entry_id is not None else prev_id, "expect")
    return ChainReport(count, None, "", head, key_id, sealed, unchecked)


def seal_with_key(database: Database, actor: Actor, key: ProcuratorateKey) -> int:
    """After a key is installed: one entry, sealed under it, that seals every entry before it (its hash chains
    over all of them). Returns how many entries had no seal before."""
    from desktop_app.services.uow import UnitOfWork

    with UnitOfWork(database) as uow:
        unsealed = uow.session.scalar(select(func.count()).select_from(AuditEntry).where(AuditEntry.mac.is_(None)))
        record(uow.session, actor, "audit.seal", "audit", key.key_id,
               {"key_id": key.key_id, "sealed_entries": int(unsealed or 0)})
        uow.commit()
    return int(unsealed or 0)


# --- history -------------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class AuditRow:
    id: int
    at: dt.datetime | None
    actor: str
    action: str
    entity: str
    key: str
    detail: dict[str, Any]


def _row(entry: StoredEntry) -> AuditRow:
    text = entry.at_text()
    detail = entry.detail()
    return AuditRow(int(entry.id) if _as_int(entry.id) is not None else 0,
                    dt.datetime.fromisoformat(text) if text else None, str(entry.actor), str(entry.action),
                    str(entry.entity), str(entry.key), detail if isinstance(detail, dict) else {})


def history(database: Database, entity: str, key: str, limit: int = 200) -> list[AuditRow]:
    with database.sessions() as session:
        rows = _stored_entries(session, AuditEntry.entity == entity, AuditEntry.entity_key == key,
                               descending=True, limit=limit)
        return [_row(r) for r in rows]


def case_history(database: Database, case_no: str, limit: int = 500) -> list[AuditRow]:
    """Everything recorded about a case, its inspections (answers, grade overrides) and its 整改清单, newest first."""
    from db.models import CaseRecord

    with database.sessions() as session:
        inspection_ids = [str(i) for i in session.scalars(
            select(Inspection.id).join(CaseRecord, CaseRecord.id == Inspection.case_id)
            .where(CaseRecord.case_no == case_no))]
        condition = (AuditEntry.entity == "case") & (AuditEntry.entity_key == case_no)
        if inspection_ids:
            condition = condition | ((AuditEntry.entity == "inspection") & AuditEntry.entity_key.in_(inspection_ids))
        return [_row(r) for r in _stored_entries(session, condition, descending=True, limit=limit)]
