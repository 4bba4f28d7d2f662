"""The case register: create, edit, archive, list with paging, filter, sort and search, import and export.

Each public function is one user action: one unit of work, an audit entry in the same transaction, plain
dataclasses out. Bad input raises `ServiceError` and changes nothing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Select, func, insert, or_, select
from sqlalchemy.orm import Session, selectinload

from db.engine import Database
from db.models import (
    CaseFigures,
    CaseFlag,
    CaseRecord,
    DeadlineRecord,
    EventRecord,
    EvidenceRecord,
    FlagRecord,
    Rectification,
    table_of,
)
from db.portable import contains_text
from desktop_app.core.case import CASE_STATUSES, CASE_TYPES, Answer, Case
from desktop_app.core.case_format import (
    CaseFormatError,
    dump_case,
    load_case_file,
    unknown_answer_ids,
    unknown_answers_warning,
)
from desktop_app.core.chinese_order import sorted_chinese
from desktop_app.core.i18n import tr
from desktop_app.core.limits import CASE_NO_CHARS, quote
from desktop_app.services import audit, permissions
from desktop_app.services.actors import Actor
from desktop_app.services.case_mapping import (
    apply_case,
    audit_snapshot,
    case_columns,
    case_from_record,
    event_rows,
    evidence_rows,
    status_for,
)
from desktop_app.services.derived import DerivedData, store_inspection_rows
from desktop_app.services.errors import NotFound, ServiceError
from desktop_app.services.locking import check_version
from desktop_app.services.rectifications import new_line_rows
from desktop_app.services.uow import UnitOfWork

#: Each sort key with the columns it orders by; keys from the figures table need its join.
SORT_COLUMNS: dict[str, tuple[Any, ...]] = {
    "case_no": (CaseRecord.case_no,),
    "title": (CaseRecord.title,),
    "case_type": (CaseRecord.case_type,),
    "prosecutor": (CaseRecord.prosecutor,),
    "department": (CaseRecord.department,),
    "received_on": (CaseRecord.received_on,),
    "closed_on": (CaseRecord.closed_on,),
    "status": (CaseRecord.status,),
    "progress": (CaseFigures.progress,),
    "score": (CaseFigures.score,),
    "grade": (CaseFigures.grade_rank,),
    "risk": (CaseFigures.flags_critical, CaseFigures.flags_major, CaseFigures.flags_minor),
    "next_due": (CaseFigures.next_due,),
}
#: Sort keys whose column may be empty: such rows come first going up and last going down, on every database.
NULLABLE_SORTS = frozenset({"closed_on", "score", "grade"})
FIGURE_SORTS = frozenset({"progress", "score", "grade", "risk", "next_due"})

#: Register filters on the figures, with their Chinese labels (the filter bar offers them in this order).
PROGRESS_FILTERS: dict[str, str] = {"unstarted": "未开始", "unfinished": "未完成", "finished": "已完成"}
RISK_FILTERS: dict[str, str] = {"critical": "有严重提示", "major": "有一般及以上提示", "any": "有风险提示",
                                "none": "无风险提示"}
DUE_FILTERS: dict[str, str] = {"overdue": "已超期", "due_soon": "即将到期", "open": "进行中", "none": "无进行中期限"}
DUE_SOON_DAYS = 3

ProgressFn = Callable[[int, int], None]


@dataclass(frozen=True)
class CaseQuery:
    """Filters of the register; None means "any". `text` searches 案号, 案件名称 and 罪名 for a substring."""

    case_type: str | None = None
    prosecutor: str | None = None
    department: str | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    status: str | None = None
    text: str | None = None
    include_archived: bool = True
    #: Only these cases (e.g. the rows a person selected); None means no such restriction.
    case_nos: tuple[str, ...] | None = None
    #: Figure filters: a grade code, and keys of PROGRESS_FILTERS, RISK_FILTERS and DUE_FILTERS.
    grade: str | None = None
    progress: str | None = None
    risk: str | None = None
    due: str | None = None
    sort: str = "received_on"
    descending: bool = True

    @property
    def filters_cases(self) -> bool:
        """Whether any filter reads the cases table itself (type, people, dates, status, text, a selection)."""
        return bool(self.case_type or self.prosecutor or self.department or self.date_from or self.date_to
                    or self.status or not self.include_archived or self.case_nos is not None
                    or (self.text or "").strip())

    @property
    def needs_figures(self) -> bool:
        return bool(self.grade or self.progress or self.risk or self.due) or self.sort in FIGURE_SORTS


@dataclass(frozen=True)
class CaseFiguresView:
    """The register's figures for one case as of a day: what is stored, with days left derived for that day."""

    answered: int
    applicable: int
    score: float | None
    grade_code: str
    grade_label: str
    flags: dict[str, int]
    next_due: dt.date | None
    days_left: int | None

    @property
    def progress_text(self) -> str:
        return f"{self.answered}/{self.applicable}"

    @property
    def risk_total(self) -> int:
        return sum(self.flags.values())


