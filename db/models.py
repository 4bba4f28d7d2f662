"""The stored shape of the register: typed SQLAlchemy 2.0 models on one DeclarativeBase.

Only portable column types are used (JSON, Date, DateTime, Boolean), so the same models and queries run on a
PostgreSQL URL. Every schema change comes with an Alembic migration in `db/migrations/versions`.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any, cast

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def new_uid() -> str:
    return str(uuid.uuid4())


#: One bit per inspection kind (core.checklist_model.INSPECTION_KINDS), for the precomputed kind sets.
KIND_BITS: dict[str, int] = {"self": 1, "department": 2, "review": 4}


class Base(DeclarativeBase):
    type_annotation_map = {dict[str, Any]: JSON, list[Any]: JSON}


def table_of(model: type[Base]) -> Table:
    """The Core table of a model, for bulk inserts that skip the ORM's per-row bookkeeping."""
    return cast(Table, model.__table__)


class User(Base):
    """A person who acts. Rows with a password hash are accounts; the first one turns the permission checks on."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    login: Mapped[str] = mapped_column(String(64), unique=True)
    #: The real name, printed as 检查人 on every report.
    display_name: Mapped[str] = mapped_column(String(64))
    role: Mapped[str] = mapped_column(String(32), default="prosecutor")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    department: Mapped[str] = mapped_column(String(128), default="")
    #: An argon2 hash; None for the single local user of a database without accounts.
    password_hash: Mapped[str | None] = mapped_column(String(256), nullable=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)


class AccountSetting(Base):
    """A security choice of this database (lock-out length, 回避 by department), set by an administrator."""

    __tablename__ = "account_settings"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[dict[str, Any]] = mapped_column()


class TrainingResult(Base):
    """One practice run of a sample case, kept per account."""

    __tablename__ = "training_results"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    sample: Mapped[str] = mapped_column(String(128))
    score: Mapped[float] = mapped_column(Float)
    found: Mapped[int] = mapped_column(Integer, default=0)
    missed: Mapped[int] = mapped_column(Integer, default=0)
    wrong: Mapped[int] = mapped_column(Integer, default=0)
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    #: The trainee's name when they practised: on a database without accounts it tells trainees apart.
    trainee: Mapped[str] = mapped_column(String(64), default="")
    #: Checklist items scored and answered as the key expects (a walk practice; 0 for older tick-list runs).
    scored: Mapped[int] = mapped_column(Integer, default=0)
    agreed: Mapped[int] = mapped_column(Integer, default=0)
    items: Mapped[list[TrainingItemOutcome]] = relationship(back_populates="result", cascade="all, delete-orphan",
                                                            order_by="TrainingItemOutcome.id")


class TrainingItemOutcome(Base):
    """How one checklist item of a practice run turned out, so a trainer sees which items a class misses."""

    __tablename__ = "training_item_outcomes"

    id: Mapped[int] = mapped_column(primary_key=True)
    result_id: Mapped[int] = mapped_column(ForeignKey("training_results.id", ondelete="CASCADE"), index=True)
    item_id: Mapped[str] = mapped_column(String(64), index=True)
    question: Mapped[str] = mapped_column(String(500), default="")
    expected: Mapped[str] = mapped_column(String(8))
    answer: Mapped[str | None] = mapped_column(String(8), nullable=True)
    #: agreed | missed | false_alarm | differs (core.practice.OUTCOMES).
    outcome: Mapped[str] = mapped_column(String(16))
    result: Mapped[TrainingResult] = relationship(back_populates="items")


class CaseRecord(Base):
    __tablename__ = "cases"
    __table_args__ = (
        Index("ix_cases_type_received", "case_type", "received_on"),
        Index("ix_cases_prosecutor", "prosecutor"),
        Index("ix_cases_department", "department"),
        Index("ix_cases_status_received", "status", "received_on"),
        Index("ix_cases_received", "received_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    #: Stable id across workstations: exchange bundles merge by it, whatever the local row id is.
    uid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uid)
    case_no: Mapped[str] = mapped_column(String(128), unique=True)
    title: Mapped[str] = mapped_column(String(256))
    case_type: Mapped[str] = mapped_column(String(64))
    prosecutor: Mapped[str] = mapped_column(String(64))
    department: Mapped[str] = mapped_column(String(128), default="")
    received_on: Mapped[dt.date] = mapped_column(Date)
    closed_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    status: Mapped[str] = mapped_column(String(16), default="open")
    in_custody: Mapped[bool] = mapped_column(Boolean, default=False)
    charges: Mapped[list[Any]] = mapped_column(default=list)
    #: The charges joined by "、", so that a plain LIKE finds a charge on any database.
    charges_text: Mapped[str] = mapped_column(Text, default="")
    possible_sentence: Mapped[str | None] = mapped_column(String(16), nullable=True)
    plea_agreement: Mapped[bool] = mapped_column(Boolean, default=False)
    fast_track: Mapped[bool] = mapped_column(Boolean, default=False)
    suspect_minor: Mapped[bool] = mapped_column(Boolean, default=False)
    investigated_by: Mapped[str | None] = mapped_column(String(32), nullable=True)
    #: Other 案号 of the same matter (casecheck.case/1 `related_case_nos`); None on rows stored before migration 0010.
    related_case_nos: Mapped[list[Any] | None] = mapped_column(nullable=True)
    #: The parties in their interchange form (`party_to_dict`), so a round trip keeps their keys.
    parties: Mapped[list[Any] | None] = mapped_column(nullable=True)
    facts: Mapped[dict[str, Any]] = mapped_column(default=dict)
    extra: Mapped[dict[str, Any]] = mapped_column(default=dict)
    #: The keys the imported case file had, so exporting it writes back the same keys (None: made in the program).
    present: Mapped[list[Any] | None] = mapped_column(nullable=True)
    #: The account that created or imported the case, or one an administrator assigned; `prosecutor` stays the
    #: free text that is printed.
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True, index=True)
    #: Where an exchange bundle brought the case from: {"bundle", "from", "verified"} (None: made or imported here).
    origin: Mapped[dict[str, Any] | None] = mapped_column(nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)
    #: Optimistic lock: every change of the row counts it up, and an edit made on an older version is refused
    #: (see `services.locking`), so two people editing one case never overwrite each other unseen.
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")

    __mapper_args__ = {"version_id_col": version}

    evidence: Mapped[list[EvidenceRecord]] = relationship(
        back_populates="case", cascade="all, delete-orphan", order_by="EvidenceRecord.position"
    )
    events: Mapped[list[EventRecord]] = relationship(
        back_populates="case", cascade="all, delete-orphan", order_by="EventRecord.position"
    )


class EvidenceRecord(Base):
    __tablename__ = "evidence"
    __table_args__ = (UniqueConstraint("case_id", "evidence_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    evidence_id: Mapped[str] = mapped_column(String(64))
    category: Mapped[str] = mapped_column(String(32))
    title: Mapped[str] = mapped_column(String(256), default="")
    collected_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    source: Mapped[str] = mapped_column(String(256), default="")
    attributes: Mapped[dict[str, Any]] = mapped_column(default=dict)
    extra: Mapped[dict[str, Any]] = mapped_column(default=dict)
    present: Mapped[list[Any] | None] = mapped_column(nullable=True)

    case: Mapped[CaseRecord] = relationship(back_populates="evidence")


class EventRecord(Base):
    __tablename__ = "events"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    kind: Mapped[str] = mapped_column(String(64))
    date: Mapped[dt.date] = mapped_column(Date)
    outcome: Mapped[str] = mapped_column(String(64), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    extra: Mapped[dict[str, Any]] = mapped_column(default=dict)
    present: Mapped[list[Any] | None] = mapped_column(nullable=True)

    case: Mapped[CaseRecord] = relationship(back_populates="events")


class ChecklistTemplateVersion(Base):
    """One immutable version of a checklist template; inspections point at the version they used."""

    __tablename__ = "checklist_template_versions"
    __table_args__ = (UniqueConstraint("template_id", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    template_id: Mapped[str] = mapped_column(String(64), index=True)
    version: Mapped[str] = mapped_column(String(32))
    title: Mapped[str] = mapped_column(String(256))
    content: Mapped[dict[str, Any]] = mapped_column()
    content_hash: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)


class Inspection(Base):
    """A checklist walk of one case by one person of one kind (自查 / 部门核查 / 评查) against one template version."""

    __tablename__ = "inspections"
    __table_args__ = (UniqueConstraint("case_id", "user_id", "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uid)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    kind: Mapped[str] = mapped_column(String(16))
    template_version_id: Mapped[int] = mapped_column(ForeignKey("checklist_template_versions.id"))
    started_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)
    #: Optimistic lock over the inspection, its answers and its grade override: each of those writes counts it up.
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")

    __mapper_args__ = {"version_id_col": version}


class AnswerRecord(Base):
    __tablename__ = "answers"
    __table_args__ = (UniqueConstraint("inspection_id", "item_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    inspection_id: Mapped[int] = mapped_column(ForeignKey("inspections.id", ondelete="CASCADE"), index=True)
    item_id: Mapped[str] = mapped_column(String(64))
    value: Mapped[str] = mapped_column(String(16))
    note: Mapped[str] = mapped_column(Text, default="")
    answered_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class FlagRecord(Base):
    """The flags of a case's latest evaluation, kept so lists and reports need not re-run the rules."""

    __tablename__ = "flags"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    rule: Mapped[str] = mapped_column(String(64))
    severity: Mapped[str] = mapped_column(String(16))
    title: Mapped[str] = mapped_column(String(256))
    message: Mapped[str] = mapped_column(Text)
    legal_basis: Mapped[str] = mapped_column(Text)
    verified: Mapped[bool] = mapped_column(Boolean, default=True)
    evidence_ids: Mapped[list[Any]] = mapped_column(default=list)
    computed_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class AuditEntry(Base):
    """Who changed what, when, old → new; each entry hashes its predecessor so tampering shows."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    actor: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(64))
    entity: Mapped[str] = mapped_column(String(64))
    entity_key: Mapped[str] = mapped_column(String(128))
    detail: Mapped[dict[str, Any]] = mapped_column(default=dict)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
    #: HMAC of `hash` under the procuratorate key (None when no key was installed when it was written).
    mac: Mapped[str | None] = mapped_column(String(64), nullable=True)


class DeadlineRecord(Base):
    """Statutory periods of every case, kept so the deadline board can sort all cases by due date in SQL."""

    __tablename__ = "deadlines"
    #: `ix_deadlines_due` and `ix_deadlines_case_id` hold what the dashboard's at-risk test reads, so the periods at
    #: risk are counted from an index alone (all of them in due-date order; a filtered dashboard's per case).
    __table_args__ = (Index("ix_deadlines_open_due", "done_on", "due"),
                      Index("ix_deadlines_due", "due", "done_on", "suspended_by", "case_id"),
                      Index("ix_deadlines_case_id", "case_id", "due", "done_on", "suspended_by"))

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"))
    rule: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(64))
    start: Mapped[dt.date] = mapped_column(Date)
    due: Mapped[dt.date] = mapped_column(Date)
    done_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    legal_basis: Mapped[str] = mapped_column(Text)
    #: Set while the clock is stopped (退回补充侦查, 精神病鉴定): what stopped it.
    suspended_by: Mapped[str | None] = mapped_column(String(40), nullable=True)


class CaseFilterColumns:
    """The case's fields the dashboard filters by, copied onto each of its narrow per-case rows (`case_figures`,
    `case_failed_items`, `case_flags`), so a filter is a test of the row itself instead of a subquery of the cases
    for every row. Written with the rows by `DerivedData` whenever the case changes."""

    department: Mapped[str] = mapped_column(String(128), default="")
    prosecutor: Mapped[str] = mapped_column(String(64), default="")
    case_type: Mapped[str] = mapped_column(String(64), default="")
    received_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)


#: The columns of `CaseFilterColumns`, as `DerivedData` copies them from a case.
FILTER_COLUMNS = ("department", "prosecutor", "case_type", "received_on")


def _covering(*leading: str, tail: tuple[str, ...]) -> tuple[str, ...]:
    """An index of `leading` that also holds the other columns a dashboard figure reads and filters by (`tail`),
    so whichever of them the planner picks for a filtered figure, it reads that index alone instead of the row of
    each of 100,000 entries."""
    return (*leading, *(column for column in tail if column not in leading))


#: What the dashboard reads of `case_figures`.
FIGURE_READS = (*FILTER_COLUMNS, "inspection_kinds", "received_month", "grade_rank", "score", "flags_critical")


class CaseFigures(CaseFilterColumns, Base):
    """A case's register figures, precomputed whenever the case, its latest inspection or its flags change.

    Only dates are stored for the periods (the nearest due date), never days left or a status: those are derived
    for the day the register is looked at, so the figures do not go stale overnight.
    """

    __tablename__ = "case_figures"
    __table_args__ = (
        Index("ix_case_figures_score", "score"),
        Index("ix_case_figures_grade", *_covering("grade_rank", tail=FIGURE_READS)),
        Index("ix_case_figures_progress", "progress"),
        Index("ix_case_figures_risk", "flags_critical", "flags_major", "flags_minor"),
        Index("ix_case_figures_next_due", "next_due"),
        Index("ix_case_figures_recheck", "recheck_after"),
        Index("ix_case_figures_month", *_covering("received_month", "score", tail=FIGURE_READS)),
        #: With the case's prosecutor and type beside its score (`CaseFilterColumns`), the dashboard's mean scores
        #: by them read one index each instead of joining 100,000 cases.
        Index("ix_case_figures_prosecutor", *_covering("prosecutor", "score", tail=FIGURE_READS)),
        Index("ix_case_figures_type", *_covering("case_type", "score", tail=FIGURE_READS)),
    )

    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True)
    answered: Mapped[int] = mapped_column(Integer, default=0)
    applicable: Mapped[int] = mapped_column(Integer, default=0)
    #: answered / applicable (1.0 when nothing applies), kept so the register can sort by it with an index.
    progress: Mapped[float] = mapped_column(Float, default=0.0)
    score: Mapped[float | None] = mapped_column(Float, nullable=True)
    grade_code: Mapped[str] = mapped_column(String(16), default="")
    #: The grade's place in GRADE_CODES (0 best), for sorting by grade.
    grade_rank: Mapped[int | None] = mapped_column(Integer, nullable=True)
    flags_critical: Mapped[int] = mapped_column(Integer, default=0)
    flags_major: Mapped[int] = mapped_column(Integer, default=0)
    flags_minor: Mapped[int] = mapped_column(Integer, default=0)
    flags_info: Mapped[int] = mapped_column(Integer, default=0)
    #: The earliest due date of a period still running (None: none running).
    next_due: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    #: The last day on which the stored flags still hold: the earliest due date, on or after the day they were
    #: computed, of a period still running. The day after it that period is overdue, so the case is recomputed.
    recheck_after: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    computed_on: Mapped[dt.date] = mapped_column(Date)
    #: The month the case was received, "YYYY-MM": the dashboard's trend groups by it on any database (no
    #: dialect's date function), and with `score` beside it in one index the trend reads only that index.
    received_month: Mapped[str] = mapped_column(String(7), default="")
    #: Sum of KIND_BITS of the kinds of inspection the case has, so the dashboard's inspection-kind filter is a
    #: column test instead of a search of the inspections for every case.
    inspection_kinds: Mapped[int] = mapped_column(Integer, default=0)


class CaseFailedItem(CaseFilterColumns, Base):
    """A checklist item some inspection of a case answered 不符合: one narrow row per case and item, with the kinds
    of inspection that failed it as bits (`KIND_BITS`), so the dashboard counts the most-failed items from one
    covering index, for any kind or one, instead of reading every answer. Kept by `DerivedData` with the answers."""

    __tablename__ = "case_failed_items"
    __table_args__ = (Index("ix_case_failed_items_item", *_covering("item_id", "kinds", "template_version_id", tail=FILTER_COLUMNS)),
                      Index("ix_case_failed_items_prosecutor", "prosecutor", "item_id"))

    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True)
    item_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    #: Sum of KIND_BITS of the inspections (自查, 部门核查, 评查) that answered the item 不符合.
    kinds: Mapped[int] = mapped_column(Integer)
    #: The newest checklist version that failed it, where the dashboard reads the item's question.
    template_version_id: Mapped[int] = mapped_column(Integer)


class CaseFlag(CaseFilterColumns, Base):
    """A rule that flagged a case, with its gravest severity: one narrow row per case and rule, so the dashboard
    counts the most frequent flags from an index instead of reading every stored flag's text."""

    __tablename__ = "case_flags"
    __table_args__ = (Index("ix_case_flags_rule", *_covering("rule", "case_id", tail=(*FILTER_COLUMNS, "inspection_kinds"))),
                      Index("ix_case_flags_prosecutor", "prosecutor", "rule"))

    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True)
    rule: Mapped[str] = mapped_column(String(64), primary_key=True)
    severity: Mapped[str] = mapped_column(String(16))
    #: The case's `case_figures.inspection_kinds` again, for the inspection-kind filter.
    inspection_kinds: Mapped[int] = mapped_column(Integer, default=0)


