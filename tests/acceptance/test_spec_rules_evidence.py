"""rules-catalog.md — the evidence rules (EVID-*), driven through `casecheck evaluate --format json`."""

from __future__ import annotations

import pytest
from spec_support import (
    CPL,
    CPL_INTERP,
    EDATA,
    MLA_LAW,
    RULES,
    assert_basis,
    case,
    ev,
    evt,
    flags,
    one_flag,
)

pytestmark = pytest.mark.no_database  # every test evaluates case files

# --- EVID-CONFESSION-ONLY -------------------------------------------------------------------------------------------


def test_confession_only_fires_when_statements_are_the_only_evidence(cli):
    result = cli.evaluate(
        case(
            evidence=[
                ev("E1", "suspect_statement", admits_guilt=True, audio_video_recorded=True),
                ev("E2", "suspect_statement", admits_guilt=False, audio_video_recorded=True),
                ev("E3", "suspect_statement", admits_guilt=True, audio_video_recorded=True),
            ]
        )
    )
    flag = one_flag(result, "EVID-CONFESSION-ONLY")
    assert flag["severity"] == "critical"
    assert {"E1", "E3"} <= set(flag["evidence_ids"])
    assert_basis(flag["legal_basis"], (CPL, ["第55条第1款"]))
    assert isinstance(flag["verified"], bool)
    # any critical flag makes the suggested grade 不合格
    assert result["grade_code"] == "unqualified"


def test_confession_only_applies_to_every_criminal_type(cli):
    result = cli.evaluate(case("criminal.arrest_review", evidence=[ev("E1", "suspect_statement", admits_guilt=True)]))
    assert flags(result, "EVID-CONFESSION-ONLY")


@pytest.mark.parametrize("other", ["victim_statement"])
def test_confession_only_silent_with_any_other_category(cli, other):
    result = cli.evaluate(
        case(evidence=[ev("E1", "suspect_statement", admits_guilt=True), ev("E2", other, hash_value="ab")])
    )
    assert not flags(result, "EVID-CONFESSION-ONLY")


def test_confession_only_is_criminal_only(cli):
    result = cli.evaluate(
        case("civil.judgment_supervision", evidence=[ev("E1", "suspect_statement", admits_guilt=True)])
    )
    assert not flags(result, "EVID-CONFESSION-ONLY")


def test_confession_only_needs_an_admission(cli):
    result = cli.evaluate(case(evidence=[ev("E1", "suspect_statement", admits_guilt=False)]))
    assert not flags(result, "EVID-CONFESSION-ONLY")


# --- EVID-ZERO-CONFESSION -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "statement",
    [
        None,  # no statement at all
        {"admits_guilt": False},  # 辩解 only
        {},  # admits_guilt not given: not true
    ],
)
def test_zero_confession_is_info(cli, statement):
    evidence = [ev("E1", "documentary")]
    if statement is not None:
        evidence.append(ev("E2", "suspect_statement", **statement))
    result = cli.evaluate(case(evidence=evidence))
    flag = one_flag(result, "EVID-ZERO-CONFESSION")
    assert flag["severity"] == "info"
    assert_basis(flag["legal_basis"], (CPL, ["第55条"]), (CPL_INTERP, ["第140条"]))


def test_zero_confession_needs_evidence(cli):
    assert not flags(cli.evaluate(case(evidence=[])), "EVID-ZERO-CONFESSION")


def test_zero_confession_silent_with_an_admission(cli):
    result = cli.evaluate(
        case(evidence=[ev("E1", "documentary"), ev("E2", "suspect_statement", admits_guilt=True)])
    )
    assert not flags(result, "EVID-ZERO-CONFESSION")


def test_zero_confession_is_criminal_only(cli):
    result = cli.evaluate(case("administrative.litigation_supervision", evidence=[ev("E1", "documentary")]))
    assert not flags(result, "EVID-ZERO-CONFESSION")


# --- EVID-RECORDING-MISSING -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "investigated_by", "fires"),
    [
        ("life", "public_security", True),
        ("death", None, True),
        ("under_1y", "procuratorate", True),
        ("over_10y", "public_security", False),
    ],
)
def test_recording_missing_case_conditions(cli, sentence, investigated_by, fires):
    fields = {"possible_sentence": sentence,
              "evidence": [ev("E1", "suspect_statement", admits_guilt=True, audio_video_recorded=False),
                           ev("E2", "documentary")]}
    if investigated_by is not None:
        fields["investigated_by"] = investigated_by
    result = cli.evaluate(case(**fields))
    if fires:
        flag = one_flag(result, "EVID-RECORDING-MISSING")
        assert flag["severity"] == "critical"
        assert flag["evidence_ids"] == ["E1"]
    else:
        assert not flags(result, "EVID-RECORDING-MISSING")


