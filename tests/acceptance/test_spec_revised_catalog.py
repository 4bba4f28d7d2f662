"""rules-catalog.md and case-format.md as revised: the 公益诉讼 rules, the recording and hash readings, related case
numbers and parties, undated defamation posts and their reach, drug_144, and the chronology checks — through
`casecheck evaluate --format json`, `import` and `export-cases`. Dates are worked out by hand on the 2024 calendar."""

from __future__ import annotations

import json

import pytest
from spec_support import CPL, CPL_INTERP, MLA_LAW, RULES, assert_basis, case, ev, evt, flags, one_flag, rule_ids

PIL_INTERP = r"最高人民法院、最高人民检察院关于检察公益诉讼案件适用法律若干问题的解释"
ADMIN_LAW = r"中华人民共和国行政诉讼法"
DRUG_LAW = r"中华人民共和国药品管理法"
PIC, PIA = "public_interest.civil", "public_interest.administrative"


def _pil(case_type: str, *events: dict) -> dict:
    return case(case_type, case_no="苏宁检民公〔2024〕5号", title="某食品公司公益诉讼案", received_on="2023-12-01",
                events=list(events))


# --- PIL-* ----------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("notice", "suit", "fires"),
    [
        ("2024-01-11", "2024-02-18", True),  # +30 = 2024-02-10 (春节) → 2024-02-18, a make-up working day
        ("2024-01-11", "2024-02-19", False),
        ("2024-03-01", "2024-04-01", True),  # +30 = Sunday 2024-03-31 → 2024-04-01
        ("2024-03-01", "2024-04-02", False),
    ],
)
@pytest.mark.no_database
def test_suit_before_notice_end(cli, notice, suit, fires):
    result = cli.evaluate(_pil(PIC, evt("public_notice_issued", notice), evt("lawsuit_filed", suit)),
                          today="2024-12-31")
    assert not flags(result, "PIL-NO-PUBLIC-NOTICE")
    if fires:
        flag = one_flag(result, "PIL-SUIT-BEFORE-NOTICE-END")
        assert flag["severity"] == "major"
        assert notice in flag["message"] and suit in flag["message"]
        assert_basis(flag["legal_basis"], (PIL_INTERP, ["第13条"]))
    else:
        assert not flags(result, "PIL-SUIT-BEFORE-NOTICE-END")


@pytest.mark.no_database
def test_notice_end_follows_the_calendar_given(cli):
    calendar = cli.write_text(
        "format: casecheck.calendar/1\nweekends_are_rest_days: true\nyears:\n  2024:\n    source: test\n"
        "    holidays:\n      - 2024-06-05\n    workdays: []\n", "cal.yaml")
    data = _pil(PIC, evt("public_notice_issued", "2024-05-06"), evt("lawsuit_filed", "2024-06-06"))
    assert not flags(cli.evaluate(data, today="2024-12-31"), "PIL-SUIT-BEFORE-NOTICE-END")
    assert flags(cli.evaluate(data, today="2024-12-31", calendar=calendar), "PIL-SUIT-BEFORE-NOTICE-END")


@pytest.mark.parametrize(
    ("events", "fires"),
    [([evt("lawsuit_filed", "2024-06-01")], True),
     ([evt("public_notice_issued", "2024-06-01"), evt("lawsuit_filed", "2024-06-01")], False),
     ([evt("public_notice_issued", "2024-06-02"), evt("lawsuit_filed", "2024-06-01")], True)],
)
@pytest.mark.no_database
def test_no_public_notice(cli, events, fires):
    result = cli.evaluate(_pil(PIC, *events), today="2024-12-31")
    if fires:
        flag = one_flag(result, "PIL-NO-PUBLIC-NOTICE")
        assert flag["severity"] == "major"
        assert_basis(flag["legal_basis"], (PIL_INTERP, ["第13条"]))
    else:
        assert not flags(result, "PIL-NO-PUBLIC-NOTICE")


