"""cli.md — the `casecheck.result/1` document, exit codes, messages and the database options."""

from __future__ import annotations

import json
import re

import pytest
from spec_support import TODAY, case, ev, evt, no_traceback, rule_ids

SEVERITIES = {"critical", "major", "minor", "info"}
GRADES_2017 = {"excellent": "优质", "qualified": "合格", "flawed": "瑕疵", "unqualified": "不合格"}
STATUSES = {"met", "open", "due_soon", "overdue", "suspended"}
CJK = re.compile(r"[\u4e00-\u9fff]")


def _item_ids(cli, case_type: str, veto: bool = False) -> list[str]:
    run = cli.run("checklist", "show", case_type)
    assert run.rc == 0, run.err
    ids = []
    for line in run.out.splitlines():
        match = re.match(r"^\s+([A-Z]+(?:-[A-Z0-9]+)+)\s", line)
        if match and (not veto or "否决" in line):
            ids.append(match.group(1))
    assert ids, run.out
    return ids


def _busy_case() -> dict:
    return case(
        received_on="2026-03-02",
        in_custody=True,
        possible_sentence="life",
        events=[evt("detained_in_center", "2026-01-05"), evt("returned_for_investigation", "2026-03-05")],
        evidence=[
            ev("E1", "suspect_statement", "2026-01-06", admits_guilt=True, place="other",
               audio_video_recorded=False),
            ev("E2", "electronic_data", hash_value="aa", hash_recomputed="bb"),
            ev("E3", "physical", witness_role="police"),
        ],
    )


@pytest.mark.no_database
def test_result_document_shape(cli):
    result = cli.evaluate(_busy_case(), today="2026-03-20")
    for key in ("format", "case_no", "case_type", "today", "flags", "deadlines", "computations", "checklist", "score",
                "grade", "grade_code"):
        assert key in result, key
    assert result["format"] == "casecheck.result/1"
    assert result["case_no"] == "京朝检刑诉〔2026〕123号"
    assert result["case_type"] == "criminal.prosecution_review"
    assert result["today"] == "2026-03-20"
    assert isinstance(result["computations"], list)
    assert isinstance(result["score"], int | float) and not isinstance(result["score"], bool)
    assert result["grade_code"] in GRADES_2017
    assert result["grade"] == GRADES_2017[result["grade_code"]]
    assert result["flags"], "the case was built to raise flags"
    for flag in result["flags"]:
        assert {"rule", "severity", "title", "message", "legal_basis", "evidence_ids", "verified"} <= set(flag)
        assert flag["severity"] in SEVERITIES
        assert isinstance(flag["evidence_ids"], list)
        assert isinstance(flag["verified"], bool)
        assert flag["title"] and flag["message"]
        assert "《" in flag["legal_basis"] and "》" in flag["legal_basis"]
    assert result["deadlines"]
    for period in result["deadlines"]:
        assert {"rule", "name", "start", "due", "status", "days_left", "legal_basis"} <= set(period)
        assert period["status"] in STATUSES
        assert period["days_left"] is None or isinstance(period["days_left"], int)
        assert "《" in period["legal_basis"]
    assert {"EVID-INTERROGATION-PLACE", "EVID-EDATA-HASH-MISMATCH", "EVID-WITNESS-DISQUALIFIED",
            "EVID-RECORDING-MISSING"} <= set(rule_ids(result))
    # one flag per rule per case (periods aside)
    ids = [r for r in rule_ids(result) if not r.startswith("DL-")]
    assert len(ids) == len(set(ids))


@pytest.mark.no_database
def test_checklist_block_counts_the_case_file_answers(cli):
    # items that apply to every 审查起诉 case (identity, facts, charge); which items apply to which cases is the
    # checklist's business, so conditional items are avoided here
    ids = [i for i in _item_ids(cli, "criminal.prosecution_review") if re.search(r"-(FA-0[12]|LA-01)$", i)]
    assert len(ids) == 3, ids
    answers = {
        ids[0]: {"value": "pass", "note": ""},
        ids[1]: {"value": "fail", "note": "未附说明"},
        ids[2]: {"value": "na", "note": ""},
    }
    result = cli.evaluate(case(answers=answers))
    block = result["checklist"]
    assert block["template"] == "criminal.prosecution_review"
    assert isinstance(block["version"], str) and block["version"]
    assert block["answered"] == 3
    assert isinstance(block["total"], int) and block["total"] >= 2


