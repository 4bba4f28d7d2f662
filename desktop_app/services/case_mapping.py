"""Converting between the domain `Case` and its stored rows, so no live ORM object leaves a service."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy.orm import object_session

from db.models import CaseRecord, EventRecord, EvidenceRecord
from desktop_app.core.case import Case, Event, Evidence
from desktop_app.core.case_format import case_to_dict, party_from_dict, party_to_dict


def case_from_record(record: Any, events: Sequence[Any] | None = None, evidence: Sequence[Any] | None = None) -> Case:
    """A case from its stored row: an ORM record, or a plain result row with its event and evidence rows (in their
    stored order) passed beside it, which batch jobs read without building ORM objects."""
    events = record.events if events is None else events
    evidence = record.evidence if evidence is None else evidence
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
        related_case_nos=list(record.related_case_nos or []),
        parties=[party_from_dict(p) for p in record.parties or []],
        events=[Event(kind=e.kind, date=e.date, outcome=e.outcome, note=e.note, extra=dict(e.extra or {}),
                      present=_keys(e.present)) for e in events],
        evidence=[Evidence(id=e.evidence_id, category=e.category, title=e.title, collected_on=e.collected_on,
                           source=e.source, attributes=dict(e.attributes or {}), extra=dict(e.extra or {}),
                           present=_keys(e.present))
                  for e in evidence],
        facts=dict(record.facts or {}),
        extra=dict(record.extra or {}),
        present=_keys(record.present),
    )


def _keys(stored: list[str] | None) -> frozenset[str] | None:
    return None if stored is None else frozenset(stored)


def _stored(keys: frozenset[str] | None) -> list[str] | None:
    return None if keys is None else sorted(keys)


def case_columns(case: Case) -> dict[str, Any]:
    """The scalar columns of a case row (status aside, which depends on the row's history)."""
    return {
        "case_no": case.case_no,
        "title": case.title,
        "case_type": case.case_type,
        "prosecutor": case.prosecutor,
        "department": case.department,
        "received_on": case.received_on,
        "closed_on": case.closed_on,
        "in_custody": case.in_custody,
        "charges": list(case.charges),
        "charges_text": "、".join(case.charges),
        "possible_sentence": case.possible_sentence,
        "plea_agreement": case.plea_agreement,
        "fast_track": case.fast_track,
        "suspect_minor": case.suspect_minor,
        "investigated_by": case.investigated_by,
        "related_case_nos": list(case.related_case_nos),
        "parties": [party_to_dict(p) for p in case.parties],
        "facts": dict(case.facts),
        "extra": dict(case.extra),
        "present": _stored(case.present),
    }


def evidence_rows(case: Case) -> list[dict[str, Any]]:
    return [{"position": i, "evidence_id": e.id, "category": e.category, "title": e.title,
             "collected_on": e.collected_on, "source": e.source, "attributes": dict(e.attributes),
             "extra": dict(e.extra), "present": _stored(e.present)} for i, e in enumerate(case.evidence)]


def event_rows(case: Case) -> list[dict[str, Any]]:
    return [{"position": i, "kind": e.kind, "date": e.date, "outcome": e.outcome, "note": e.note,
             "extra": dict(e.extra), "present": _stored(e.present)} for i, e in enumerate(case.events)]


def status_for(case: Case) -> str:
    return "closed" if case.closed_on else "open"


def apply_case(record: CaseRecord, case: Case) -> None:
    """Write every field of `case` onto `record`, replacing its evidence and events."""
    for column, value in case_columns(case).items():
        setattr(record, column, value)
    if record.status != "archived":
        record.status = status_for(case)
    session = object_session(record)
    if session is not None and (record.evidence or record.events):
        # Delete the old rows first: evidence ids are unique per case, and a new E1 may replace an old E1.
        record.evidence.clear()
        record.events.clear()
        session.flush()
    record.evidence = [EvidenceRecord(**row) for row in evidence_rows(case)]
    record.events = [EventRecord(**row) for row in event_rows(case)]


def audit_snapshot(case: Case) -> dict[str, Any]:
    """The case as audited: the interchange form without answers (answers have their own entries)."""
    data = case_to_dict(case)
    data.pop("answers", None)
    data.pop("format", None)
    return data
