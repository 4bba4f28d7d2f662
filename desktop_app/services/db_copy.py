"""`casecheck db copy`: move a workstation's database into the team server and back, all or nothing.

Into a fresh database (no case, no audit entry, no account: just made by `init`) everything is copied row for row
with its ids, audit chain included, so the copy verifies against the same audit head as the original. Into a
database that already holds work the copy merges exactly as an exchange bundle does — the source's cases are
bundled and the bundle is imported — with the same conflict rules (`--on-conflict`), the same audit entries and
none of the source's accounts. Either way the target changes in one transaction or not at all, and its audit
chain is verified before that transaction commits.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Integer, Table, func, insert, select, text, update
from sqlalchemy.orm import Session

from db.models import AuditEntry, AuditHead, Base, CaseRecord, User
from desktop_app.core.i18n import tr
from desktop_app.services import audit, bundles
from desktop_app.services.audit import Head, verify_chain
from desktop_app.services.container import Services
from desktop_app.services.errors import PermissionDenied, ServiceError
from desktop_app.services.uow import UnitOfWork

#: Rows read and inserted at a time, so 100,000 cases copy in bounded memory.
BATCH = 1000


class CopyRefused(ServiceError):
    """The copy was not made because something found is wrong (the source's audit chain, the copy's check):
    a problem to report (exit 1), not bad input; the target is unchanged."""


@dataclass
class CopySummary:
    mode: str  # "full" (into a fresh database) or "merge" (as a bundle import)
    #: Table → (rows in the source, rows in the target before, rows in the target after).
    counts: dict[str, tuple[int, int, int]] = field(default_factory=dict)
    source_head: Head = field(default_factory=lambda: Head(0, audit.GENESIS))
    target_head: Head = field(default_factory=lambda: Head(0, audit.GENESIS))
    target_entries: int = 0
    merge: bundles.ImportSummary | None = None


def _tables() -> list[Table]:
    """Every table of the schema, parents before children; the head row is written apart (see `_full_copy`)."""
    return [t for t in Base.metadata.sorted_tables if t.name != AuditHead.__tablename__]


def table_counts(session: Session) -> dict[str, int]:
    return {t.name: int(session.scalar(select(func.count()).select_from(t)) or 0) for t in _tables()}


def is_fresh(session: Session) -> bool:
    """No case, no audit entry, no account: a database only `init` has touched, which a full copy may replace."""
    return not (session.scalar(select(func.count(CaseRecord.id))) or session.scalar(select(func.count(AuditEntry.id)))
                or session.scalar(select(func.count(User.id)).where(User.password_hash.is_not(None))))


def _rows(session: Session, table: Table) -> Iterator[list[dict[str, Any]]]:
    order = list(table.primary_key.columns) or list(table.columns)
    batch: list[dict[str, Any]] = []
    for row in session.execute(select(table).order_by(*order).execution_options(yield_per=BATCH)).mappings():
        batch.append(dict(row))
        if len(batch) >= BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def _reset_sequences(session: Session) -> None:
    """On PostgreSQL, rows inserted with their ids leave the id sequences behind: move each past the highest id."""
    if session.get_bind().dialect.name != "postgresql":
        return
    for table in _tables():
        keys = list(table.primary_key.columns)
        if len(keys) != 1 or not isinstance(keys[0].type, Integer):
            continue
        column = keys[0].name
        session.execute(text(
            f"SELECT setval(pg_get_serial_sequence(:table, :column), "
            f"COALESCE((SELECT MAX({column}) FROM {table.name}), 0) + 1, false)"),
            {"table": table.name, "column": column})


def _full_copy(source: Session, target: Session) -> None:
    """Replace the fresh target's few rows (its local user, the built-in checklists) by every row of the source."""
    before = table_counts(target)
    for table in reversed(_tables()):
        if before[table.name]:
            target.execute(table.delete())
    for table in _tables():
        for batch in _rows(source, table):
            target.execute(insert(table), batch)
    head = source.execute(select(AuditHead.seq, AuditHead.last_id, AuditHead.last_hash, AuditHead.mac)
                          .where(AuditHead.id == 1)).one_or_none()
    if head is not None:
        target.execute(update(AuditHead).where(AuditHead.id == 1).values(
            last_id=head.last_id, last_hash=head.last_hash, mac=head.mac))
    _reset_sequences(target)
    target.flush()