@pytest.mark.parametrize(
    ("case_type", "events", "fires"),
    [(PIA, [evt("lawsuit_filed", "2024-08-01")], True),
     (PIA, [evt("suggestion_served", "2024-08-01"), evt("lawsuit_filed", "2024-08-01")], False),
     (PIA, [evt("suggestion_served", "2024-08-02"), evt("lawsuit_filed", "2024-08-01")], True),
     (PIC, [evt("lawsuit_filed", "2024-08-01")], False)],
)
@pytest.mark.no_database
def test_no_pre_suit_suggestion(cli, case_type, events, fires):
    result = cli.evaluate(_pil(case_type, *events), today="2024-12-31")
    if fires:
        flag = one_flag(result, "PIL-NO-PRE-SUIT-SUGGESTION")
        assert flag["severity"] == "major"
        assert_basis(flag["legal_basis"], (ADMIN_LAW, ["第25条第4款"]), (PIL_INTERP, ["第21条"]))
    else:
        assert not flags(result, "PIL-NO-PRE-SUIT-SUGGESTION")


# --- EVID-RECORDING-*, EVID-EDATA-HASH-MISMATCH, EVID-MLA-USE-LIMIT -----------------------------------------------


@pytest.mark.no_database
def test_recording_false_is_missing_and_absent_is_unknown(cli):
    result = cli.evaluate(case(investigated_by="procuratorate", evidence=[
        ev("E1", "suspect_statement", admits_guilt=True, audio_video_recorded=False),
        ev("E2", "suspect_statement", admits_guilt=True),
        ev("E3", "suspect_statement", admits_guilt=True, audio_video_recorded=None),
        ev("E4", "suspect_statement", admits_guilt=True, audio_video_recorded=True),
        ev("E5", "documentary")]))
    missing, unknown = one_flag(result, "EVID-RECORDING-MISSING"), one_flag(result, "EVID-RECORDING-UNKNOWN")
    assert (missing["severity"], missing["evidence_ids"]) == ("critical", ["E1"])
    assert (unknown["severity"], sorted(unknown["evidence_ids"])) == ("major", ["E2", "E3"])
    assert_basis(unknown["legal_basis"], (CPL, ["第123条"]), (RULES, ["第190条"]))


@pytest.mark.no_database
def test_recording_unknown_needs_a_must_record_case(cli):
    result = cli.evaluate(case(possible_sentence="over_10y", investigated_by="public_security",
                               evidence=[ev("E1", "suspect_statement", admits_guilt=True), ev("E2", "documentary")]))
    assert not flags(result, "EVID-RECORDING-UNKNOWN") and not flags(result, "EVID-RECORDING-MISSING")


@pytest.mark.parametrize(
    ("recorded", "recomputed", "fires"),
    [(" ABCDEF12 ", "abcdef12", False), ("abcdef12", "abcdef13", True), ("abcdef12", "abcdef1234567890", False)],
)
@pytest.mark.no_database
def test_hash_mismatch_needs_equal_length(cli, recorded, recomputed, fires):
    result = cli.evaluate(case(evidence=[ev("E1", "electronic_data", hash_value=recorded, hash_recomputed=recomputed)]))
    assert bool(flags(result, "EVID-EDATA-HASH-MISMATCH")) is fires


@pytest.mark.no_database
def test_mla_use_limit_accepts_a_related_case_number(cli):
    arrest_no = "京朝检刑捕〔2026〕40号"
    evidence = [ev("E1", "documentary", via_judicial_assistance=True, permitted_use=arrest_no),
                ev("E2", "documentary", via_judicial_assistance=True, permitted_use="沪检刑诉〔2025〕3号")]
    result = cli.evaluate(case(related_case_nos=[arrest_no], evidence=evidence))
    flag = one_flag(result, "EVID-MLA-USE-LIMIT")
    assert flag["evidence_ids"] == ["E2"]
    assert_basis(flag["legal_basis"], (CPL_INTERP, ["第77条第1款"]), (MLA_LAW, ["第11条第2款"]))
    without = cli.evaluate(case(evidence=evidence))
    assert sorted(one_flag(without, "EVID-MLA-USE-LIMIT")["evidence_ids"]) == ["E1", "E2"]