@pytest.mark.no_database
def test_checklist_block_without_answers(cli):
    block = cli.evaluate(case("civil.judgment_supervision"))["checklist"]
    assert block["template"] == "civil.judgment_supervision"
    assert block["answered"] == 0


@pytest.mark.no_database
def test_failed_veto_item_gives_unqualified(cli):
    veto = _item_ids(cli, "criminal.prosecution_review", veto=True)[0]
    clean = case(evidence=[ev("E1", "documentary"), ev("E2", "suspect_statement", admits_guilt=True)])
    before = cli.evaluate(clean)
    assert not [f for f in before["flags"] if f["severity"] == "critical"]
    assert before["grade_code"] != "unqualified"
    after = cli.evaluate({**clean, "answers": {veto: {"value": "fail", "note": "证据不足"}}})
    assert (after["grade_code"], after["grade"]) == ("unqualified", "不合格")


@pytest.mark.no_database
def test_text_output_is_the_default(cli):
    path = cli.write(_busy_case())
    run = cli.run("evaluate", path, "--today", TODAY)
    assert run.rc == 0
    assert CJK.search(run.out)
    with pytest.raises(json.JSONDecodeError):
        json.loads(run.out)


@pytest.mark.sqlite_only("no database file appears")
def test_evaluate_file_does_not_touch_a_database(cli):
    path = cli.write(case())
    db = cli.tmp / "untouched.db"
    run = cli.run("--db", db, "evaluate", path, "--today", TODAY, "--format", "json")
    assert run.rc == 0, run.err
    assert not db.exists()


def test_evaluate_case_from_the_database_matches_the_file(cli):
    data = _busy_case()
    ids = _item_ids(cli, "criminal.prosecution_review")
    data["answers"] = {ids[0]: {"value": "pass", "note": ""}, ids[1]: {"value": "fail", "note": "x"}}
    path = cli.write(data)
    assert cli.run("--db", cli.db, "import", path).rc == 0
    from_file = cli.run("evaluate", path, "--today", TODAY, "--format", "json").json()
    run = cli.run("--db", cli.db, "evaluate", "--case", data["case_no"], "--today", TODAY, "--format", "json")
    assert run.rc == 0, run.err
    from_db = run.json()
    assert from_db["format"] == "casecheck.result/1"
    assert sorted(rule_ids(from_db)) == sorted(rule_ids(from_file))
    assert [(d["rule"], d["due"], d["status"]) for d in from_db["deadlines"]] == [
        (d["rule"], d["due"], d["status"]) for d in from_file["deadlines"]
    ]
    assert from_db["checklist"]["answered"] == from_file["checklist"]["answered"] == 2
    assert from_db["grade_code"] == from_file["grade_code"]


def test_evaluate_unknown_case_number_is_bad_input(cli):
    assert cli.run("--db", cli.db, "init").rc == 0
    run = cli.run("--db", cli.db, "evaluate", "--case", "不存在〔2026〕1号", "--format", "json")
    assert run.rc == 2
    assert no_traceback(run.err)


@pytest.mark.no_database
def test_bad_today_is_bad_input(cli):
    path = cli.write(case())
    run = cli.run("evaluate", path, "--today", "2026/03/20", "--format", "json")
    assert run.rc == 2
    assert "today" in run.err.lower()
    assert no_traceback(run.err)


@pytest.mark.no_database
def test_bad_input_in_a_separate_process(cli):
    data = case(evidence=[ev("E1", "documentary"), ev("E2", "fingerprint")])
    path = cli.write(data, "bad_case.json")
    run = cli.sub("evaluate", str(path), "--today", TODAY, "--format", "json")
    assert run.rc == 2
    assert no_traceback(run.err)
    assert re.search(r"bad_case\.json: evidence\[1\]\.category: ", run.err), run.err
    assert not run.out.strip().startswith("{")


def test_a_database_command_in_a_separate_process(cli):
    data = case()
    assert cli.run("--db", cli.db, "import", cli.write(data)).rc == 0
    run = cli.sub("--db", cli.db, "evaluate", "--case", data["case_no"], "--today", TODAY, "--format", "json")
    assert run.rc == 0, run.err
    assert run.json()["case_no"] == data["case_no"]


@pytest.mark.no_database
def test_messages_are_chinese_by_default_and_english_on_request(cli):
    path = cli.write(case(case_type="criminal.unknown"), "t.json")
    zh = cli.run("evaluate", path, "--format", "json")
    en = cli.run("--lang", "en", "evaluate", path, "--format", "json")
    assert zh.rc == en.rc == 2
    assert "case_type" in zh.err and "case_type" in en.err
    assert CJK.search(zh.err.replace(str(path), ""))
    assert not CJK.search(en.err.replace(str(path), "")), en.err