def test_recording_missing_one_flag_listing_every_statement(cli):
    result = cli.evaluate(
        case(
            possible_sentence="life",
            evidence=[
                ev("E1", "suspect_statement", admits_guilt=True),
                ev("E2", "suspect_statement", admits_guilt=True, audio_video_recorded=False),
                ev("E3", "suspect_statement", admits_guilt=True, audio_video_recorded=True),
                ev("E4", "documentary", audio_video_recorded=False),
            ],
        )
    )
    # only `audio_video_recorded: false` is a missing recording; no value at all is EVID-RECORDING-UNKNOWN
    flag = one_flag(result, "EVID-RECORDING-MISSING")
    assert sorted(flag["evidence_ids"]) == ["E2"]
    assert_basis(flag["legal_basis"], (CPL, ["第123条"]), (RULES, ["第190条"]))
    unknown = one_flag(result, "EVID-RECORDING-UNKNOWN")
    assert (unknown["severity"], unknown["evidence_ids"]) == ("major", ["E1"])
    assert_basis(unknown["legal_basis"], (CPL, ["第123条"]), (RULES, ["第190条"]))


def test_recording_missing_is_criminal_only(cli):
    result = cli.evaluate(
        case(
            "civil.judgment_supervision",
            possible_sentence="life",
            investigated_by="procuratorate",
            evidence=[ev("E1", "suspect_statement", admits_guilt=True)],
        )
    )
    assert not flags(result, "EVID-RECORDING-MISSING")


# --- EVID-INTERROGATION-PLACE ---------------------------------------------------------------------------------------


def test_interrogation_place_after_detention(cli):
    result = cli.evaluate(
        case(
            events=[evt("detained_in_center", "2026-01-05")],
            evidence=[
                ev("E1", "suspect_statement", "2026-01-06", admits_guilt=True, place="other"),
                ev("E2", "suspect_statement", "2026-01-04", admits_guilt=True, place="other"),
                ev("E3", "suspect_statement", "2026-01-07", admits_guilt=True, place="detention_center"),
                ev("E4", "suspect_statement", "2026-02-01", admits_guilt=True, place="other"),
                ev("E5", "suspect_statement", "2026-02-02", admits_guilt=True),
            ],
        )
    )
    flag = one_flag(result, "EVID-INTERROGATION-PLACE")
    assert flag["severity"] == "major"
    assert sorted(flag["evidence_ids"]) == ["E1", "E4"]
    assert_basis(flag["legal_basis"], (CPL, ["第118条第2款"]))


def test_interrogation_place_same_day_as_detention_is_not_later(cli):
    # "collected_on later than a detained_in_center event": the same day is not later.
    result = cli.evaluate(
        case(
            events=[evt("detained_in_center", "2026-01-05")],
            evidence=[ev("E1", "suspect_statement", "2026-01-05", admits_guilt=True, place="other")],
        )
    )
    assert not flags(result, "EVID-INTERROGATION-PLACE")


def test_interrogation_place_needs_a_detention_event(cli):
    result = cli.evaluate(
        case(evidence=[ev("E1", "suspect_statement", "2026-01-06", admits_guilt=True, place="other")])
    )
    assert not flags(result, "EVID-INTERROGATION-PLACE")


# --- EVID-EDATA-NO-HASH ---------------------------------------------------------------------------------------------


def test_edata_no_hash_lists_every_item(cli):
    result = cli.evaluate(
        case(
            evidence=[
                ev("E1", "electronic_data"),
                ev("E2", "electronic_data", hash_value=""),
                ev("E3", "electronic_data", hash_value="   "),
                ev("E4", "electronic_data", hash_value="9f86d081884c7d65"),
                ev("E5", "documentary"),
                ev("E6", "audiovisual"),
            ]
        )
    )
    flag = one_flag(result, "EVID-EDATA-NO-HASH")
    assert flag["severity"] == "major"
    assert sorted(flag["evidence_ids"]) == ["E1", "E2", "E3"]
    assert_basis(flag["legal_basis"], (EDATA, ["第14条"]), (CPL_INTERP, ["第111条"]))


def test_edata_no_hash_applies_to_every_case_type(cli):
    result = cli.evaluate(case("civil.judgment_supervision", evidence=[ev("E1", "electronic_data")]))
    assert one_flag(result, "EVID-EDATA-NO-HASH")["evidence_ids"] == ["E1"]


# --- EVID-EDATA-HASH-MISMATCH ---------------------------------------------------------------------------------------


