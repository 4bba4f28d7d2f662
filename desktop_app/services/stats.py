"""The team-lead dashboard's figures (质量看板), one SQL aggregate each over the precomputed per-case tables.

Every figure is counted in the database from narrow rows kept current by `DerivedData`: `case_figures` (score,
grade, month received), `case_failed_items`, `case_flags`, `deadlines` and `rectifications`, each grouped over an
index, never by loading cases or reading every answer, so the dashboard and `casecheck stats` stay fast on
100,000 cases. The same filters narrow every figure; with none (and a viewer who sees everything) no figure joins
the case table at all. `permissions.visible` keeps a prosecutor or department head to the cases they may see.
Period statuses are derived for `today` from the stored due dates by the deadline board's own conditions, so the
dashboard, the dock and the workbooks count the same periods.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, Select, and_, case, func, select
from sqlalchemy.orm import Session
from sqlalchemy.pool import SingletonThreadPool

from db.engine import Database
from db.models import (
    KIND_BITS,
    CaseFailedItem,
    CaseFigures,
    CaseFlag,
    CaseRecord,
    ChecklistTemplateVersion,
    DeadlineRecord,
    FlagRecord,
    Rectification,
)
from desktop_app.core.case import CASE_TYPES
from desktop_app.core.checklists import template_from_dict
from desktop_app.core.deadlines import period_status
from desktop_app.core.rectification import RECTIFICATION_STATUSES
from desktop_app.core.scoring import GRADE_CODES, GradingScheme, list_grading_schemes, load_grading_scheme
from desktop_app.services import permissions
from desktop_app.services.actors import Actor
from desktop_app.services.board import at_risk_clause, due_soon_clause, overdue_clause
from desktop_app.services.cases import CaseQuery

TOP_ITEMS = 20
TOP_FLAGS = 20
#: At most this many periods are listed under 期限预警 (the counts cover all of them).
PERIOD_LIST_LIMIT = 200
#: Figures counted at once, each on a connection of its own (see `StatsService._concurrently`).
PARALLEL_QUERIES = 3

_Stmt = TypeVar("_Stmt", bound=Select)


@dataclass(frozen=True)
class StatsFilters:
    """The dashboard's filters; None means "any". `scheme` grades the stored scores by that scheme's score lines."""

    date_from: dt.date | None = None
    date_to: dt.date | None = None
    department: str | None = None
    prosecutor: str | None = None
    case_type: str | None = None
    inspection_kind: str | None = None
    scheme: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {"from": self.date_from.isoformat() if self.date_from else None,
                "to": self.date_to.isoformat() if self.date_to else None,
                "department": self.department, "prosecutor": self.prosecutor, "case_type": self.case_type,
                "inspection_kind": self.inspection_kind, "grading": self.scheme}

    def case_query(self, **narrower: Any) -> CaseQuery:
        """The register filter showing these cases (a chart's bar adds its own condition in `narrower`)."""
        base: dict[str, Any] = {"case_type": self.case_type, "prosecutor": self.prosecutor,
                                "department": self.department, "date_from": self.date_from, "date_to": self.date_to}
        base.update(narrower)
        return CaseQuery(**base)


@dataclass(frozen=True)
class Bucket:
    """One bar or slice: its key (what a click filters on), its label and its count."""

    key: str
    label: str
    count: int


@dataclass(frozen=True)
class MeanScore:
    key: str
    label: str
    cases: int
    mean_score: float | None


@dataclass(frozen=True)
class MonthTrend:
    month: str
    cases: int
    mean_score: float | None


@dataclass(frozen=True)
class FailedItem:
    item_id: str
    question: str
    cases: int


@dataclass(frozen=True)
class FrequentFlag:
    rule: str
    title: str
    cases: int


@dataclass(frozen=True)
class PeriodAtRisk:
    case_no: str
    prosecutor: str
    name: str
    due: dt.date
    days_left: int
    status: str


@dataclass(frozen=True)
class PeriodRisk:
    overdue: int
    due_soon: int
    periods: list[PeriodAtRisk] = field(default_factory=list)


@dataclass(frozen=True)
class DashboardStats:
    filters: StatsFilters
    today: dt.date
    cases: int
    grades: list[Bucket]
    by_prosecutor: list[MeanScore]
    by_case_type: list[MeanScore]
    trend: list[MonthTrend]
    failed_items: list[FailedItem]
    flags: list[FrequentFlag]
    periods: PeriodRisk
    rectifications: list[Bucket]


def _has_kind(bits: Any, kind: str) -> ColumnElement[bool]:
    """`bits` (a sum of KIND_BITS) includes `kind`; bitwise AND reads the same on SQLite and PostgreSQL."""
    return bits.op("&")(KIND_BITS.get(kind, 0)) != 0


def _mean(value: float | None) -> float | None:
    return round(float(value), 2) if value is not None else None


class StatsService:
    def __init__(self, database: Database, scheme: GradingScheme,
                 schemes: dict[str, GradingScheme] | None = None) -> None:
        """`scheme` is the one the stored grades were given by; `schemes` are the others a filter may choose."""
        self.database = database
        self.scheme = scheme
        self.schemes = {**(schemes or {}), scheme.id: scheme}

    # --- the filtered set of cases -----------------------------------------------------------------------------
    @staticmethod
    def _filtered(table: Any, filters: StatsFilters, viewer: Actor | None,
                  kinds: Any | None = None) -> list[ColumnElement[bool]]:
        """The conditions every figure counts under, as tests of `table`'s own copies of the case's fields
        (`CaseFilterColumns`), so no figure tests each row against a subquery of the cases: the filters, the
        inspection kind (on `kinds`, the table's `inspection_kinds` unless given) and what `viewer` may see. Empty
        when that is every case, so the figures group whole indexes."""
        conditions: list[ColumnElement[bool]] = [
            getattr(table, column) == value
            for column, value in (("department", filters.department), ("prosecutor", filters.prosecutor),
                                  ("case_type", filters.case_type)) if value]
        if filters.date_from:
            conditions.append(table.received_on >= filters.date_from)
        if filters.date_to:
            conditions.append(table.received_on <= filters.date_to)
        if filters.inspection_kind:
            conditions.append(_has_kind(table.inspection_kinds if kinds is None else kinds, filters.inspection_kind))
        seen = permissions.visible_clause(viewer) if viewer is not None else None
        if seen is not None:
            conditions.append(table.case_id.in_(select(CaseRecord.id).where(seen)))
        return conditions

    def _grade_expr(self, filters: StatsFilters) -> tuple[ColumnElement[Any], GradingScheme]:
        """The stored grade (by its indexed rank), or — with another scheme chosen — the stored score graded by
        that scheme's score lines (a critical flag still makes a case 不合格, as every scheme must)."""
        scheme = self.schemes.get(filters.scheme or self.scheme.id, self.scheme)
        if scheme.id == self.scheme.id:
            stored: ColumnElement[Any] = case(*((CaseFigures.grade_rank == rank, code)
                                                for rank, code in enumerate(GRADE_CODES)), else_="")
            return stored, scheme
        whens: list[tuple[Any, str]] = [(CaseFigures.flags_critical > 0, "unqualified")]
        whens += [(CaseFigures.score >= tier.min_score, tier.code) for tier in scheme.grades]
        return case(*whens, else_=""), scheme

    # --- the figures -------------------------------------------------------------------------------------------
    def dashboard(self, filters: StatsFilters, today: dt.date, viewer: Actor | None = None) -> DashboardStats:
        if filters.scheme and filters.scheme not in self.schemes:
            raise ValueError(f"unknown grading scheme {filters.scheme!r}")
        on_figures = self._filtered(CaseFigures, filters, viewer)
        grade, scheme = self._grade_expr(filters)
        # Slowest first, so the last figures to start are quick ones.
        found = self._concurrently({
            "failed_items": partial(self._failed_items,
                                    self._filtered(CaseFailedItem, filters, viewer, kinds=CaseFailedItem.kinds)),
            "period_counts": partial(self._period_counts, on_figures, today),
            "rectifications": partial(self._rectifications, on_figures),
            "by_prosecutor": partial(self._means, on_figures, CaseFigures.prosecutor),
            "by_case_type": partial(self._means, on_figures, CaseFigures.case_type),
            "trend": partial(self._means, on_figures, CaseFigures.received_month),
            "flags": partial(self._flags, self._filtered(CaseFlag, filters, viewer)),
            "grades": partial(self._grades, on_figures, grade, scheme),
            "total": lambda session: session.scalar(select(func.count()).select_from(CaseFigures)
                                                    .where(*on_figures)) or 0,
            "period_list": partial(self._period_list, on_figures, today),
        })
        overdue, due_soon = found["period_counts"]
        return DashboardStats(
            filters, today, int(found["total"]), found["grades"],
            [MeanScore(k, k, n, m) for k, n, m in found["by_prosecutor"]],
            [MeanScore(k, CASE_TYPES.get(k, k), n, m) for k, n, m in found["by_case_type"]],
            [MonthTrend(str(k), n, m) for k, n, m in found["trend"]], found["failed_items"], found["flags"],
            PeriodRisk(overdue, due_soon, found["period_list"]), found["rectifications"])

    def _concurrently(self, parts: dict[str, Callable[[Session], Any]]) -> dict[str, Any]:
        """Each part in a session (a connection) of its own, PARALLEL_QUERIES at a time: the database counts
        several figures at once (sqlite3 and psycopg let go of the GIL while it works), so the dashboard waits for
        about its slowest figures instead of their sum. Each figure was already its own read on either database."""
        def run(part: Callable[[Session], Any]) -> Any:
            with self.database.sessions() as session:
                return part(session)

        if isinstance(self.database.engine.pool, SingletonThreadPool):
            # A read-only file's engine keeps one connection per thread and closes surplus ones of other threads.
            return {name: run(part) for name, part in parts.items()}
        with ThreadPoolExecutor(max_workers=PARALLEL_QUERIES, thread_name_prefix="stats") as pool:
            futures = {name: pool.submit(run, part) for name, part in parts.items()}
            return {name: future.result() for name, future in futures.items()}

    @staticmethod
    def _means(conditions: list[ColumnElement[bool]], column: Any,
               session: Session) -> list[tuple[Any, int, float | None]]:
        """Cases and mean score per value of a `case_figures` column, read from its (column, score) index."""
        rows = session.execute(select(column, func.count(), func.avg(CaseFigures.score))
                               .where(*conditions).group_by(column).order_by(column))
        return [(key, int(n), _mean(avg)) for key, n, avg in rows]

    def _grades(self, conditions: list[ColumnElement[bool]], grade: ColumnElement[Any], scheme: GradingScheme,
                session: Session) -> list[Bucket]:
        """Cases per grade; the stored grades are counted by their indexed rank, another scheme's by score."""
        if scheme.id == self.scheme.id:
            ranks = session.execute(select(CaseFigures.grade_rank, func.count())
                                    .where(*conditions).group_by(CaseFigures.grade_rank))
            counted: dict[str, int] = {}
            for rank, n in ranks:
                code = GRADE_CODES[rank] if rank is not None and 0 <= rank < len(GRADE_CODES) else ""
                counted[code] = counted.get(code, 0) + int(n)
        else:  # grouped over a subquery: PostgreSQL does not match a GROUP BY expression that has bound values
            graded = select(grade.label("grade")).where(*conditions).subquery()
            counted = {code: int(n) for code, n in
                       session.execute(select(graded.c.grade, func.count()).group_by(graded.c.grade))}
        buckets = [Bucket(code, scheme.label(code), int(counted.get(code, 0))) for code in GRADE_CODES]
        if counted.get("", 0):
            buckets.append(Bucket("", "未评定", int(counted[""])))
        return buckets

    def _failed_items(self, conditions: list[ColumnElement[bool]], session: Session) -> list[FailedItem]:
        """Items answered 不符合 in the chosen kind of inspection (any kind without one), counted once per case,
        over the precomputed `case_failed_items` (one row per case and item, whichever kinds failed it)."""
        cases = func.count()
        rows = session.execute(
            select(CaseFailedItem.item_id, cases, func.max(CaseFailedItem.template_version_id)).where(*conditions)
            .group_by(CaseFailedItem.item_id).order_by(cases.desc(), CaseFailedItem.item_id).limit(TOP_ITEMS)).all()
        questions: dict[int, dict[str, str]] = {}
        for version_id in {row[2] for row in rows}:
            stored = session.get(ChecklistTemplateVersion, version_id)
            template = template_from_dict(stored.content, f"db:{version_id}") if stored is not None else None
            questions[version_id] = {item.id: item.question for item in template.items} if template else {}
        return [FailedItem(item_id, questions[version].get(item_id, item_id), int(n)) for item_id, n, version in rows]

    def _flags(self, conditions: list[ColumnElement[bool]], session: Session) -> list[FrequentFlag]:
        """The rules flagging most cases, over `case_flags`; each title is read from one stored flag of its rule."""
        cases = func.count()
        top = session.execute(select(CaseFlag.rule, cases).where(*conditions)
                              .group_by(CaseFlag.rule).order_by(cases.desc(), CaseFlag.rule).limit(TOP_FLAGS)).all()
        if not top:
            return []
        first = (select(CaseFlag.rule, func.min(CaseFlag.case_id).label("case_id"))
                 .where(CaseFlag.rule.in_([rule for rule, _ in top])).group_by(CaseFlag.rule).subquery())
        titles: dict[str, str] = dict(session.execute(
            select(first.c.rule, func.min(FlagRecord.title))
            .join(FlagRecord, and_(FlagRecord.case_id == first.c.case_id, FlagRecord.rule == first.c.rule))
            .group_by(first.c.rule)).all())
        return [FrequentFlag(rule, titles.get(rule, rule), int(n)) for rule, n in top]

    def _rectifications(self, conditions: list[ColumnElement[bool]], session: Session) -> list[Bucket]:
        """整改 lines per status, of the filtered cases (their `case_figures` rows say which)."""
        stmt = select(Rectification.status, func.count()).group_by(Rectification.status)
        if conditions:
            stmt = stmt.join(CaseFigures, CaseFigures.case_id == Rectification.case_id).where(*conditions)
        done = {status: int(n) for status, n in session.execute(stmt)}
        return [Bucket(code, label, done.get(code, 0)) for code, label in RECTIFICATION_STATUSES.items()]

    @staticmethod
    def _at_risk(stmt: _Stmt, conditions: list[ColumnElement[bool]], today: dt.date) -> _Stmt:
        """`stmt` over the periods overdue (run out unfinished, or finished late) or due within DUE_SOON_DAYS of
        cases not archived, exactly as the deadline board and the 超期预警 sheet count them (a stopped clock is not
        at risk); the filters are tested on the cases' `case_figures` rows. The few archived cases are looked up
        once by their status index rather than each period's case row being read."""
        archived = select(CaseRecord.id).where(CaseRecord.status == "archived")
        stmt = stmt.select_from(DeadlineRecord).where(at_risk_clause(today), DeadlineRecord.case_id.not_in(archived))
        if conditions:
            stmt = stmt.join(CaseFigures, CaseFigures.case_id == DeadlineRecord.case_id).where(*conditions)
        return stmt

    def _period_counts(self, conditions: list[ColumnElement[bool]], today: dt.date,
                       session: Session) -> tuple[int, int]:
        overdue, due_soon = session.execute(self._at_risk(
            select(func.count(case((overdue_clause(today), 1))), func.count(case((due_soon_clause(today), 1)))),
            conditions, today)).one()
        return int(overdue or 0), int(due_soon or 0)

    def _period_list(self, conditions: list[ColumnElement[bool]], today: dt.date,
                     session: Session) -> list[PeriodAtRisk]:
        """The first PERIOD_LIST_LIMIT periods at risk by due date, read in the order of `ix_deadlines_due`."""
        listed = session.execute(self._at_risk(
            select(CaseRecord.case_no, CaseRecord.prosecutor, DeadlineRecord.name, DeadlineRecord.due,
                   DeadlineRecord.done_on), conditions, today)
            .join(CaseRecord, CaseRecord.id == DeadlineRecord.case_id)
            .order_by(DeadlineRecord.due, CaseRecord.case_no).limit(PERIOD_LIST_LIMIT))
        return [PeriodAtRisk(no, who, name, due, (due - (done or today)).days, period_status(due, done, today))
                for no, who, name, due, done in listed]

    # --- drilling into the register ----------------------------------------------------------------------------
    def drill(self, filters: StatsFilters, figure: str, key: str, today: dt.date,
              viewer: Actor | None = None) -> CaseQuery:
        """The register filter for a clicked bar or slice of `figure`: a register field where one says it, else
        the case numbers the bar counted."""
        if figure == "grades" and not filters.inspection_kind and (filters.scheme or self.scheme.id) == self.scheme.id:
            return filters.case_query(grade=key)
        if figure == "by_prosecutor" and not filters.inspection_kind:
            return filters.case_query(prosecutor=key)
        if figure == "by_case_type" and not filters.inspection_kind:
            return filters.case_query(case_type=key)
        ids = (select(CaseRecord.id).join(CaseFigures, CaseFigures.case_id == CaseRecord.id)
               .where(*self._filtered(CaseFigures, filters, viewer)))
        if figure == "grades":
            grade, _ = self._grade_expr(filters)
            ids = ids.where(grade == key)
        elif figure == "by_prosecutor":
            ids = ids.where(CaseRecord.prosecutor == key)
        elif figure == "by_case_type":
            ids = ids.where(CaseRecord.case_type == key)
        elif figure == "trend":
            ids = ids.where(CaseRecord.id.in_(select(CaseFigures.case_id).where(CaseFigures.received_month == key)))
        elif figure == "failed_items":
            failed = select(CaseFailedItem.case_id).where(CaseFailedItem.item_id == key)
            if filters.inspection_kind:
                failed = failed.where(_has_kind(CaseFailedItem.kinds, filters.inspection_kind))
            ids = ids.where(CaseRecord.id.in_(failed))
        elif figure == "flags":
            ids = ids.where(CaseRecord.id.in_(select(CaseFlag.case_id).where(CaseFlag.rule == key)))
        elif figure == "periods":
            window = overdue_clause(today) if key == "overdue" else due_soon_clause(today)
            ids = ids.where(CaseRecord.status != "archived",
                            CaseRecord.id.in_(select(DeadlineRecord.case_id).where(window)))
        elif figure == "rectifications":
            ids = ids.where(CaseRecord.id.in_(select(Rectification.case_id).where(Rectification.status == key)))
        else:
            raise ValueError(f"unknown figure {figure!r}")
        with self.database.sessions() as session:
            case_nos = session.scalars(select(CaseRecord.case_no).where(CaseRecord.id.in_(ids.scalar_subquery()))
                                       .order_by(CaseRecord.case_no))
            return CaseQuery(case_nos=tuple(case_nos))


def stats_service(services: Any) -> StatsService:
    """The dashboard's service for opened `Services`: their grading scheme, and every shipped one for the filter."""
    shipped = [load_grading_scheme(name) for name in list_grading_schemes()]
    return StatsService(services.database, services.context.scheme, {scheme.id: scheme for scheme in shipped})