# --- DEF-THRESHOLD-NOT-MET, DEF-REACH, DEF-CLOSED-GROUP-REACH ---------------------------------------------------------


def _defamation(*posts: dict) -> dict:
    return case(charges=["诽谤罪"], facts={"defamation_public_order": True, "defamation_posts": list(posts)})


@pytest.mark.no_database
def test_undated_post_counts_without_moving_the_window(cli):
    # window 2024-06-15 .. 2025-06-15 from the dated post; the undated one is added in: 3000 + 2000 = 5000
    result = cli.evaluate(_defamation({"posted_on": "2025-06-15", "views": 3000}, {"views": 2000},
                                      {"posted_on": "2024-06-14", "views": 9000}))
    assert not flags(result, "DEF-THRESHOLD-NOT-MET")
    result = cli.evaluate(_defamation({"posted_on": "2025-06-15", "views": 3000}, {"views": 1999},
                                      {"posted_on": "2024-06-14", "views": 9000}))
    assert one_flag(result, "DEF-THRESHOLD-NOT-MET")["severity"] == "major"


@pytest.mark.no_database
def test_reach_per_platform_and_closed_group_flag(cli):
    result = cli.evaluate(_defamation(
        {"posted_on": "2025-06-01", "views": 1200, "forwards": 30, "unique_visitors": 800, "platform": "微博"},
        {"posted_on": "2025-06-02", "views": 300, "forwards": 4, "platform": "微博"},
        {"posted_on": "2025-06-03", "views": 50, "forwards": 2, "platform": "微信", "closed_group": True,
         "group_members": 460},
    ))
    reach = {c["name"]: c["value"] for c in result["computations"] if c["rule"] == "DEF-REACH"}
    assert reach == {"浏览次数（微博）": 1500, "转发次数（微博）": 34, "独立访客数（微博）": 800,
                     "浏览次数（微信）": 50, "转发次数（微信）": 2, "独立访客数（微信）": 0}
    closed = one_flag(result, "DEF-CLOSED-GROUP-REACH")
    assert closed["severity"] == "info" and closed["verified"] is False and "460" in closed["message"]
    assert one_flag(result, "DEF-THRESHOLD-NOT-MET")  # 1550 views, 36 forwards: UV and members are not read


@pytest.mark.no_database
def test_new_post_fields_keep_every_flag_and_the_grade(cli):
    posts = [{"posted_on": "2025-06-01", "views": 4000, "forwards": 100}]
    plain = cli.evaluate(_defamation(*posts))
    enriched = cli.evaluate(_defamation({**posts[0], "platform": "微博", "unique_visitors": 3000}))
    assert rule_ids(plain) == rule_ids(enriched)
    assert (plain["score"], plain["grade_code"]) == (enriched["score"], enriched["grade_code"])


# --- drug_144 -------------------------------------------------------------------------------------------------------


@pytest.mark.no_database
@pytest.mark.parametrize(("price", "loss", "cap"), [(50, 0, 1000), (300, 200, 3000), (100, 5000, 15000)])
def test_drug_144_cap(cli, price, loss, cap):
    facts = {"damages_law": "drug_144", "price_paid": price, "loss": loss, "claimed_amount": cap + 1}
    result = cli.evaluate(case(PIC, facts=facts))
    assert [c for c in result["computations"] if c["rule"] == "DMG-CLAIM-EXCEEDS-CAP"] == [
        {"rule": "DMG-CLAIM-EXCEEDS-CAP", "name": "法定惩罚性赔偿上限", "value": cap}]
    assert_basis(one_flag(result, "DMG-CLAIM-EXCEEDS-CAP")["legal_basis"], (DRUG_LAW, ["第144条第3款"]))


# --- chronology -----------------------------------------------------------------------------------------------------


