"""Evidence-chain rules: confessions, recordings, interrogation place, electronic data, witnesses and records."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from desktop_app.core.case import Case, Event, Evidence
from desktop_app.core.results import Flag
from desktop_app.core.rules import RuleBook, evaluate_rules, load_rulebook

TODAY = dt.date(2026, 3, 20)
RULEBOOK: RuleBook = load_rulebook()


def make_case(*evidence: Evidence, case_type: str = "criminal.prosecution_review", **fields: Any) -> Case:
    return Case(
        case_no="京朝检刑诉〔2026〕7号",
        title="王某某故意伤害案",
        case_type=case_type,
        prosecutor="赵检察官",
        received_on=dt.date(2026, 3, 2),
        evidence=list(evidence),
        **fields,
    )


def ev(item_id: str, category: str, collected_on: dt.date | None = None, **attributes: Any) -> Evidence:
    return Evidence(item_id, category, title=f"证据{item_id}", collected_on=collected_on, attributes=attributes)


def flags(case: Case) -> dict[str, Flag]:
    found, _ = evaluate_rules(case, TODAY, RULEBOOK)
    return {f.rule: f for f in found}


def fired(case: Case, rule_id: str) -> Flag | None:
    return flags(case).get(rule_id)


# --- confessions ---------------------------------------------------------------------------------------------------


def test_confession_only_fires_when_no_other_kind_of_evidence_exists() -> None:
    case = make_case(
        ev("S1", "suspect_statement", admits_guilt=True), ev("S2", "suspect_statement", admits_guilt=False)
    )
    flag = fired(case, "EVID-CONFESSION-ONLY")
    assert flag is not None and flag.severity == "critical"
    assert flag.evidence_ids == ("S1",)
    assert "S1" in flag.message


def test_confession_with_any_other_evidence_is_not_confession_only() -> None:
    case = make_case(ev("S1", "suspect_statement", admits_guilt=True), ev("D1", "documentary"))
    assert fired(case, "EVID-CONFESSION-ONLY") is None


def test_statements_without_an_admission_are_not_confession_only() -> None:
    case = make_case(ev("S1", "suspect_statement"), ev("S2", "suspect_statement", admits_guilt=False))
    assert fired(case, "EVID-CONFESSION-ONLY") is None
    assert fired(case, "EVID-ZERO-CONFESSION") is not None


def test_confession_only_is_a_criminal_rule() -> None:
    case = make_case(ev("S1", "suspect_statement", admits_guilt=True), case_type="civil.judgment_supervision")
    assert fired(case, "EVID-CONFESSION-ONLY") is None


def test_zero_confession_is_an_info_asking_for_the_chain_check() -> None:
    flag = fired(make_case(ev("P1", "physical"), ev("W1", "witness_testimony")), "EVID-ZERO-CONFESSION")
    assert flag is not None and flag.severity == "info"
    assert "完整的证据链" in flag.message and "2" in flag.message


def test_zero_confession_needs_evidence_and_no_admission() -> None:
    assert fired(make_case(), "EVID-ZERO-CONFESSION") is None
    assert (
        fired(make_case(ev("S1", "suspect_statement", admits_guilt=True), ev("P1", "physical")), "EVID-ZERO-CONFESSION")
        is None
    )


# --- recording and interrogation -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "investigator", "fires"),
    [
        ("life", "public_security", True),
        ("death", None, True),
        ("over_10y", "procuratorate", True),
        ("over_10y", "public_security", False),
        (None, None, False),
    ],
)
def test_recording_required_for_life_death_or_self_investigated(
    sentence: str | None, investigator: str | None, fires: bool
) -> None:
    case = make_case(
        ev("S1", "suspect_statement", admits_guilt=True),
        ev("S2", "suspect_statement", admits_guilt=True, audio_video_recorded=False),
        ev("S3", "suspect_statement", admits_guilt=True, audio_video_recorded=True),
        ev("P1", "physical"),
        possible_sentence=sentence,
        investigated_by=investigator,
    )
    found = flags(case)
    missing, unknown = found.get("EVID-RECORDING-MISSING"), found.get("EVID-RECORDING-UNKNOWN")
    assert (missing is not None) is fires and (unknown is not None) is fires
    if missing and unknown:
        # recorded: false is the missing recording; no value at all only says the register does not tell
        assert (missing.severity, missing.evidence_ids) == ("critical", ("S2",))
        assert (unknown.severity, unknown.evidence_ids) == ("major", ("S1",))


def test_recording_rule_names_why_recording_was_required() -> None:
    case = make_case(ev("S1", "suspect_statement", audio_video_recorded=False), possible_sentence="life",
                     investigated_by="procuratorate")
    flag = fired(case, "EVID-RECORDING-MISSING")
    assert flag is not None
    assert "无期徒刑" in flag.message and "自行侦查" in flag.message
    assert fired(case, "EVID-RECORDING-UNKNOWN") is None


def test_a_statement_with_a_null_recording_value_is_unknown_not_missing() -> None:
    case = make_case(ev("S1", "suspect_statement", audio_video_recorded=None), possible_sentence="death")
    flag = fired(case, "EVID-RECORDING-UNKNOWN")
    assert flag is not None and flag.evidence_ids == ("S1",) and "未登记是否同步录音录像" in flag.message
    assert fired(case, "EVID-RECORDING-MISSING") is None


def test_recorded_statements_raise_neither_recording_flag() -> None:
    case = make_case(ev("S1", "suspect_statement", audio_video_recorded=True), investigated_by="procuratorate")
    assert {"EVID-RECORDING-MISSING", "EVID-RECORDING-UNKNOWN"}.isdisjoint(flags(case))


def _place_case(collected: dt.date, place: str = "other", *committals: dt.date) -> Case:
    return make_case(
        ev("S1", "suspect_statement", collected, place=place),
        events=[Event("detained_in_center", d) for d in committals],
    )


def test_interrogation_outside_the_centre_after_committal_fires() -> None:
    flag = fired(_place_case(dt.date(2026, 1, 11), "other", dt.date(2026, 1, 10)), "EVID-INTERROGATION-PLACE")
    assert flag is not None and flag.severity == "major"
    assert flag.evidence_ids == ("S1",)
    assert "2026-01-10" in flag.message


def test_interrogation_on_the_day_of_committal_is_not_later_than_it() -> None:
    assert fired(_place_case(dt.date(2026, 1, 10), "other", dt.date(2026, 1, 10)), "EVID-INTERROGATION-PLACE") is None


def test_interrogation_in_the_centre_or_without_committal_does_not_fire() -> None:
    assert (
        fired(_place_case(dt.date(2026, 2, 1), "detention_center", dt.date(2026, 1, 10)), "EVID-INTERROGATION-PLACE")
        is None
    )
    assert fired(_place_case(dt.date(2026, 2, 1), "other"), "EVID-INTERROGATION-PLACE") is None


def test_interrogation_place_counts_from_the_earliest_committal() -> None:
    case = _place_case(dt.date(2026, 1, 15), "other", dt.date(2026, 2, 1), dt.date(2026, 1, 10))
    assert fired(case, "EVID-INTERROGATION-PLACE") is not None


def test_interrogation_place_applies_to_every_case_type() -> None:
    case = make_case(
        ev("S1", "suspect_statement", dt.date(2026, 1, 11), place="other"),
        events=[Event("detained_in_center", dt.date(2026, 1, 10))],
        case_type="foreign.judicial_assistance",
    )
    assert fired(case, "EVID-INTERROGATION-PLACE") is not None


@pytest.mark.parametrize(("count", "fires"), [(1, True), (2, False), (None, False)])
def test_single_interrogator(count: int | None, fires: bool) -> None:
    attributes = {} if count is None else {"interrogator_count": count}
    case = make_case(ev("S1", "suspect_statement", **attributes))
    assert (fired(case, "EVID-INTERROGATOR-COUNT") is not None) is fires


@pytest.mark.parametrize(("discrepancy", "fires"), [(True, True), (False, False), (None, False)])
def test_record_differs_from_recording(discrepancy: bool | None, fires: bool) -> None:
    attributes = {} if discrepancy is None else {"recording_discrepancy": discrepancy}
    flag = fired(make_case(ev("S1", "suspect_statement", **attributes)), "EVID-RECORDING-DISCREPANCY")
    assert (flag is not None) is fires
    if flag:
        assert flag.severity == "critical"


# --- expert opinions and records -----------------------------------------------------------------------------------


def test_expert_opinion_not_notified_names_who_was_not_told() -> None:
    case = make_case(
        ev("J1", "expert_opinion", notified_to_suspect=True, notified_to_victim=False),
        ev("J2", "expert_opinion", notified_to_suspect=True),
    )
    flag = fired(case, "EVID-EXPERT-NOT-NOTIFIED")
    assert flag is not None
    assert flag.evidence_ids == ("J1",)
    assert "被害人" in flag.message and "犯罪嫌疑人" not in flag.message


def test_expert_opinion_with_unknown_notice_does_not_fire() -> None:
    assert fired(make_case(ev("J1", "expert_opinion")), "EVID-EXPERT-NOT-NOTIFIED") is None


@pytest.mark.parametrize(
    ("category", "attributes", "fires"),
    [
        ("physical", {"procedural_defect": True}, True),
        ("documentary", {"procedural_defect": True, "defect_remedied": False}, True),
        ("documentary", {"procedural_defect": True, "defect_remedied": True}, False),
        ("physical", {"procedural_defect": False}, False),
        ("witness_testimony", {"procedural_defect": True}, False),
    ],
)
def test_defect_of_physical_or_documentary_evidence_needs_correction(
    category: str, attributes: dict[str, bool], fires: bool
) -> None:
    assert (fired(make_case(ev("X1", category, **attributes)), "EVID-DEFECT-NOT-REMEDIED") is not None) is fires


def test_unsigned_surrender_material_and_arrest_account_are_told_apart() -> None:
    case = make_case(
        ev("D1", "documentary", material_type="surrender_merit", signed=False),
        ev("D2", "documentary", material_type="arrest_account", signed=False),
        ev("D3", "documentary", material_type="arrest_account", signed=True),
        ev("D4", "documentary", signed=False),
    )
    result = flags(case)
    assert result["EVID-MERIT-MATERIAL-UNSIGNED"].evidence_ids == ("D1",)
    assert result["EVID-MERIT-MATERIAL-UNSIGNED"].severity == "major"
    assert result["EVID-ARREST-ACCOUNT-UNSIGNED"].evidence_ids == ("D2",)


def test_signature_unknown_is_not_a_missing_signature() -> None:
    case = make_case(ev("D1", "documentary", material_type="surrender_merit"), ev("R1", "investigation_record"))
    assert not {"EVID-MERIT-MATERIAL-UNSIGNED", "EVID-RECORD-UNSIGNED"} & set(flags(case))


def test_unsigned_investigation_record() -> None:
    case = make_case(ev("R1", "investigation_record", signed=False), ev("P1", "physical", signed=False))
    flag = fired(case, "EVID-RECORD-UNSIGNED")
    assert flag is not None and flag.evidence_ids == ("R1",)


# --- electronic data -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("value", "fires"), [(None, True), ("", True), ("  \n", True), ("9f86d08", False)])
def test_electronic_data_without_hash(value: str | None, fires: bool) -> None:
    attributes = {} if value is None else {"hash_value": value}
    flag = fired(make_case(ev("E1", "electronic_data", **attributes), ev("E2", "documentary")), "EVID-EDATA-NO-HASH")
    assert (flag is not None) is fires
    if flag:
        assert flag.evidence_ids == ("E1",) and flag.severity == "major"


def test_missing_hash_is_flagged_in_every_case_type() -> None:
    case = make_case(ev("E1", "electronic_data"), case_type="civil.judgment_supervision")
    assert fired(case, "EVID-EDATA-NO-HASH") is not None


@pytest.mark.parametrize(
    ("recorded", "recomputed", "fires"),
    [
        ("9F86D081884C7D65", "9f86d081884c7d65", False),
        ("  9f86d081884c7d65\n", "9F86D081884C7D65 ", False),
        ("9f86d081884c7d65", "9f86d081884c7d66", True),
        ("9f86d081884c7d65", None, False),
        ("9f86d081884c7d65", "   ", False),
    ],
)
def test_hash_mismatch_ignores_case_and_surrounding_whitespace(
    recorded: str, recomputed: str | None, fires: bool
) -> None:
    attributes = {"hash_value": recorded}
    if recomputed is not None:
        attributes["hash_recomputed"] = recomputed
    flag = fired(make_case(ev("E1", "electronic_data", **attributes)), "EVID-EDATA-HASH-MISMATCH")
    assert (flag is not None) is fires
    if flag:
        assert flag.severity == "critical" and flag.evidence_ids == ("E1",)


@pytest.mark.parametrize(
    ("rule_id", "attribute", "bad", "good"),
    [
        ("EVID-EDATA-UNSIGNED", "signed", False, True),
        ("EVID-EDATA-NOT-SEALED", "sealed", False, True),
        ("EVID-EDATA-SINGLE-COLLECTOR", "collector_count", 1, 2),
    ],
)
def test_electronic_data_procedure_defects(rule_id: str, attribute: str, bad: Any, good: Any) -> None:
    def case_with(value: Any) -> Case:
        attributes = {"hash_value": "ab"} if value is None else {"hash_value": "ab", attribute: value}
        return make_case(ev("E1", "electronic_data", **attributes), ev("E2", "electronic_data", **attributes))

    flag = fired(case_with(bad), rule_id)
    assert flag is not None and flag.evidence_ids == ("E1", "E2")
    assert fired(case_with(good), rule_id) is None
    assert fired(case_with(None), rule_id) is None


# --- witnesses -----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("category", "attributes", "fires"),
    [
        ("physical", {"witness_present": False}, True),
        ("investigation_record", {"witness_present": False, "video_recorded": False}, True),
        ("electronic_data", {"witness_present": False, "video_recorded": True, "hash_value": "ab"}, False),
        ("physical", {"witness_present": True}, False),
        ("physical", {}, False),
        ("documentary", {"witness_present": False}, False),
    ],
)
def test_collection_without_witness_or_video(category: str, attributes: dict[str, Any], fires: bool) -> None:
    flag = fired(make_case(ev("X1", category, **attributes)), "EVID-WITNESS-MISSING")
    assert (flag is not None) is fires
    if flag:
        assert flag.evidence_ids == ("X1",)


@pytest.mark.parametrize(
    ("role", "label"),
    [("police", "侦查人员"), ("auxiliary_police", "辅警"), ("interested_party", "利害关系")],
)
def test_disqualified_witness(role: str, label: str) -> None:
    flag = fired(make_case(ev("P1", "physical", witness_role=role)), "EVID-WITNESS-DISQUALIFIED")
    assert flag is not None and flag.severity == "major"
    assert flag.evidence_ids == ("P1",) and label in flag.message


@pytest.mark.parametrize("role", ["citizen", "other", None])
def test_qualified_or_unknown_witness(role: str | None) -> None:
    attributes = {} if role is None else {"witness_role": role}
    assert fired(make_case(ev("P1", "physical", **attributes)), "EVID-WITNESS-DISQUALIFIED") is None