@pytest.mark.no_database
def test_usage_errors_exit_2(cli):
    run = cli.run("no-such-command")
    assert run.rc == 2 and no_traceback(run.err)
    run = cli.run("evaluate", "--format", "yaml", cli.write(case()))
    assert run.rc == 2 and no_traceback(run.err)
    run = cli.run("export", "--format", "docx", "--out", cli.tmp / "x.docx", "--all")
    assert run.rc == 2 and no_traceback(run.err)


@pytest.mark.no_database
def test_missing_and_unreadable_case_files(cli):
    run = cli.run("evaluate", cli.tmp / "missing.json", "--format", "json")
    assert run.rc == 2 and "missing.json" in run.err and no_traceback(run.err)
    broken = cli.write("{ not json", "broken.json")
    run = cli.run("evaluate", broken, "--format", "json")
    assert run.rc == 2 and "broken.json" in run.err and no_traceback(run.err)
    run = cli.run("evaluate", cli.write("[1, 2]", "list.json"), "--format", "json")
    assert run.rc == 2 and "list.json" in run.err


def test_database_from_environment(cli):
    cli.monkeypatch.setenv("CASECHECK_DB", cli.db)
    assert cli.run("import", cli.write(case())).rc == 0
    cli.monkeypatch.delenv("CASECHECK_DB")
    run = cli.run("--db", cli.db, "evaluate", "--case", case()["case_no"], "--today", TODAY, "--format", "json")
    assert run.rc == 0 and run.json()["case_no"] == case()["case_no"]
    other = cli.another_database("other")
    cli.monkeypatch.setenv("CASECHECK_DB", other)
    run = cli.run("--db", cli.db, "evaluate", "--case", case()["case_no"], "--today", TODAY, "--format", "json")
    assert run.rc == 0, "--db wins over CASECHECK_DB"
    assert cli.run("evaluate", "--case", case()["case_no"], "--today", TODAY, "--format", "json").rc == 2


@pytest.mark.sqlite_only("file paths and sqlite:/// URLs")
def test_database_file_from_environment_and_url(cli):
    env_db = cli.tmp / "from_env.db"
    cli.monkeypatch.setenv("CASECHECK_DB", str(env_db))
    run = cli.run("init")
    assert run.rc == 0, run.err
    assert env_db.exists()
    cli.monkeypatch.delenv("CASECHECK_DB")
    url_db = cli.tmp / "from_url.db"
    assert cli.run("--db", f"sqlite:///{url_db}", "init").rc == 0
    assert url_db.exists()


@pytest.mark.sqlite_only("a missing SQLite file is created")
def test_missing_database_file_is_created_by_any_command(cli):
    db = cli.tmp / "fresh.db"
    path = cli.write(case())
    assert cli.run("--db", db, "import", path).rc == 0
    assert db.exists()
    run = cli.run("--db", db, "evaluate", "--case", case()["case_no"], "--today", TODAY, "--format", "json")
    assert run.rc == 0 and run.json()["case_no"] == case()["case_no"]


@pytest.mark.no_database
def test_english_messages_include_the_programs_own_labels_and_notes(cli):
    """With --lang en, everything the program itself says is English.

    Case data, the legal bases, the rules' own titles/messages/suggestions, period names and grade labels are
    Chinese by content and are removed before looking; what is left (severity labels, statuses, notes such as
    the missing-calendar notice) must not be Chinese.
    """
    data = case(case_no="CASE-2031-1", title="Theft case", prosecutor="Wang", received_on="2031-03-02",
                possible_sentence="life", events=[evt("returned_for_investigation", "2031-03-05")],
                evidence=[ev("E1", "suspect_statement", admits_guilt=True), ev("E2", "electronic_data")])
    path = cli.write(data)
    result = cli.run("--lang", "en", "evaluate", path, "--today", "2031-03-20", "--format", "json").json()
    text = cli.run("--lang", "en", "evaluate", path, "--today", "2031-03-20").out
    content = [result["grade"], result["checklist"]["template"]]
    for flag in result["flags"]:
        content += [flag["title"], flag["message"], flag["legal_basis"], str(flag.get("suggestion", ""))]
    for period in result["deadlines"]:
        content += [period["name"], period["legal_basis"]]
    for piece in sorted(content, key=len, reverse=True):
        text = text.replace(piece, "")
    leftover = [line for line in text.splitlines() if CJK.search(line)]
    assert leftover == [], leftover