@pytest.mark.no_database
def test_chronology_contradictions_are_flagged_not_refused(cli):
    result = cli.evaluate(case(received_on="2024-03-01", closed_on="2024-02-28", events=[
        evt("returned_for_investigation", "2024-03-10"), evt("resubmitted", "2024-03-08"),
        evt("prosecution_decided", "2024-02-28")], evidence=[ev("E1", "documentary", "2024-03-05")]),
        today="2024-12-31")
    for rule in ("CHRON-ACT-BEFORE-RECEIPT", "CHRON-RESUBMISSION-BEFORE-RETURN", "CHRON-CLOSED-BEFORE-RECEIPT",
                 "CHRON-EVIDENCE-AFTER-CLOSING"):
        flag = one_flag(result, rule)
        assert flag["severity"] == "minor" and "《" in flag["legal_basis"]
    assert "2024-03-08" in one_flag(result, "CHRON-RESUBMISSION-BEFORE-RETURN")["message"]
    assert "2024-03-10" in one_flag(result, "CHRON-RESUBMISSION-BEFORE-RETURN")["message"]


@pytest.mark.no_database
def test_a_plain_case_has_no_chronology_flag(cli):
    result = cli.evaluate(case(received_on="2024-03-01", closed_on="2024-03-20", events=[
        evt("arrest_decided", "2024-01-10"), evt("returned_for_investigation", "2024-03-10"),
        evt("resubmitted", "2024-04-01"), evt("prosecution_decided", "2024-04-20")],
        evidence=[ev("E1", "documentary", "2024-01-05")]), today="2024-12-31")
    assert not [r for r in rule_ids(result) if r.startswith("CHRON-")]


# --- related_case_nos, parties: validated, and kept through import and export --------------------------------------


def test_new_fields_round_trip_through_import_and_export(cli):
    data = case(related_case_nos=["京朝检刑捕〔2026〕40号"], parties=[
        {"role": "suspect", "name": "张某某", "id_number": "110105199001011234", "phone": "13800000000"},
        {"role": "victim", "name": "李某", "custom": {"a": 1}}],
        facts={"defamation_posts": [{"views": 10, "platform": "微博", "closed_group": False}]})
    path = cli.write(data)
    assert cli.run("--db", cli.db, "import", path).rc == 0
    out = cli.tmp / "out"
    assert cli.run("--db", cli.db, "export-cases", "--out", out, "--all").rc == 0
    exported = [json.loads(p.read_text(encoding="utf-8")) for p in out.rglob("*.json")]
    assert len(exported) == 1
    for key in ("related_case_nos", "parties", "facts"):
        assert exported[0][key] == data[key]


@pytest.mark.parametrize(
    ("fields", "field"),
    [({"related_case_nos": "京朝检刑捕〔2026〕40号"}, "related_case_nos"),
     ({"related_case_nos": ["", "x"]}, "related_case_nos[0]"),
     ({"parties": [{"role": "judge", "name": "王某"}]}, "parties[0].role"),
     ({"parties": [{"role": "victim"}]}, "parties[0].name"),
     ({"parties": [{"role": "victim", "name": "李某", "phone": 138}]}, "parties[0].phone"),
     ({"parties": {"role": "victim"}}, "parties"),
     ({"facts": {"defamation_posts": [{"views": 1, "unique_visitors": -1}]}}, "facts.defamation_posts[0].unique_visitors"),
     ({"facts": {"defamation_posts": [{"views": 1, "closed_group": "yes"}]}}, "facts.defamation_posts[0].closed_group"),
     ({"facts": {"defamation_posts": [{"posted_on": "2025-02-30"}]}}, "facts.defamation_posts[0].posted_on")],
)
@pytest.mark.no_database
def test_bad_new_fields_are_named(cli, fields, field):
    path = cli.write(case(**fields), "bad.json")
    run = cli.run("evaluate", path, "--format", "json")
    assert run.rc == 2 and f"bad.json: {field}" in run.err, run.err