@dataclass(frozen=True)
class CaseRow:
    id: int
    case_no: str
    title: str
    case_type: str
    case_type_label: str
    prosecutor: str
    department: str
    received_on: dt.date
    closed_on: dt.date | None
    status: str
    status_label: str
    charges: str
    #: None until the case's figures were computed (a database from an older version, before its first start).
    figures: CaseFiguresView | None = None


def _filtered(query: CaseQuery, columns: Any, today: dt.date, *, join_figures: bool = False) -> Select[Any]:
    stmt = select(*columns) if isinstance(columns, tuple) else select(columns)
    if query.sort in FIGURE_SORTS:
        # Driven by the figures table, so the sort walks its index instead of sorting 100,000 rows (every case
        # has figures: they are written with it, and brought up to date when the database is opened).
        stmt = stmt.select_from(CaseFigures).join(CaseRecord, CaseRecord.id == CaseFigures.case_id)
    elif join_figures or query.needs_figures:
        stmt = stmt.select_from(CaseRecord).outerjoin(CaseFigures, CaseFigures.case_id == CaseRecord.id)
    if query.case_type:
        stmt = stmt.where(CaseRecord.case_type == query.case_type)
    if query.prosecutor:
        stmt = stmt.where(CaseRecord.prosecutor == query.prosecutor)
    if query.department:
        stmt = stmt.where(CaseRecord.department == query.department)
    if query.date_from:
        stmt = stmt.where(CaseRecord.received_on >= query.date_from)
    if query.date_to:
        stmt = stmt.where(CaseRecord.received_on <= query.date_to)
    if query.status:
        stmt = stmt.where(CaseRecord.status == query.status)
    elif not query.include_archived:
        stmt = stmt.where(CaseRecord.status != "archived")
    if query.case_nos is not None:
        stmt = stmt.where(CaseRecord.case_no.in_(list(query.case_nos)))
    text = (query.text or "").strip()
    if text:
        stmt = stmt.where(or_(*(contains_text(column, text)
                                for column in (CaseRecord.case_no, CaseRecord.title, CaseRecord.charges_text))))
    return _figure_filters(stmt, query, today)


def _figure_filters(stmt: Select[Any], query: CaseQuery, today: dt.date) -> Select[Any]:
    """Days left and due statuses are derived from the stored due date for `today`, never stored."""
    if query.grade:
        stmt = stmt.where(CaseFigures.grade_code == query.grade)
    if query.progress == "unstarted":
        stmt = stmt.where(CaseFigures.answered == 0, CaseFigures.applicable > 0)
    elif query.progress == "unfinished":
        stmt = stmt.where(CaseFigures.answered < CaseFigures.applicable)
    elif query.progress == "finished":
        stmt = stmt.where(CaseFigures.answered >= CaseFigures.applicable)
    if query.risk == "critical":
        stmt = stmt.where(CaseFigures.flags_critical > 0)
    elif query.risk == "major":
        stmt = stmt.where(or_(CaseFigures.flags_critical > 0, CaseFigures.flags_major > 0))
    elif query.risk == "any":
        stmt = stmt.where(or_(CaseFigures.flags_critical > 0, CaseFigures.flags_major > 0,
                              CaseFigures.flags_minor > 0))
    elif query.risk == "none":
        stmt = stmt.where(CaseFigures.flags_critical == 0, CaseFigures.flags_major == 0,
                          CaseFigures.flags_minor == 0)
    soon = today + dt.timedelta(days=DUE_SOON_DAYS)
    if query.due == "overdue":
        stmt = stmt.where(CaseFigures.next_due < today)
    elif query.due == "due_soon":
        stmt = stmt.where(CaseFigures.next_due >= today, CaseFigures.next_due <= soon)
    elif query.due == "open":
        stmt = stmt.where(CaseFigures.next_due > soon)
    elif query.due == "none":
        stmt = stmt.where(CaseFigures.next_due.is_(None))
    return stmt