class Rectification(Base):
    """A line of the 整改清单: a failed item or open flag, its owner, due date and status."""

    __tablename__ = "rectifications"
    #: With the status beside the case in `ix_rectifications_case_id`, a filtered dashboard counts the lines of its
    #: cases from the index.
    __table_args__ = (UniqueConstraint("case_id", "key"), Index("ix_rectifications_status", "status", "case_id"),
                      Index("ix_rectifications_case_id", "case_id", "status"))

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(64))
    problem: Mapped[str] = mapped_column(Text)
    basis: Mapped[str] = mapped_column(Text, default="")
    heading: Mapped[str] = mapped_column(String(32), default="")
    owner: Mapped[str] = mapped_column(String(64), default="")
    due: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    status: Mapped[str] = mapped_column(String(16), default="pending")
    reason: Mapped[str] = mapped_column(Text, default="")
    note: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)
    #: Optimistic lock of the line (owner, due date, status are edited by several people).
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")

    __mapper_args__ = {"version_id_col": version}


class GradeOverride(Base):
    """A reviewer's grade that replaces the proposed one, with the written reason."""

    __tablename__ = "grade_overrides"

    id: Mapped[int] = mapped_column(primary_key=True)
    inspection_id: Mapped[int] = mapped_column(ForeignKey("inspections.id", ondelete="CASCADE"), unique=True)
    grade_code: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str] = mapped_column(Text)
    proposed_code: Mapped[str] = mapped_column(String(16))
    score: Mapped[float] = mapped_column(Float)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class AuditHead(Base):
    """One row that every audited transaction updates first, so two programs writing at once take turns and the
    audit chain never forks (the update takes the write lock before the last hash is read)."""

    __tablename__ = "audit_head"

    id: Mapped[int] = mapped_column(primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, default=0)
    #: The newest entry's id and hash, so deleting entries at the end of the chain shows.
    last_id: Mapped[int] = mapped_column(Integer, default=0)
    last_hash: Mapped[str] = mapped_column(String(64), default="0" * 64)
    #: HMAC of the head under the procuratorate key, so the head cannot be moved back without it.
    mac: Mapped[str | None] = mapped_column(String(64), nullable=True)


class ExchangeBase(Base):
    """What a record looked like at its last exchange (bundle export or import), so a merge can tell a change on
    one side from a change on both sides (a conflict)."""

    __tablename__ = "exchange_base"

    kind: Mapped[str] = mapped_column(String(16), primary_key=True)
    uid: Mapped[str] = mapped_column(String(160), primary_key=True)
    content_hash: Mapped[str] = mapped_column(String(64))
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
