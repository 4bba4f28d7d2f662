"""Converting between the domain `Case` and its stored rows, so no live ORM object leaves a service."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import object_session

from db.models import CaseRecord, EventRecord, EvidenceRecord
from desktop_app.core.case import Case, Event, Evidence
from desktop_app.core.case_format import case_to_dict


def case_from_record(record: CaseRecord) -> Case:
    return Case(
        case_no=record.case_no,
        title=record.title,
        case_type=record.case_type,
        prosecutor=record.prosecutor,
        received_on=record.received_on,
        department=record.department,
        closed_on=record.closed_on,
        in_custody=record.in_custody,
        charges=list(record.charges or []),
        possible_sentence=record.possible_sentence,
        plea_agreement=record.plea_agreement,
        fast_track=record.fast_track,
        suspect_minor=record.suspect_minor,
        investigated_by=record.investigated_by,
        events=[Event(kind=e.kind, date=e.date, outcome=e.outcome, note=e.note, extra=dict(e.extra or {}))
                for e in record.events],
        evidence=[Evidence(id=e.evidence_id, category=e.category, title=e.title, collected_on=e.collected_on,
                           source=e.source, attributes=dict(e.attributes or {}), extra=dict(e.extra or {}))
                  for e in record.evidence],
        facts=dict(record.facts or {}),
        extra=dict(record.extra or {}),
    )


def apply_case(record: CaseRecord, case: Case) -> None:
    """Write every field of `case` onto `record`, replacing its evidence and events."""
    record.case_no = case.case_no
    record.title = case.title
    record.case_type = case.case_type
    record.prosecutor = case.prosecutor
    record.department = case.department
    record.received_on = case.received_on
    record.closed_on = case.closed_on
    if record.status != "archived":
        record.status = "closed" if case.closed_on else "open"
    record.in_custody = case.in_custody
    record.charges = list(case.charges)
    record.charges_text = "、".join(case.charges)
    record.possible_sentence = case.possible_sentence
    record.plea_agreement = case.plea_agreement
    record.fast_track = case.fast_track
    record.suspect_minor = case.suspect_minor
    record.investigated_by = case.investigated_by
    record.facts = dict(case.facts)
    record.extra = dict(case.extra)
    session = object_session(record)
    if session is not None and (record.evidence or record.events):
        # Delete the old rows first: evidence ids are unique per case, and a new E1 may replace an old E1.
        record.evidence.clear()
        record.events.clear()
        session.flush()
    record.evidence = [
        EvidenceRecord(position=i, evidence_id=e.id, category=e.category, title=e.title, collected_on=e.collected_on,
                       source=e.source, attributes=dict(e.attributes), extra=dict(e.extra))
        for i, e in enumerate(case.evidence)
    ]
    record.events = [
        EventRecord(position=i, kind=e.kind, date=e.date, outcome=e.outcome, note=e.note, extra=dict(e.extra))
        for i, e in enumerate(case.events)
    ]


def audit_snapshot(case: Case) -> dict[str, Any]:
    """The case as audited: the interchange form without answers (answers have their own entries)."""
    data = case_to_dict(case)
    data.pop("answers", None)
    data.pop("format", None)
    return data