def _ordered(stmt: Select[Any], query: CaseQuery) -> Select[Any]:
    columns = SORT_COLUMNS.get(query.sort, SORT_COLUMNS["received_on"])
    keys = [column.desc() if query.descending else column.asc() for column in columns]
    if query.sort == "next_due":
        keys = [key.nulls_last() for key in keys]
    elif query.sort in NULLABLE_SORTS:
        # Spelt out so that PostgreSQL (NULLs after values going up) lists them as SQLite does.
        keys = [key.nulls_last() if query.descending else key.nulls_first() for key in keys]
    same = CaseFigures.case_id if query.sort in FIGURE_SORTS else CaseRecord.id
    tiebreak = same.desc() if query.descending else same.asc()
    return stmt.order_by(*keys, tiebreak)


_ROW_COLUMNS = (CaseRecord.id, CaseRecord.case_no, CaseRecord.title, CaseRecord.case_type, CaseRecord.prosecutor,
                CaseRecord.department, CaseRecord.received_on, CaseRecord.closed_on, CaseRecord.status,
                CaseRecord.charges_text, CaseFigures.answered, CaseFigures.applicable, CaseFigures.score,
                CaseFigures.grade_code, CaseFigures.flags_critical, CaseFigures.flags_major,
                CaseFigures.flags_minor, CaseFigures.flags_info, CaseFigures.next_due, CaseFigures.computed_on)


def _rows(result: Iterable[Sequence[Any]], today: dt.date, grade_labels: Mapping[str, str]) -> list[CaseRow]:
    """Register rows from result tuples in the order of `_ROW_COLUMNS`, with days left derived for `today`.

    A page is read at every keystroke in the search field, so the tuples are unpacked by position: reading them
    by name cost more than the query itself."""
    rows = []
    for (case_id, case_no, title, case_type, prosecutor, department, received_on, closed_on, status, charges,
         answered, applicable, score, grade_code, critical, major, minor, info, next_due, computed_on) in result:
        figures = None if computed_on is None else CaseFiguresView(
            answered, applicable, score, grade_code, grade_labels.get(grade_code, grade_code),
            {"critical": critical, "major": major, "minor": minor, "info": info},
            next_due, (next_due - today).days if next_due else None)
        rows.append(CaseRow(case_id, case_no, title, case_type, CASE_TYPES.get(case_type, case_type), prosecutor,
                            department, received_on, closed_on, status, CASE_STATUSES.get(status, status), charges,
                            figures))
    return rows


def _by_case(result: Iterable[Any]) -> dict[int, list[Any]]:
    grouped: dict[int, list[Any]] = {}
    for row in result:
        grouped.setdefault(row.case_id, []).append(row)
    return grouped


AnswerImporter = Callable[[Session, Actor, list[tuple[int, str, dict[str, Answer]]]], None]
IMPORT_BATCH = 500