def test_edata_hash_mismatch(cli):
    result = cli.evaluate(
        case(
            evidence=[
                ev("E1", "electronic_data", hash_value="9F86D081884C7D65", hash_recomputed="9f86d081884c7d65"),
                ev("E2", "electronic_data", hash_value="  9f86d081884c7d65\n", hash_recomputed="9F86D081884C7D65 "),
                ev("E3", "electronic_data", hash_value="9f86d081884c7d65", hash_recomputed="9f86d081884c7d66"),
                ev("E4", "electronic_data", hash_value="9f86d081884c7d65"),
                ev("E5", "electronic_data", hash_value="aa", hash_recomputed="  AB "),
            ]
        )
    )
    flag = one_flag(result, "EVID-EDATA-HASH-MISMATCH")
    assert flag["severity"] == "critical"
    assert sorted(flag["evidence_ids"]) == ["E3", "E5"]
    assert_basis(flag["legal_basis"], (CPL_INTERP, ["第111条", "第114条"]))


# --- EVID-WITNESS-MISSING -------------------------------------------------------------------------------------------


def test_witness_missing(cli):
    result = cli.evaluate(
        case(
            evidence=[
                ev("E1", "physical", witness_present=False),
                ev("E2", "investigation_record", witness_present=False, video_recorded=False),
                ev("E3", "electronic_data", witness_present=False, hash_value="ab"),
                ev("E4", "physical", witness_present=False, video_recorded=True),
                ev("E5", "physical", witness_present=True),
                ev("E6", "investigation_record"),
                ev("E7", "documentary", witness_present=False),
                ev("E8", "audiovisual", witness_present=False),
                ev("E9", "electronic_data", witness_present=False, video_recorded=True, hash_value="ab"),
            ]
        )
    )
    flag = one_flag(result, "EVID-WITNESS-MISSING")
    assert flag["severity"] == "major"
    assert sorted(flag["evidence_ids"]) == ["E1", "E2", "E3"]
    assert_basis(flag["legal_basis"], (EDATA, ["第15条"]), (CPL_INTERP, ["第80条"]))


# --- EVID-WITNESS-DISQUALIFIED --------------------------------------------------------------------------------------


def test_witness_disqualified_lists_every_item(cli):
    result = cli.evaluate(
        case(
            evidence=[
                ev("E1", "physical", witness_role="police", witness_present=True),
                ev("E2", "electronic_data", witness_role="auxiliary_police", hash_value="ab"),
                ev("E3", "documentary", witness_role="interested_party"),
                ev("E4", "investigation_record", witness_role="citizen"),
                ev("E5", "investigation_record", witness_role="other"),
            ]
        )
    )
    flag = one_flag(result, "EVID-WITNESS-DISQUALIFIED")
    assert flag["severity"] == "major"
    assert sorted(flag["evidence_ids"]) == ["E1", "E2", "E3"]
    assert_basis(flag["legal_basis"], (CPL_INTERP, ["第80条"]))


def test_witness_disqualified_applies_to_every_case_type(cli):
    result = cli.evaluate(case("public_interest.civil", evidence=[ev("E1", "physical", witness_role="police")]))
    assert one_flag(result, "EVID-WITNESS-DISQUALIFIED")["evidence_ids"] == ["E1"]


# --- EVID-MLA-USE-LIMIT ---------------------------------------------------------------------------------------------

MLA_NO = "京检刑协〔2026〕7号"


def test_mla_use_limit(cli):
    other = "京检刑协〔2025〕1号"
    result = cli.evaluate(
        case(
            "foreign.judicial_assistance",
            case_no=MLA_NO,
            evidence=[
                ev("E1", "documentary", via_judicial_assistance=True, permitted_use=other),
                ev("E2", "documentary", via_judicial_assistance=True, permitted_use=other, use_consent=False),
                ev("E3", "documentary", via_judicial_assistance=True, permitted_use=other, use_consent=True),
                ev("E4", "documentary", via_judicial_assistance=True, permitted_use=MLA_NO),
                ev("E5", "documentary", via_judicial_assistance=False, permitted_use=other),
                ev("E6", "witness_testimony", via_judicial_assistance=True, permitted_use=other),
            ],
        )
    )
    flag = one_flag(result, "EVID-MLA-USE-LIMIT")
    assert flag["severity"] == "major"
    assert sorted(flag["evidence_ids"]) == ["E1", "E2", "E6"]
    assert_basis(flag["legal_basis"], (CPL_INTERP, ["第77条第1款"]), (MLA_LAW, ["第11条第2款"]))
    assert "引渡法" not in flag["legal_basis"]


def test_mla_use_limit_one_flag_for_several_items(cli):
    other = {"via_judicial_assistance": True, "permitted_use": "京检刑协〔2025〕1号"}
    result = cli.evaluate(
        case(
            "criminal.prosecution_review",
            case_no=MLA_NO,
            evidence=[
                ev("E1", "documentary", **other),
                ev("E2", "witness_testimony", **other),
                ev("E3", "physical", **other, use_consent=True),
            ],
        )
    )
    assert sorted(one_flag(result, "EVID-MLA-USE-LIMIT")["evidence_ids"]) == ["E1", "E2"]
