"""The stored shape of the register: typed SQLAlchemy 2.0 models on one DeclarativeBase.

Only portable column types are used (JSON, Date, DateTime, Boolean), so the same models and queries run on a
PostgreSQL URL. Every schema change comes with an Alembic migration in `db/migrations/versions`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, Boolean, Date, DateTime, Float, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class Base(DeclarativeBase):
    type_annotation_map = {dict[str, Any]: JSON, list[Any]: JSON}


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    login: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(64))
    role: Mapped[str] = mapped_column(String(32), default="prosecutor")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


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
    facts: Mapped[dict[str, Any]] = mapped_column(default=dict)
    extra: Mapped[dict[str, Any]] = mapped_column(default=dict)
    #: The keys the imported case file had, so exporting it writes back the same keys (None: made in the program).
    present: Mapped[list[Any] | None] = mapped_column(nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)

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
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    kind: Mapped[str] = mapped_column(String(16))
    template_version_id: Mapped[int] = mapped_column(ForeignKey("checklist_template_versions.id"))
    started_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)


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


class DeadlineRecord(Base):
    """Statutory periods of every case, kept so the deadline board can sort all cases by due date in SQL."""

    __tablename__ = "deadlines"
    __table_args__ = (Index("ix_deadlines_open_due", "done_on", "due"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    rule: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(64))
    start: Mapped[dt.date] = mapped_column(Date)
    due: Mapped[dt.date] = mapped_column(Date)
    done_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    legal_basis: Mapped[str] = mapped_column(Text)


class CaseFigures(Base):
    """A case's register figures, precomputed whenever the case, its latest inspection or its flags change.

    Only dates are stored for the periods (the nearest due date), never days left or a status: those are derived
    for the day the register is looked at, so the figures do not go stale overnight.
    """

    __tablename__ = "case_figures"
    __table_args__ = (
        Index("ix_case_figures_score", "score"),
        Index("ix_case_figures_grade", "grade_rank"),
        Index("ix_case_figures_progress", "progress"),
        Index("ix_case_figures_risk", "flags_critical", "flags_major", "flags_minor"),
        Index("ix_case_figures_next_due", "next_due"),
        Index("ix_case_figures_recheck", "recheck_after"),
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


class Rectification(Base):
    """A line of the 整改清单: a failed item or open flag, its owner, due date and status."""

    __tablename__ = "rectifications"
    __table_args__ = (UniqueConstraint("case_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
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
