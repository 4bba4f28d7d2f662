"""case-format.md — `casecheck.case/1`: every field accepted, bad files rejected whole, lossless round trip."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from spec_support import FORMAT, TODAY, case, ev, evt, no_traceback

ALL_CATEGORIES = ["physical", "documentary", "witness_testimony", "victim_statement", "suspect_statement",
                  "expert_opinion", "investigation_record", "audiovisual", "electronic_data"]
ALL_TYPES = ["criminal.arrest_review", "criminal.prosecution_review", "civil.judgment_supervision",
             "civil.enforcement_termination", "administrative.litigation_supervision",
             "administrative.reverse_referral", "public_interest.civil", "public_interest.administrative",
             "foreign.judicial_assistance"]
ALL_KINDS = ["detained_in_center", "arrest_decided", "transferred_for_prosecution", "returned_for_investigation",
             "resubmitted", "review_extended", "prosecution_decided", "non_prosecution_decided", "opinion_referred",
             "execution_filed", "property_control", "applicant_interviewed", "termination_ruled", "property_queried",
             "assistance_requested"]


def full_case(case_no: str = "京朝检刑诉〔2026〕123号", case_type: str = "criminal.prosecution_review") -> dict:
    """A case using every documented field, plus free keys in attributes and facts."""
    evidence = [
        ev("E1", "suspect_statement", "2026-01-06", admits_guilt=True, audio_video_recorded=True, place="detention_center",
           signed=True, interrogator_count=2),
        ev("E2", "electronic_data", "2026-01-07", hash_value="9F86D081", hash_recomputed="9f86d081", video_recorded=True,
           witness_role="citizen", witness_present=True, signed=True, custom_note="自定义属性", nested={"a": [1, 2]}),
        ev("E3", "documentary", "2026-01-08", via_judicial_assistance=True, permitted_use=case_no, use_consent=False),
    ]
    evidence += [ev(f"X{i}", cat, "2026-01-09") for i, cat in enumerate(ALL_CATEGORIES)]
    return {
        "format": FORMAT,
        "case_no": case_no,
        "title": "张某某诽谤案",
        "case_type": case_type,
        "prosecutor": "王某某",
        "department": "第一检察部",
        "received_on": "2026-03-02",
        "closed_on": None,
        "in_custody": True,
        "charges": ["诽谤罪", "寻衅滋事罪"],
        "possible_sentence": "1_to_3y",
        "plea_agreement": True,
        "fast_track": False,
        "suspect_minor": False,
        "investigated_by": "public_security",
        "events": [evt(kind, "2026-01-05", outcome="approved", note=f"事件{kind}") for kind in ALL_KINDS[:3]]
        + [evt(kind, "2026-01-05") for kind in ALL_KINDS[3:]],
        "evidence": evidence,
        "facts": {
            "defamation_posts": [
                {"posted_on": "2025-06-01", "views": 1200, "forwards": 30, "previously_handled": False},
                {"posted_on": "2025-01-01", "views": 800, "forwards": 10, "previously_handled": True},
            ],
            "defamation_views": 2000,
            "defamation_forwards": 40,
            "defamation_penalized_within_2y": False,
            "defamation_other_serious": False,
            "defamation_public_order": True,
            "administrative_penalty_needed": True,
            "seizure_pending": False,
            "damages_law": "food_safety_148",
            "price_paid": 99.5,
            "loss": 300,
            "claimed_amount": 995,
            "free_key": {"任意": ["值", 1, True, None]},
            "another_free_key": 42,
        },
        "answers": {},
    }


def _import(cli, *paths: Path, db: str | None = None):
    return cli.run("--db", db or cli.db, "import", *paths)


def _exported(cli, db: str | None = None, *filters: str) -> dict[str, dict]:
    out = cli.tmp / f"export_{len(list(cli.tmp.iterdir()))}"
    run = cli.run("--db", db or cli.db, "export-cases", "--out", out, *(filters or ("--all",)))
    assert run.rc == 0, run.err
    cases = {}
    for path in sorted(out.rglob("*.json")) if out.exists() else []:
        data = json.loads(path.read_text(encoding="utf-8"))
        cases[data["case_no"]] = data
    return cases


DEFAULTS = {"closed_on": None, "in_custody": False, "plea_agreement": False, "fast_track": False,
            "suspect_minor": False, "department": None, "charges": [], "events": [], "evidence": [], "facts": {},
            "answers": {}, "possible_sentence": None}


def assert_contains(original, exported, where: str = "") -> None:
    """Every field of the original is in the export with the same value (the program may add fields)."""
    if isinstance(original, dict):
        assert isinstance(exported, dict), f"{where}: {exported!r}"
        for key, value in original.items():
            if key not in exported:
                if where == "" and key in DEFAULTS and DEFAULTS[key] == value:
                    continue
                if key == "note" and value == "":
                    continue
                raise AssertionError(f"{where}.{key} lost in the export")
            assert_contains(value, exported[key], f"{where}.{key}")
    elif isinstance(original, list):
        assert isinstance(exported, list) and len(exported) == len(original), f"{where}: {exported!r}"
        for i, (a, b) in enumerate(zip(original, exported, strict=True)):
            assert_contains(a, b, f"{where}[{i}]")
    elif isinstance(original, float | int) and not isinstance(original, bool):
        assert exported == pytest.approx(original), f"{where}: {exported!r} != {original!r}"
    else:
        assert exported == original, f"{where}: {exported!r} != {original!r}"


# --- accepted -------------------------------------------------------------------------------------------------------


@pytest.mark.no_database
def test_every_documented_field_is_accepted(cli):
    data = full_case()
    path = cli.write(data)
    run = cli.run("evaluate", path, "--today", TODAY, "--format", "json")
    assert run.rc == 0, run.err
    assert run.json()["case_no"] == data["case_no"]


def test_every_case_type_is_accepted(cli):
    paths = [cli.write(case(t, case_no=f"类型〔2026〕{i}号")) for i, t in enumerate(ALL_TYPES)]
    run = _import(cli, *paths)
    assert run.rc == 0, run.err
    exported = _exported(cli)
    assert sorted(d["case_type"] for d in exported.values()) == sorted(ALL_TYPES)


def test_round_trip_import_then_export_keeps_every_field(cli):
    data = full_case()
    data["closed_on"] = "2026-03-19"
    data["answers"] = {}
    run = cli.run("checklist", "show", data["case_type"])
    item = next(line.split()[0] for line in run.out.splitlines() if line.startswith("  ") and "-FA-01" in line)
    data["answers"] = {item: {"value": "fail", "note": "身份信息缺户籍证明"}}
    path = cli.write(data)
    assert _import(cli, path).rc == 0
    exported = _exported(cli)
    assert list(exported) == [data["case_no"]]
    assert exported[data["case_no"]]["format"] == FORMAT
    assert_contains(data, exported[data["case_no"]])
    # the exported file is itself a valid case file that evaluates like the original
    again = cli.write(exported[data["case_no"]], "again.json")
    assert cli.run("evaluate", again, "--today", TODAY, "--format", "json").rc == 0


def test_round_trip_of_a_minimal_case(cli):
    data = case("public_interest.administrative", case_no="桂南检行公〔2026〕3号")
    assert _import(cli, cli.write(data)).rc == 0
    assert_contains(data, _exported(cli)[data["case_no"]])


# --- rejected -------------------------------------------------------------------------------------------------------


def _rejected(cli, data, *fields: str, name: str = "bad.json") -> str:
    path = cli.write(data, name)
    run = cli.run("evaluate", path, "--today", TODAY, "--format", "json")
    assert run.rc == 2, f"accepted: {run.out[:200]}"
    assert no_traceback(run.err)
    for field in fields:
        assert f"{name}: {field}" in run.err, run.err
    return run.err


@pytest.mark.no_database
def test_unknown_case_type_names_file_and_field(cli):
    _rejected(cli, case("criminal.appeal"), "case_type")


@pytest.mark.no_database
def test_unknown_evidence_category_names_file_and_field(cli):
    _rejected(cli, case(evidence=[ev("E1", "documentary"), ev("E2", "hearsay")]), "evidence[1].category")


@pytest.mark.no_database
@pytest.mark.parametrize("value", ["2026/03/02", "2026-02-30", 20260302])
def test_received_on_must_be_a_date(cli, value):
    _rejected(cli, case(received_on=value), "received_on")


BAD_DATES = ["2026-3-2", "20260302", "2026-03-02T09:00:00", "02-03-2026", "", " 2026-03-02", "2026-13-01",
             "2025-02-29"]


@pytest.mark.no_database
def test_every_date_field_is_strictly_yyyy_mm_dd(cli):
    # every problem is listed, so one file can carry them all
    data = case(
        closed_on="2026.03.19",
        events=[evt("arrest_decided", "2026-03-05")] + [evt("resubmitted", d) for d in BAD_DATES],
        evidence=[ev("E1", "documentary", "2026-13-01")],
        facts={"defamation_posts": [{"posted_on": "2025-6-1", "views": 1, "forwards": 0}]},
    )
    fields = ["closed_on", "evidence[0].collected_on", "facts.defamation_posts[0].posted_on"]
    fields += [f"events[{i + 1}].date" for i in range(len(BAD_DATES))]
    err = _rejected(cli, data, *fields)
    assert "events[0].date" not in err


@pytest.mark.no_database
def test_required_fields(cli):
    data = case()
    for field in ("case_no", "title", "case_type", "prosecutor", "received_on"):
        del data[field]
    _rejected(cli, data, "case_no", "title", "case_type", "prosecutor", "received_on")


@pytest.mark.no_database
def test_format_is_required(cli):
    data = case()
    del data["format"]
    _rejected(cli, data, "format")


@pytest.mark.no_database
def test_wrong_format_version(cli):
    _rejected(cli, case(format="casecheck.case/2"), "format")


@pytest.mark.no_database
def test_values_outside_the_format(cli):
    data = case(
        possible_sentence="5y",
        investigated_by="army",
        in_custody="yes",
        charges="诽谤罪",
        evidence=[ev("E1", "documentary"), ev("E1", "physical")],
        answers={"PR-FA-01": {"value": "maybe"}},
    )
    _rejected(cli, data, "possible_sentence", "investigated_by", "in_custody", "charges", "evidence[1].id", "answers")


@pytest.mark.no_database
def test_every_problem_is_listed(cli):
    data = case(case_type="criminal.x", received_on="2026/01/01",
                evidence=[ev("E1", "documentary"), ev("E2", "rumour", "yesterday")])
    err = _rejected(cli, data, "case_type", "received_on", "evidence[1].category", "evidence[1].collected_on")
    assert len([line for line in err.splitlines() if line.startswith(str(cli.tmp / "bad.json"))]) >= 4


# --- import ---------------------------------------------------------------------------------------------------------


def test_import_is_all_or_nothing(cli):
    good = cli.write(case(case_no="京朝检刑诉〔2026〕1号"), "good.json")
    bad = cli.write(case(case_no="京朝检刑诉〔2026〕2号", case_type="nonsense"), "bad.json")
    run = _import(cli, good, bad)
    assert run.rc == 2
    assert "bad.json" in run.err and "case_type" in run.err
    assert no_traceback(run.err)
    assert _exported(cli) == {}
    # and the good file alone goes in
    assert _import(cli, good).rc == 0
    assert list(_exported(cli)) == ["京朝检刑诉〔2026〕1号"]


def test_import_reports_every_bad_file(cli):
    bad1 = cli.write(case(case_no="A1", evidence=[ev("E1", "gossip")]), "bad1.json")
    bad2 = cli.write(case(case_no="A2", received_on="soon"), "bad2.json")
    run = _import(cli, bad1, bad2)
    assert run.rc == 2
    assert "bad1.json: evidence[0].category" in run.err
    assert "bad2.json: received_on" in run.err


def test_import_names_nested_fields(cli):
    bad = cli.write(case(events=[{"kind": "arrest_decided", "date": "2026-02-31"}]), "sub.json")
    run = cli.run("--db", cli.db, "import", bad)
    assert run.rc == 2
    assert "sub.json: events[0].date" in run.err
    assert no_traceback(run.err)


def test_round_trip_keeps_unknown_keys_for_several_cases(cli):
    originals = []
    for i, case_type in enumerate(["criminal.arrest_review", "civil.enforcement_termination", "public_interest.civil"]):
        data = copy.deepcopy(full_case(case_no=f"测检〔2026〕{i + 1}号", case_type=case_type))
        data["facts"]["extra_" + str(i)] = {"k": i}
        data["evidence"][0]["attributes"]["extra_attr"] = f"v{i}"
        originals.append(data)
    assert _import(cli, *[cli.write(d) for d in originals]).rc == 0
    exported = _exported(cli)
    assert sorted(exported) == sorted(d["case_no"] for d in originals)
    for data in originals:
        assert_contains(data, exported[data["case_no"]])


def test_case_number_is_unique_in_a_database(cli):
    first = cli.write(case(case_no="唯一〔2026〕1号", title="甲"), "first.json")
    second = cli.write(case(case_no="唯一〔2026〕1号", title="乙"), "second.json")
    run = _import(cli, first, second)
    assert run.rc == 2
    assert "second.json: case_no" in run.err
    assert _exported(cli) == {}
    assert _import(cli, first).rc == 0
    run = _import(cli, second)
    assert run.rc == 2 and "second.json: case_no" in run.err
    assert _exported(cli)["唯一〔2026〕1号"]["title"] == "甲"


def test_xlsx_register_import_is_all_or_nothing(cli):
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    # the register's column headings, as the program names them when they are missing
    sheet.append(["案号", "案件名称", "案件类型", "承办检察官", "受理日期"])
    sheet.append(["登记〔2026〕1号", "甲案", "criminal.arrest_review", "王某", "2026-03-02"])
    sheet.append(["登记〔2026〕2号", "乙案", "criminal.prosecution_review", "李某", "2026/03/05"])
    path = cli.tmp / "register.xlsx"
    book.save(path)
    run = _import(cli, path)
    assert run.rc == 2
    assert no_traceback(run.err)
    line = next(line for line in run.err.splitlines() if "received_on" in line)
    assert line.startswith(str(path)) and "3" in line
    assert _exported(cli) == {}


def test_garbage_xlsx_is_bad_input(cli):
    path = cli.write_text("not a workbook", "register.xlsx")
    run = _import(cli, path)
    assert run.rc == 2
    assert "register.xlsx" in run.err and no_traceback(run.err)


# --- edges: the format says only YYYY-MM-DD and JSON; anything the program cannot process is bad input ----------


@pytest.mark.no_database
def test_closed_on_is_any_date(cli):
    run = cli.run("evaluate", cli.write(case(received_on="2026-03-02", closed_on="2026-01-15")), "--today", TODAY,
                  "--format", "json")
    assert run.rc == 0, run.err


@pytest.mark.no_database
def test_last_representable_date_is_not_an_internal_error(cli):
    run = cli.run("evaluate", cli.write(case(received_on="9999-12-31")), "--today", TODAY, "--format", "json")
    assert run.rc in (0, 2), run.err
    assert no_traceback(run.err)


@pytest.mark.no_database
def test_deeply_nested_json_is_bad_input(cli):
    path = cli.write("[" * 100_000 + "]" * 100_000, "deep.json")
    run = cli.run("evaluate", path, "--format", "json")
    assert run.rc == 2
    assert "deep.json" in run.err


def _strict_json(text: str):
    def reject(token: str):
        raise ValueError(f"not JSON: {token}")

    return json.loads(text, parse_constant=reject)


@pytest.mark.no_database
def test_non_json_numbers_are_rejected(cli):
    path = cli.write('{"format": "casecheck.case/1", "case_no": "X-1", "title": "T", "case_type": '
                     '"public_interest.civil", "prosecutor": "P", "received_on": "2026-03-02", '
                     '"facts": {"damages_law": "food_safety_148", "price_paid": Infinity}}', "inf.json")
    run = cli.run("evaluate", path, "--today", TODAY, "--format", "json")
    if run.rc == 0:
        _strict_json(run.out)  # accepted: then the result must still be JSON
    else:
        assert run.rc == 2 and "inf.json" in run.err and no_traceback(run.err)
