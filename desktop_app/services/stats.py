"""The team-lead dashboard's figures (质量看板), one SQL aggregate each over the precomputed per-case tables.

Every figure is counted in the database from `case_figures`, `flags`, `deadlines`, `rectifications` and the
answers of inspections, never by loading cases, so the dashboard and `casecheck stats` stay fast on 100,000
cases. The same filters narrow every figure, and `permissions.visible` keeps a prosecutor or department head to
the cases they may see. Period statuses are derived for `today` from the stored due dates, as on the deadline board.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, case, exists, func, select

from db.engine import Database
from db.models import (
    AnswerRecord,
    CaseFigures,
    CaseRecord,
    ChecklistTemplateVersion,
    DeadlineRecord,
    FlagRecord,
    Inspection,
    Rectification,
)
from db.portable import year_month
from desktop_app.core.case import CASE_TYPES
from desktop_app.core.checklists import template_from_dict
from desktop_app.core.deadlines import DUE_SOON_DAYS
from desktop_app.core.rectification import RECTIFICATION_STATUSES
from desktop_app.core.scoring import GRADE_CODES, GradingScheme, list_grading_schemes, load_grading_scheme
from desktop_app.services import permissions
from desktop_app.services.actors import Actor
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
    def _cases(self, filters: StatsFilters, viewer: Actor | None) -> Select[Any]:
        """Ids of the cases every figure counts: the filters, the inspection kind and what `viewer` may see."""
        stmt = select(CaseRecord.id)
        for column, value in ((CaseRecord.department, filters.department), (CaseRecord.prosecutor, filters.prosecutor),
                              (CaseRecord.case_type, filters.case_type)):
            if value:
                stmt = stmt.where(column == value)
        if filters.date_from:
            stmt = stmt.where(CaseRecord.received_on >= filters.date_from)
        if filters.date_to:
            stmt = stmt.where(CaseRecord.received_on <= filters.date_to)
        if filters.inspection_kind:
            stmt = stmt.where(exists().where(Inspection.case_id == CaseRecord.id,
                                             Inspection.kind == filters.inspection_kind))
        if viewer is not None:
            stmt = permissions.visible(viewer, stmt)
        return stmt

    def _grade_expr(self, filters: StatsFilters) -> tuple[ColumnElement[Any], GradingScheme]:
        """The stored grade, or — with another scheme chosen — the stored score graded by that scheme's score
        lines (a critical flag still makes a case 不合格, as every scheme must)."""
        scheme = self.schemes.get(filters.scheme or self.scheme.id, self.scheme)
        if scheme.id == self.scheme.id:
            stored: ColumnElement[Any] = CaseFigures.grade_code.expression
            return stored, scheme
        whens: list[tuple[Any, str]] = [(CaseFigures.flags_critical > 0, "unqualified")]
        whens += [(CaseFigures.score >= tier.min_score, tier.code) for tier in scheme.grades]
        return case(*whens, else_=""), scheme

    # --- the figures -------------------------------------------------------------------------------------------
    def dashboard(self, filters: StatsFilters, today: dt.date, viewer: Actor | None = None) -> DashboardStats:
        if filters.scheme and filters.scheme not in self.schemes:
            raise ValueError(f"unknown grading scheme {filters.scheme!r}")
        ids = self._cases(filters, viewer).scalar_subquery()
        grade, scheme = self._grade_expr(filters)
        with self.database.sessions() as session:
            in_set = CaseFigures.case_id.in_(ids)
            total = session.scalar(select(func.count()).select_from(CaseRecord).where(CaseRecord.id.in_(ids))) or 0
            counted: dict[str, int] = dict(session.execute(select(grade, func.count()).where(in_set).group_by(grade)).all())
            grades = [Bucket(code, scheme.label(code), int(counted.get(code, 0))) for code in GRADE_CODES]
            if counted.get("", 0):
                grades.append(Bucket("", "未评定", int(counted[""])))

            def means(column: Any) -> list[tuple[Any, int, float | None]]:
                rows = session.execute(select(column, func.count(), func.avg(CaseFigures.score))
                                       .join(CaseFigures, CaseFigures.case_id == CaseRecord.id)
                                       .where(CaseRecord.id.in_(ids)).group_by(column).order_by(column))
                return [(key, int(n), _mean(avg)) for key, n, avg in rows]

            by_prosecutor = [MeanScore(k, k, n, m) for k, n, m in means(CaseRecord.prosecutor)]
            by_type = [MeanScore(k, CASE_TYPES.get(k, k), n, m) for k, n, m in means(CaseRecord.case_type)]
            month = year_month(CaseRecord.received_on)
            trend = [MonthTrend(str(m), n, avg) for m, n, avg in means(month)]
            failed = self._failed_items(session, ids, filters.inspection_kind)
            flags = [FrequentFlag(rule, title, int(n)) for rule, title, n in session.execute(
                select(FlagRecord.rule, func.min(FlagRecord.title), func.count(func.distinct(FlagRecord.case_id)))
                .where(FlagRecord.case_id.in_(ids)).group_by(FlagRecord.rule)
                .order_by(func.count(func.distinct(FlagRecord.case_id)).desc(), FlagRecord.rule).limit(TOP_FLAGS))]
            periods = self._periods(session, ids, today)
            done = dict(session.execute(select(Rectification.status, func.count())
                                        .where(Rectification.case_id.in_(ids)).group_by(Rectification.status)).all())
            rectifications = [Bucket(code, label, int(done.get(code, 0)))
                              for code, label in RECTIFICATION_STATUSES.items()]
        return DashboardStats(filters, today, int(total), grades, by_prosecutor, by_type, trend, failed, flags,
                              periods, rectifications)

    def _failed_items(self, session: Any, ids: Any, kind: str | None) -> list[FailedItem]:
        """Items answered 不符合 in the chosen kind of inspection (any kind without one), counted once per case."""
        cases = func.count(func.distinct(Inspection.case_id))
        stmt = (select(AnswerRecord.item_id, cases, func.max(Inspection.template_version_id))
                .join(Inspection, Inspection.id == AnswerRecord.inspection_id)
                .where(AnswerRecord.value == "fail", Inspection.case_id.in_(ids))
                .group_by(AnswerRecord.item_id).order_by(cases.desc(), AnswerRecord.item_id).limit(TOP_ITEMS))
        if kind:
            stmt = stmt.where(Inspection.kind == kind)
        rows = session.execute(stmt).all()
        questions: dict[int, dict[str, str]] = {}
        for version_id in {row[2] for row in rows}:
            stored = session.get(ChecklistTemplateVersion, version_id)
            template = template_from_dict(stored.content, f"db:{version_id}") if stored is not None else None
            questions[version_id] = {item.id: item.question for item in template.items} if template else {}
        return [FailedItem(item_id, questions[version].get(item_id, item_id), int(n)) for item_id, n, version in rows]

    def _periods(self, session: Any, ids: Any, today: dt.date) -> PeriodRisk:
        """Running periods past or within DUE_SOON_DAYS of their due date (a stopped clock is not at risk)."""
        ticking = and_(DeadlineRecord.done_on.is_(None), DeadlineRecord.suspended_by.is_(None),
                       DeadlineRecord.case_id.in_(ids))
        soon = today + dt.timedelta(days=DUE_SOON_DAYS)
        overdue = session.scalar(select(func.count()).where(ticking, DeadlineRecord.due < today)) or 0
        due_soon = session.scalar(select(func.count()).where(ticking, DeadlineRecord.due >= today,
                                                             DeadlineRecord.due <= soon)) or 0
        listed = session.execute(
            select(CaseRecord.case_no, CaseRecord.prosecutor, DeadlineRecord.name, DeadlineRecord.due)
            .join(CaseRecord, CaseRecord.id == DeadlineRecord.case_id)
            .where(ticking, DeadlineRecord.due <= soon)
            .order_by(DeadlineRecord.due, CaseRecord.case_no).limit(PERIOD_LIST_LIMIT))
        periods = [PeriodAtRisk(no, who, name, due, (due - today).days, "overdue" if due < today else "due_soon")
                   for no, who, name, due in listed]
        return PeriodRisk(int(overdue), int(due_soon), periods)

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
        if figure == "grades":
            grade, _ = self._grade_expr(filters)
            ids = ids.join(CaseFigures, CaseFigures.case_id == CaseRecord.id).where(grade == key)
        elif figure == "by_prosecutor":
            ids = ids.where(CaseRecord.prosecutor == key)
        elif figure == "by_case_type":
            ids = ids.where(CaseRecord.case_type == key)
        elif figure == "trend":
            ids = ids.where(year_month(CaseRecord.received_on) == key)
        elif figure == "failed_items":
            answered = (select(Inspection.case_id).join(AnswerRecord, AnswerRecord.inspection_id == Inspection.id)
                        .where(AnswerRecord.item_id == key, AnswerRecord.value == "fail"))
            if filters.inspection_kind:
                answered = answered.where(Inspection.kind == filters.inspection_kind)
            ids = ids.where(CaseRecord.id.in_(answered))
        elif figure == "flags":
            ids = ids.where(CaseRecord.id.in_(select(FlagRecord.case_id).where(FlagRecord.rule == key)))
        elif figure == "periods":
            soon = today + dt.timedelta(days=DUE_SOON_DAYS)
            window = DeadlineRecord.due < today if key == "overdue" else and_(DeadlineRecord.due >= today,
                                                                              DeadlineRecord.due <= soon)
            ids = ids.where(CaseRecord.id.in_(select(DeadlineRecord.case_id).where(
                DeadlineRecord.done_on.is_(None), DeadlineRecord.suspended_by.is_(None), window)))
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
