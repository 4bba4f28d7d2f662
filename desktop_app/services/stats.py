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
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, case, func, select, true

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
    def _cases(self, filters: StatsFilters, viewer: Actor | None) -> Select[Any] | None:
        """Ids of the cases every figure counts: the filters, the inspection kind and what `viewer` may see; None
        when that is every case, so the figures group whole indexes without a membership test per row."""
        conditions: list[ColumnElement[bool]] = []
        for column, value in ((CaseRecord.department, filters.department), (CaseRecord.prosecutor, filters.prosecutor),
                              (CaseRecord.case_type, filters.case_type)):
            if value:
                conditions.append(column == value)
        if filters.date_from:
            conditions.append(CaseRecord.received_on >= filters.date_from)
        if filters.date_to:
            conditions.append(CaseRecord.received_on <= filters.date_to)
        if filters.inspection_kind:
            conditions.append(CaseRecord.id.in_(select(CaseFigures.case_id).where(
                _has_kind(CaseFigures.inspection_kinds, filters.inspection_kind))))
        seen = permissions.visible_clause(viewer) if viewer is not None else None
        if seen is not None:
            conditions.append(seen)
        return select(CaseRecord.id).where(*conditions) if conditions else None

    @staticmethod
    def _within(column: Any, ids: Select[Any] | None) -> ColumnElement[bool]:
        return true() if ids is None else column.in_(ids.scalar_subquery())

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
        ids = self._cases(filters, viewer)
        grade, scheme = self._grade_expr(filters)
        with self.database.sessions() as session:
            total = session.scalar(select(func.count()).select_from(CaseRecord)
                                   .where(self._within(CaseRecord.id, ids))) or 0
            grades = self._grades(session, ids, grade, scheme)

            def means(column: Any) -> list[tuple[Any, int, float | None]]:
                """Cases and mean score per value of a `case_figures` column, read from its (column, score) index."""
                rows = session.execute(select(column, func.count(), func.avg(CaseFigures.score))
                                       .where(self._within(CaseFigures.case_id, ids))
                                       .group_by(column).order_by(column))
                return [(key, int(n), _mean(avg)) for key, n, avg in rows]

            by_prosecutor = [MeanScore(k, k, n, m) for k, n, m in means(CaseFigures.prosecutor)]
            by_type = [MeanScore(k, CASE_TYPES.get(k, k), n, m) for k, n, m in means(CaseFigures.case_type)]
            trend = [MonthTrend(str(m), n, avg) for m, n, avg in means(CaseFigures.received_month)]
            failed = self._failed_items(session, ids, filters.inspection_kind)
            flags = self._flags(session, ids)
            periods = self._periods(session, ids, today)
            done = dict(session.execute(select(Rectification.status, func.count())
                                        .where(self._within(Rectification.case_id, ids))
                                        .group_by(Rectification.status)).all())
            rectifications = [Bucket(code, label, int(done.get(code, 0)))
                              for code, label in RECTIFICATION_STATUSES.items()]
        return DashboardStats(filters, today, int(total), grades, by_prosecutor, by_type, trend, failed, flags,
                              periods, rectifications)

    def _grades(self, session: Any, ids: Select[Any] | None, grade: ColumnElement[Any],
                scheme: GradingScheme) -> list[Bucket]:
        """Cases per grade; the stored grades are counted by their indexed rank, another scheme's by score."""
        if scheme.id == self.scheme.id:
            ranks = session.execute(select(CaseFigures.grade_rank, func.count())
                                    .where(self._within(CaseFigures.case_id, ids)).group_by(CaseFigures.grade_rank))
            counted: dict[str, int] = {}
            for rank, n in ranks:
                code = GRADE_CODES[rank] if rank is not None and 0 <= rank < len(GRADE_CODES) else ""
                counted[code] = counted.get(code, 0) + int(n)
        else:  # grouped over a subquery: PostgreSQL does not match a GROUP BY expression that has bound values
            graded = select(grade.label("grade")).where(self._within(CaseFigures.case_id, ids)).subquery()
            counted = dict(session.execute(select(graded.c.grade, func.count()).group_by(graded.c.grade)).all())
        buckets = [Bucket(code, scheme.label(code), int(counted.get(code, 0))) for code in GRADE_CODES]
        if counted.get("", 0):
            buckets.append(Bucket("", "未评定", int(counted[""])))
        return buckets

    def _failed_items(self, session: Any, ids: Select[Any] | None, kind: str | None) -> list[FailedItem]:
        """Items answered 不符合 in the chosen kind of inspection (any kind without one), counted once per case,
        over the precomputed `case_failed_items` (one row per case and item, whichever kinds failed it)."""
        cases = func.count()
        stmt = (select(CaseFailedItem.item_id, cases, func.max(CaseFailedItem.template_version_id))
                .where(self._within(CaseFailedItem.case_id, ids))
                .group_by(CaseFailedItem.item_id).order_by(cases.desc(), CaseFailedItem.item_id).limit(TOP_ITEMS))
        if kind:
            stmt = stmt.where(_has_kind(CaseFailedItem.kinds, kind))
        rows = session.execute(stmt).all()
        questions: dict[int, dict[str, str]] = {}
        for version_id in {row[2] for row in rows}:
            stored = session.get(ChecklistTemplateVersion, version_id)
            template = template_from_dict(stored.content, f"db:{version_id}") if stored is not None else None
            questions[version_id] = {item.id: item.question for item in template.items} if template else {}
        return [FailedItem(item_id, questions[version].get(item_id, item_id), int(n)) for item_id, n, version in rows]

    def _flags(self, session: Any, ids: Select[Any] | None) -> list[FrequentFlag]:
        """The rules flagging most cases, over `case_flags`; each title is read from one stored flag of its rule."""
        cases = func.count()
        top = session.execute(select(CaseFlag.rule, cases).where(self._within(CaseFlag.case_id, ids))
                              .group_by(CaseFlag.rule).order_by(cases.desc(), CaseFlag.rule).limit(TOP_FLAGS)).all()
        if not top:
            return []
        first = (select(CaseFlag.rule, func.min(CaseFlag.case_id).label("case_id"))
                 .where(CaseFlag.rule.in_([rule for rule, _ in top])).group_by(CaseFlag.rule).subquery())
        titles = dict(session.execute(
            select(first.c.rule, func.min(FlagRecord.title))
            .join(FlagRecord, and_(FlagRecord.case_id == first.c.case_id, FlagRecord.rule == first.c.rule))
            .group_by(first.c.rule)).all())
        return [FrequentFlag(rule, titles.get(rule, rule), int(n)) for rule, n in top]

    def _periods(self, session: Any, ids: Select[Any] | None, today: dt.date) -> PeriodRisk:
        """Periods overdue (run out unfinished, or finished late) or due within DUE_SOON_DAYS, counted and listed
        exactly as the deadline board and the 超期预警 sheet count them (a stopped clock is not at risk)."""
        open_cases = and_(CaseRecord.id == DeadlineRecord.case_id, CaseRecord.status != "archived",
                          self._within(DeadlineRecord.case_id, ids))
        overdue, due_soon = session.execute(
            select(func.count(case((overdue_clause(today), 1))), func.count(case((due_soon_clause(today), 1))))
            .select_from(DeadlineRecord).join(CaseRecord, open_cases).where(at_risk_clause(today))).one()
        listed = session.execute(
            select(CaseRecord.case_no, CaseRecord.prosecutor, DeadlineRecord.name, DeadlineRecord.due,
                   DeadlineRecord.done_on)
            .select_from(DeadlineRecord).join(CaseRecord, open_cases).where(at_risk_clause(today))
            .order_by(DeadlineRecord.due, CaseRecord.case_no).limit(PERIOD_LIST_LIMIT))
        periods = [PeriodAtRisk(no, who, name, due, (due - (done or today)).days, period_status(due, done, today))
                   for no, who, name, due, done in listed]
        return PeriodRisk(int(overdue or 0), int(due_soon or 0), periods)

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
        ids = self._cases(filters, viewer)
        if ids is None:
            ids = select(CaseRecord.id)
        if figure == "grades":
            grade, _ = self._grade_expr(filters)
            ids = ids.join(CaseFigures, CaseFigures.case_id == CaseRecord.id).where(grade == key)
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
