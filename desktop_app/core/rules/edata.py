"""Electronic-data integrity and witness predicates (电子数据 hash values, signatures, sealing, 见证人)."""

from __future__ import annotations

import re

from desktop_app.core.case import Case, Evidence
from desktop_app.core.rules.base import (
    Finding,
    RuleContext,
    is_false,
    is_true,
    number,
    on_evidence,
    predicate,
    text,
)

#: Categories whose collection needs a 见证人 or, failing one, a video of the whole activity.
WITNESSED_CATEGORIES = ("physical", "investigation_record", "electronic_data")

DISQUALIFIED_WITNESSES: dict[str, str] = {
    "police": "侦查人员",
    "auxiliary_police": "辅警",
    "interested_party": "与案件有利害关系的人",
}

_WHITESPACE = re.compile(r"\s+")


def _hash(value: object) -> str:
    """Hash values are compared as hex text: whitespace and letter case carry no meaning."""
    return _WHITESPACE.sub("", text(value)).lower()


def _edata(case: Case) -> list[Evidence]:
    return case.evidence_of("electronic_data")


@predicate("EVID-EDATA-NO-HASH")
def electronic_data_without_hash(case: Case, ctx: RuleContext) -> Finding | None:
    return on_evidence([e for e in _edata(case) if not _hash(e.attributes.get("hash_value"))])


@predicate("EVID-EDATA-HASH-MISMATCH")
def electronic_data_hash_changed(case: Case, ctx: RuleContext) -> Finding | None:
    """Values of different lengths come from different algorithms (MD5 and SHA-256, say) and prove nothing."""
    found = []
    for e in _edata(case):
        recorded, recomputed = _hash(e.attributes.get("hash_value")), _hash(e.attributes.get("hash_recomputed"))
        if recorded and recomputed and len(recorded) == len(recomputed) and recorded != recomputed:
            found.append(e)
    return on_evidence(found)


@predicate("EVID-EDATA-UNSIGNED")
def electronic_data_unsigned(case: Case, ctx: RuleContext) -> Finding | None:
    return on_evidence([e for e in _edata(case) if is_false(e.attributes.get("signed"))])


@predicate("EVID-EDATA-NOT-SEALED")
def electronic_data_not_sealed(case: Case, ctx: RuleContext) -> Finding | None:
    return on_evidence([e for e in _edata(case) if is_false(e.attributes.get("sealed"))])


@predicate("EVID-EDATA-SINGLE-COLLECTOR")
def electronic_data_single_collector(case: Case, ctx: RuleContext) -> Finding | None:
    found = []
    for e in _edata(case):
        count = number(e.attributes.get("collector_count"))
        if count is not None and count < 2:
            found.append(e)
    return on_evidence(found)


@predicate("EVID-WITNESS-MISSING")
def collected_without_witness(case: Case, ctx: RuleContext) -> Finding | None:
    found = [
        e
        for e in case.evidence
        if e.category in WITNESSED_CATEGORIES
        and is_false(e.attributes.get("witness_present"))
        and not is_true(e.attributes.get("video_recorded"))
    ]
    return on_evidence(found)


@predicate("EVID-WITNESS-DISQUALIFIED", placeholders=("details",))
def witness_disqualified(case: Case, ctx: RuleContext) -> Finding | None:
    found = [e for e in case.evidence if e.attributes.get("witness_role") in DISQUALIFIED_WITNESSES]
    details = "；".join(f"{e.id}（{DISQUALIFIED_WITNESSES[e.attributes['witness_role']]}）" for e in found)
    return on_evidence(found, details=details)