class CaseService:
    def __init__(self, database: Database, derived: DerivedData, answer_importer: AnswerImporter | None = None,
                 viewer: Callable[[], Actor] | None = None,
                 known_items: Callable[[str], Collection[str]] | None = None) -> None:
        self.database = database
        self.derived = derived
        self.answer_importer = answer_importer
        #: Who is looking: reading methods show only the cases this actor may see (None: all, as in tests).
        self.viewer = viewer
        self.known_items = known_items

    def _visible(self, stmt: Any) -> Any:
        return stmt if self.viewer is None else permissions.visible(self.viewer(), stmt)

    def _readable(self, session: Session, record: CaseRecord) -> CaseRecord:
        if self.viewer is not None:
            permissions.check(self.viewer(), "case.read", record, session)
        return record

    def answer_warnings(self, cases: Sequence[Case], origins: Sequence[str]) -> list[str]:
        """One warning per case whose answers name items its checklist does not have (they are kept as given)."""
        if self.known_items is None:
            return []
        items: dict[str, Collection[str]] = {}
        warnings: list[str] = []
        for case, origin in zip(cases, origins, strict=True):
            if not case.answers:
                continue
            if case.case_type not in items:
                items[case.case_type] = self.known_items(case.case_type)
            unknown = unknown_answer_ids(case, items[case.case_type])
            if unknown:
                warnings.append(unknown_answers_warning(origin, unknown))
        return warnings

    # --- reading -------------------------------------------------------------------------------------------
    def count(self, query: CaseQuery) -> int:
        with self.database.sessions() as session:
            return session.scalar(self._visible(_filtered(query, (func.count(CaseRecord.id),), self.derived.today()))) or 0

    def list_ids(self, query: CaseQuery) -> list[int]:
        """Every matching id in display order: cheap even for 100,000 cases, rows are fetched as they are shown."""
        today = self.derived.today()
        everyone = self.viewer is None or permissions.visible_clause(self.viewer()) is None
        if query.sort in FIGURE_SORTS and not query.filters_cases and everyone:
            # Sorted by a figure with no filter on the cases themselves: the figures' index alone gives the order.
            stmt = _ordered(_figure_filters(select(CaseFigures.case_id), query, today), query)
        else:
            stmt = self._visible(_ordered(_filtered(query, CaseRecord.id, today), query))
        with self.database.sessions() as session:
            return list(session.scalars(stmt))

    def rows(self, ids: Sequence[int]) -> dict[int, CaseRow]:
        """Rows with their figures as of today (days left derived from the stored due date)."""
        if not ids:
            return {}
        today, labels = self.derived.today(), self.grade_labels()
        stmt = self._visible(select(*_ROW_COLUMNS).select_from(CaseRecord)
                             .outerjoin(CaseFigures, CaseFigures.case_id == CaseRecord.id)
                             .where(CaseRecord.id.in_(list(ids))))
        with self.database.engine.connect() as conn:
            return {row.id: row for row in _rows(conn.execute(stmt).all(), today, labels)}

    def page(self, query: CaseQuery, offset: int = 0, limit: int = 100) -> list[CaseRow]:
        today, labels = self.derived.today(), self.grade_labels()
        stmt = self._visible(
            _ordered(_filtered(query, _ROW_COLUMNS, today, join_figures=True), query)).offset(offset).limit(limit)
        with self.database.engine.connect() as conn:  # plain rows: the ORM's per-row bookkeeping is not needed
            return _rows(conn.execute(stmt).all(), today, labels)

    def grade_labels(self) -> dict[str, str]:
        """Grade codes with the labels of the grading scheme in use, best first."""
        return {tier.code: tier.label for tier in self.derived.context.scheme.grades}

    def distinct_values(self, column: str) -> list[str]:
        """Prosecutors or departments present in the register in Chinese order (拼音; 第一 … 第十二 as numbers)."""
        attr = {"prosecutor": CaseRecord.prosecutor, "department": CaseRecord.department}[column]
        with self.database.sessions() as session:
            return sorted_chinese(v for v in session.scalars(self._visible(select(attr).distinct())) if v)

    def get(self, case_no: str) -> Case:
        with self.database.sessions() as session:
            return case_from_record(self._readable(session, self._load(session, case_no)))

    def get_with_version(self, case_no: str) -> tuple[Case, int]:
        """The case and the version it was read at, which an editor passes back to `update` (optimistic lock)."""
        with self.database.sessions() as session:
            record = self._readable(session, self._load(session, case_no))
            return case_from_record(record), record.version

    def get_by_id(self, case_id: int) -> Case:
        with self.database.sessions() as session:
            record = session.get(CaseRecord, case_id, options=[selectinload(CaseRecord.evidence),
                                                                 selectinload(CaseRecord.events)])
            if record is None:
                raise NotFound(tr(f"案件（编号 {case_id}）不存在", f"case id {case_id} not found"))
            return case_from_record(self._readable(session, record))

    def status_of(self, case_no: str) -> str:
        with self.database.sessions() as session:
            return self._readable(session, self._load(session, case_no)).status

    def iter_cases(self, query: CaseQuery, batch: int = 500) -> Iterable[Case]:
        """Cases in display order, loaded a batch at a time so exports of many cases stay small in memory.

        Every batch job (evaluating, exporting, screening) reads through here, so the rows are read as plain
        result rows: building ORM objects for cases, evidence and events cost more than the rules themselves."""
        ids = self.list_ids(query)
        cases_t, events_t, evidence_t = CaseRecord.__table__, EventRecord.__table__, EvidenceRecord.__table__
        for start in range(0, len(ids), batch):
            chunk = ids[start:start + batch]
            with self.database.engine.connect() as conn:
                events = _by_case(conn.execute(select(events_t).where(events_t.c.case_id.in_(chunk))
                                               .order_by(events_t.c.case_id, events_t.c.position, events_t.c.id)))
                evidence = _by_case(conn.execute(select(evidence_t).where(evidence_t.c.case_id.in_(chunk))
                                                 .order_by(evidence_t.c.case_id, evidence_t.c.position,
                                                           evidence_t.c.id)))
                by_id = {r.id: case_from_record(r, events.get(r.id, ()), evidence.get(r.id, ()))
                         for r in conn.execute(select(cases_t).where(cases_t.c.id.in_(chunk)))}
            yield from (by_id[i] for i in chunk if i in by_id)

    def rederive(self, ids: Sequence[int]) -> int:
        """Recompute the stored periods and flags of some cases (after the calendar or rules changed)."""
        with UnitOfWork(self.database) as uow:
            records = uow.session.scalars(
                select(CaseRecord).where(CaseRecord.id.in_(list(ids)))
                .options(selectinload(CaseRecord.evidence), selectinload(CaseRecord.events))).all()
            for record in records:
                self.derived.refresh(uow.session, record.id, case_from_record(record))
            uow.commit()
            return len(records)

    @staticmethod
    def _load(session: Session, case_no: str) -> CaseRecord:
        record = session.scalar(
            select(CaseRecord).where(CaseRecord.case_no == case_no)
            .options(selectinload(CaseRecord.evidence), selectinload(CaseRecord.events))
        )
        if record is None:
            raise NotFound(tr(f"案件 {case_no} 不存在", f"case {case_no} not found"))
        return record

    # --- writing -------------------------------------------------------------------------------------------
    def create(self, actor: Actor, case: Case) -> CaseRow:
        permissions.check(actor, "case.create")
        validate_case(case)
        with UnitOfWork(self.database) as uow:
            self._ensure_new(uow.session, [case.case_no])
            record = CaseRecord(owner_id=_owner(actor))
            apply_case(record, case)
            uow.session.add(record)
            uow.session.flush()
            self.derived.refresh(uow.session, record.id, case)
            audit.record(uow.session, actor, "case.create", "case", case.case_no, {"new": audit_snapshot(case)})
            uow.commit()
            return self.rows([record.id])[record.id]

    def update(self, actor: Actor, original_case_no: str, case: Case, expected_version: int | None = None) -> CaseRow:
        """Replace a case's fields; renaming 案号 is allowed when the new one is free.

        `expected_version` is the version the editor loaded (`get_with_version`): when someone saved the case since,
        EditConflict names them and nothing is written."""
        validate_case(case)
        with UnitOfWork(self.database) as uow:
            record = self._load(uow.session, original_case_no)
            permissions.check(actor, "case.edit", record, uow.session)
            _check_case_version(uow.session, record, expected_version)
            if record.status == "archived":
                raise ServiceError(tr("已归档的案件不能修改", "an archived case cannot be edited"))
            if case.case_no != original_case_no:
                self._ensure_new(uow.session, [case.case_no])
            before = audit_snapshot(case_from_record(record))
            apply_case(record, case)
            uow.session.flush()
            self.derived.refresh(uow.session, record.id, case)
            diff = audit.changes(before, audit_snapshot(case))
            if diff:
                audit.record(uow.session, actor, "case.update", "case", case.case_no, diff)
            uow.commit()
            return self.rows([record.id])[record.id]

    def archive(self, actor: Actor, case_no: str, expected_version: int | None = None) -> None:
        with UnitOfWork(self.database) as uow:
            record = self._load(uow.session, case_no)
            permissions.check(actor, "case.archive", record, uow.session)
            _check_case_version(uow.session, record, expected_version)
            if record.status == "archived":
                return
            old = record.status
            record.status = "archived"
            audit.record(uow.session, actor, "case.archive", "case", case_no, {"status": [old, "archived"]})
            uow.commit()

    def import_cases(self, actor: Actor, cases: Sequence[Case], *, source: str = "import",
                     progress: ProgressFn | None = None, origins: Sequence[str] | None = None,
                     warn: Callable[[str], None] | None = None) -> int:
        """Insert many cases in one transaction: a duplicate 案号 or any bad case rejects the whole batch.

        `origins` names where each case came from (its file), so a problem names the file to fix; `warn` is told
        of answers for items the checklist does not have (imported all the same).
        """
        permissions.check(actor, "case.create")
        where = list(origins) if origins is not None else [c.case_no for c in cases]
        problems: list[str] = []
        first_seen: dict[str, str] = {}
        for case, origin in zip(cases, where, strict=True):
            try:
                validate_case(case)
            except ServiceError as exc:
                problems.extend(exc.problems)
            if case.case_no in first_seen:
                problems.append(f"{origin}: case_no: " + tr(
                    f"案号 {case.case_no} 与 {first_seen[case.case_no]} 重复",
                    f"{case.case_no} also appears in {first_seen[case.case_no]}"))
            first_seen.setdefault(case.case_no, origin)
        if problems:
            raise ServiceError(problems[0], problems)
        if warn is not None:
            for warning in self.answer_warnings(cases, where):
                warn(warning)
        with UnitOfWork(self.database) as uow:
            session = uow.session
            self._ensure_new(session, [c.case_no for c in cases], dict(zip([c.case_no for c in cases], where,
                                                                            strict=True)))
            for start in range(0, len(cases), IMPORT_BATCH):
                self._insert_batch(session, actor, cases[start:start + IMPORT_BATCH])
                if progress:
                    progress(min(start + IMPORT_BATCH, len(cases)), len(cases))
            audit.record(session, actor, "case.import", "case", source,
                         {"count": len(cases), "case_nos": [c.case_no for c in cases[:1000]]})
            uow.commit()
        return len(cases)

    def import_files(self, actor: Actor, paths: Sequence[Path], progress: ProgressFn | None = None,
                     warn: Callable[[str], None] | None = None) -> int:
        """Read every file first (all problems listed), then import all or nothing."""
        cases: list[Case] = []
        origins: list[str] = []
        problems: list[str] = []
        for path in paths:
            try:
                found = read_case_source(Path(path))
            except CaseFormatError as exc:
                problems.extend(exc.problems)
                continue
            cases.extend(found)
            origins.extend(str(path) if len(found) == 1 else f"{path}（{case.case_no}）" for case in found)
        if problems:
            raise ServiceError(problems[0], problems)
        return self.import_cases(actor, cases, source=", ".join(str(p) for p in paths)[:128], progress=progress,
                                 origins=origins, warn=warn)

    def export_files(self, query: CaseQuery, out_dir: Path, progress: ProgressFn | None = None) -> list[Path]:
        """One `casecheck.case/1` file per case, named after its 案号."""
        out_dir.mkdir(parents=True, exist_ok=True)
        written: list[Path] = []
        total = self.count(query)
        for done, case in enumerate(self.iter_cases(query), start=1):
            path = out_dir / f"{safe_file_name(case.case_no)}.json"
            path.write_text(dump_case(case), encoding="utf-8")
            written.append(path)
            if progress:
                progress(done, total)
        return written

    def _insert_batch(self, session: Session, actor: Actor, cases: Sequence[Case]) -> None:
        """Bulk inserts with RETURNING keep a 100,000-case import to minutes on any database."""
        # Core inserts of the tables, not ORM bulk inserts: the ORM's per-row bookkeeping cost more than SQLite.
        cases_t = table_of(CaseRecord)
        ids = session.scalars(
            insert(cases_t).returning(cases_t.c.id, sort_by_parameter_order=True),
            [{**case_columns(c), "status": status_for(c), "owner_id": _owner(actor)} for c in cases]).all()
        evidence: list[dict[str, Any]] = []
        events: list[dict[str, Any]] = []
        deadlines: list[dict[str, Any]] = []
        flags: list[dict[str, Any]] = []
        flag_rules: list[dict[str, Any]] = []
        figures: list[dict[str, Any]] = []
        lines: list[dict[str, Any]] = []
        versions: dict[str, int | None] = {}
        for case_id, case in zip(ids, cases, strict=True):
            evidence.extend({**row, "case_id": case_id} for row in evidence_rows(case))
            events.extend({**row, "case_id": case_id} for row in event_rows(case))
            walk = self.derived.imported_walk(session, case, self.answer_importer is not None, versions)
            derived = self.derived.derive(case_id, case, walk)
            deadlines.extend(derived.deadlines)
            flags.extend(derived.flags)
            flag_rules.extend(derived.flag_rules)
            figures.append(derived.figures)
            lines.extend(new_line_rows(case_id, derived.rectifications))
        for model, rows in ((EvidenceRecord, evidence), (EventRecord, events), (DeadlineRecord, deadlines),
                            (FlagRecord, flags), (CaseFlag, flag_rules), (CaseFigures, figures),
                            (Rectification, lines)):
            if rows:
                session.execute(insert(table_of(model)), rows)
        if self.answer_importer is not None:
            self.answer_importer(session, actor, [(i, c.case_type, c.answers) for i, c in zip(ids, cases, strict=True)])
        store_inspection_rows(session, ids)

    @staticmethod
    def _ensure_new(session: Session, case_nos: Sequence[str], origins: dict[str, str] | None = None) -> None:
        existing: list[str] = []
        for start in range(0, len(case_nos), 500):
            chunk = list(case_nos[start:start + 500])
            existing.extend(session.scalars(select(CaseRecord.case_no).where(CaseRecord.case_no.in_(chunk))))
        if existing:
            origins = origins or {}
            problems = [f"{origins.get(n, n)}: case_no: " + tr(f"数据库中已存在案号 {n}", f"{n} is already in the database")
                        for n in existing]
            raise ServiceError(problems[0], problems)