def copy_database(source: Services, target: Services, *, on_conflict: str | None = None) -> CopySummary:
    """Copy or merge `source` into `target` (see the module's description); CopyRefused when the source's audit
    chain is broken or the copy does not verify, BundleConflicts when records changed on both sides and no
    `on_conflict` choice was given. In every such case the target is left as it was."""
    if source.accounts and source.actor.role != "admin":
        raise PermissionDenied(tr("复制整个数据库须由管理员进行（--user 指定管理员账户）",
                                  "copying a whole database needs an administrator (--user ADMIN)"))
    if source.database.url == target.database.url:
        raise ServiceError(tr("--from 与 --to 是同一个数据库", "--from and --to are the same database"))
    checked = verify_chain(source.database)
    if not checked.ok:
        raise CopyRefused(tr(f"源数据库的审计链在第 {checked.first_broken} 条记录处中断（{checked.explanation()}），"
                             "未复制任何内容",
                             f"the source's audit chain is broken at entry {checked.first_broken} "
                             f"({checked.explanation()}); nothing was copied"))
    with source.database.sessions() as session:
        source_counts = table_counts(session)
    with target.database.sessions() as session:
        target_before = table_counts(session)
        fresh = is_fresh(session)
    summary = CopySummary(mode="full" if fresh else "merge", source_head=checked.head)
    if fresh:
        _copy_into_fresh(source, target, summary)
    else:
        _merge_as_bundle(source, target, summary, on_conflict)
    with target.database.sessions() as session:
        after = table_counts(session)
    summary.counts = {name: (source_counts.get(name, 0), target_before.get(name, 0), after.get(name, 0))
                      for name in after}
    return summary


def _copy_into_fresh(source: Services, target: Services, summary: CopySummary) -> None:
    # The source's write lock is held while it is read, so the rows and the audit head are of one moment.
    with UnitOfWork(source.database) as reading, UnitOfWork(target.database) as writing:
        summary.source_head = audit.read_head(reading.session)
        _full_copy(reading.session, writing.session)
        copied = table_counts(writing.session)
        expected = table_counts(reading.session)
        if copied != expected:
            wrong = [f"{n}: {expected[n]} → {copied.get(n)}" for n in expected if copied.get(n) != expected[n]]
            raise CopyRefused(tr("复制后行数不符，未写入任何内容：", "row counts differ after the copy; nothing was "
                                 "written: ") + "; ".join(wrong))
        _verified(writing.session, summary, expect=summary.source_head)
        bases = bundles.current_bases(writing.session)
        bundles.store_bases(writing.session, bases)
        writing.commit()
        # The source gets the same bases (its content is what was copied), so merging back later is clean.
        bundles.store_bases(reading.session, bases)
        reading.commit()


def _verified(session: Session, summary: CopySummary, *, expect: Head | None = None) -> None:
    """Check the target's chain as this uncommitted transaction sees it, like `audit verify` does; a full copy
    must also end at the source's head. Raises CopyRefused, so the transaction is rolled back."""
    report = audit.verify_session(session)
    if not report.ok:
        raise CopyRefused(tr(f"复制后的审计链未通过校验（第 {report.first_broken} 条：{report.explanation()}），"
                             "未写入任何内容",
                             f"the copied audit chain does not verify (entry {report.first_broken}: "
                             f"{report.explanation()}); nothing was written"))
    if expect is not None and report.head != expect:
        raise CopyRefused(tr(f"复制后的审计链头 {report.head.printed()} 与源数据库的 {expect.printed()} 不符，未写入任何内容",
                             f"the copied audit head {report.head.printed()} is not the source's {expect.printed()}; "
                             "nothing was written"))
    summary.target_head, summary.target_entries = report.head, report.entries


def _merge_as_bundle(source: Services, target: Services, summary: CopySummary, on_conflict: str | None) -> None:
    with source.database.sessions() as session:
        case_nos = list(session.scalars(select(CaseRecord.case_no).order_by(CaseRecord.id)))
    with tempfile.TemporaryDirectory(prefix="casecheck-copy-") as folder:
        path = Path(folder) / "copy.zip"
        bundles.export_bundle(source, case_nos, path)
        summary.merge = bundles.import_bundle(target, path, unverified=True, on_conflict=on_conflict,
                                              before_commit=lambda session: _verified(session, summary))
    if summary.merge is not None and not summary.merge.written:
        summary.target_head = audit.current_head(target.database)
