"""Evidence-chain and interrogation predicates: what the register says about confessions, recordings and records.

Each predicate names the evidence items it is about, so a reviewer can jump from the flag to the item.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from desktop_app.core.case import Case, Evidence
from desktop_app.core.rules.base import (
    Finding,
    RuleContext,
    ids,
    is_false,
    is_true,
    number,
    on_evidence,
    predicate,
)

#: Material types whose signature or seal the court checks before relying on them (刑诉法解释 第142条、第144条).
SURRENDER_MERIT = "surrender_merit"
ARREST_ACCOUNT = "arrest_account"


def _statements(case: Case) -> list[Evidence]:
    return case.evidence_of("suspect_statement")


def _admissions(case: Case) -> list[Evidence]:
    return [e for e in _statements(case) if is_true(e.attributes.get("admits_guilt"))]


@predicate("EVID-CONFESSION-ONLY")
def confession_is_the_only_evidence(case: Case, ctx: RuleContext) -> Finding | None:
    """A confession alone cannot convict; denials are the same category and add nothing independent."""
    admissions = _admissions(case)
    others = [e for e in case.evidence if e.category != "suspect_statement"]
    if admissions and not others:
        return Finding(evidence_ids=ids(admissions))
    return None


@predicate("EVID-ZERO-CONFESSION", placeholders=("count",))
def no_confession(case: Case, ctx: RuleContext) -> Finding | None:
    """Not a defect: without a confession the chain of circumstantial evidence must meet the five conditions."""
    if case.evidence and not _admissions(case):
        return Finding(values={"count": str(len(case.evidence))})
    return None


def _recording_mandatory_because(case: Case) -> str:
    """Why every interrogation of this case must be recorded (刑诉法 第123条; 规则 第190条), or "" if it need not."""
    reasons = []
    if case.possible_sentence in ("life", "death"):
        reasons.append("可能判处无期徒刑、死刑")
    if case.investigated_by == "procuratorate":
        reasons.append("系检察机关自行侦查案件")
    return "、".join(reasons)


def _recording_finding(case: Case, recorded: Callable[[Any], bool]) -> Finding | None:
    """Statements of a must-record case whose `audio_video_recorded` value passes `recorded`."""
    reason = _recording_mandatory_because(case)
    if not reason:
        return None
    found = [e for e in _statements(case) if recorded(e.attributes.get("audio_video_recorded"))]
    return on_evidence(found, reason=reason)


@predicate("EVID-RECORDING-MISSING", placeholders=("reason",))
def interrogation_not_recorded(case: Case, ctx: RuleContext) -> Finding | None:
    """Only where the register says no recording was made; a missing value is EVID-RECORDING-UNKNOWN."""
    return _recording_finding(case, is_false)


@predicate("EVID-RECORDING-UNKNOWN", placeholders=("reason",))
def interrogation_recording_unknown(case: Case, ctx: RuleContext) -> Finding | None:
    return _recording_finding(case, lambda value: value is None)


@predicate("EVID-INTERROGATION-PLACE", placeholders=("detained",))
def interrogated_outside_detention_center(case: Case, ctx: RuleContext) -> Finding | None:
    """Strictly later than the first committal: on that day the suspect may not yet have reached the centre."""
    committal = case.first_event("detained_in_center")
    if committal is None:
        return None
    found = [
        e
        for e in _statements(case)
        if e.attributes.get("place") == "other" and e.collected_on is not None and e.collected_on > committal.date
    ]
    if not found:
        return None
    detained = committal.date
    return Finding(evidence_ids=ids(found), event_dates=(detained,), values={"detained": detained.isoformat()})


@predicate("EVID-INTERROGATOR-COUNT")
def single_interrogator(case: Case, ctx: RuleContext) -> Finding | None:
    found = []
    for e in _statements(case):
        count = number(e.attributes.get("interrogator_count"))
        if count is not None and count < 2:
            found.append(e)
    return on_evidence(found)


@predicate("EVID-RECORDING-DISCREPANCY")
def record_differs_from_recording(case: Case, ctx: RuleContext) -> Finding | None:
    return on_evidence([e for e in _statements(case) if is_true(e.attributes.get("recording_discrepancy"))])


@predicate("EVID-EXPERT-NOT-NOTIFIED", placeholders=("parties",))
def expert_opinion_not_notified(case: Case, ctx: RuleContext) -> Finding | None:
    found: list[Evidence] = []
    parties: set[str] = set()
    for e in case.evidence_of("expert_opinion"):
        missed = [
            label
            for key, label in (("notified_to_suspect", "犯罪嫌疑人"), ("notified_to_victim", "被害人"))
            if is_false(e.attributes.get(key))
        ]
        if missed:
            found.append(e)
            parties.update(missed)
    order = ("犯罪嫌疑人", "被害人")
    return on_evidence(found, parties="、".join(p for p in order if p in parties))


@predicate("EVID-DEFECT-NOT-REMEDIED")
def defect_without_correction(case: Case, ctx: RuleContext) -> Finding | None:
    found = [
        e
        for e in case.evidence
        if e.category in ("physical", "documentary")
        and is_true(e.attributes.get("procedural_defect"))
        and not is_true(e.attributes.get("defect_remedied"))
    ]
    return on_evidence(found)


def _unsigned_material(case: Case, material_type: str) -> list[Evidence]:
    return [
        e
        for e in case.evidence
        if e.attributes.get("material_type") == material_type and is_false(e.attributes.get("signed"))
    ]


@predicate("EVID-MERIT-MATERIAL-UNSIGNED")
def merit_material_unsigned(case: Case, ctx: RuleContext) -> Finding | None:
    return on_evidence(_unsigned_material(case, SURRENDER_MERIT))


@predicate("EVID-ARREST-ACCOUNT-UNSIGNED")
def arrest_account_unsigned(case: Case, ctx: RuleContext) -> Finding | None:
    return on_evidence(_unsigned_material(case, ARREST_ACCOUNT))


@predicate("EVID-RECORD-UNSIGNED")
def investigation_record_unsigned(case: Case, ctx: RuleContext) -> Finding | None:
    return on_evidence([e for e in case.evidence_of("investigation_record") if is_false(e.attributes.get("signed"))])