#: The audit actions that change a case's own fields (and so its version).
CASE_EDIT_ACTIONS = ("case.create", "case.update", "case.archive")


def _check_case_version(session: Session, record: CaseRecord, expected: int | None) -> None:
    check_version(session, record.version, expected, what_zh=f"案件 {record.case_no} ", what_en=f"Case {record.case_no}",
                  entity="case", key=record.case_no, actions=CASE_EDIT_ACTIONS)


def _owner(actor: Actor) -> int | None:
    """The account that creates or imports a case owns it (the placeholder actor before a log-in owns nothing)."""
    return actor.id or None


def validate_case(case: Case) -> None:
    """Checks beyond the file format that the editor and the importer share."""
    problems: list[str] = []
    where = (case.case_no[:CASE_NO_CHARS] + ("…" if len(case.case_no) > CASE_NO_CHARS else "")) if case.case_no \
        else tr("（无案号）", "(no case number)")
    for field, value in (("case_no", case.case_no), ("title", case.title), ("prosecutor", case.prosecutor)):
        if not value or not value.strip():
            problems.append(f"{where}: {field}: " + tr("不能为空", "must not be empty"))
    if case.case_type not in CASE_TYPES:
        problems.append(f"{where}: case_type: " + tr(f"未知的案件类型 {case.case_type!r}", f"unknown {case.case_type!r}"))
    seen: set[str] = set()  # a set, not list.index: 100,000 exhibits must not take minutes
    for i, evidence in enumerate(case.evidence):
        evidence_id = evidence.id.strip()
        if not evidence_id:
            problems.append(f"{where}: evidence[{i}].id: " + tr("证据编号不能为空", "must not be empty"))
        elif evidence_id in seen:
            problems.append(f"{where}: evidence[{i}].id: " + tr(f"证据编号 {quote(evidence_id)} 重复",
                                                                f"duplicate id {quote(evidence_id)}"))
        seen.add(evidence_id)
    if len(case.case_no.strip()) > CASE_NO_CHARS:
        problems.append(f"{where}: case_no: " + tr(f"案号过长（最多 {CASE_NO_CHARS} 个字符）",
                                                                   f"too long (at most {CASE_NO_CHARS} characters)"))
    if problems:
        raise ServiceError(problems[0], problems)


def read_case_source(path: Path) -> list[Case]:
    """A JSON case file gives one case; an .xlsx case register gives one per row."""
    if path.suffix.lower() == ".xlsx":
        from desktop_app.core.case_register import read_case_register

        return read_case_register(path)
    return [load_case_file(path)]


#: Room left in a 255-byte file name for an extension such as ".json" or ".xlsx" and a numbering prefix.
FILE_NAME_BYTES = 200


def safe_file_name(text: str) -> str:
    """A file name made from a 案号: characters no file system allows replaced, and shortened to fit 255 bytes
    (with its suffix) by cutting it and adding a short hash of the whole, so two long numbers stay apart."""
    cleaned = "".join("_" if ch in '<>:"/\\|?*' or ord(ch) < 32 else ch for ch in text).strip(" .")
    cleaned = cleaned.encode("utf-8", "replace").decode("utf-8") or "case"
    if len(cleaned.encode("utf-8")) <= FILE_NAME_BYTES:
        return cleaned
    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:10]
    cut = cleaned.encode("utf-8")[:FILE_NAME_BYTES - len(digest) - 1].decode("utf-8", "ignore")
    return f"{cut}-{digest}"
