"""The rule book as shipped: every mandatory rule with its catalog basis, and a pack loader that names mistakes."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest

from desktop_app.core.case import Case, Event, Evidence
from desktop_app.core.checklist_model import PROBLEM_HEADINGS
from desktop_app.core.datafile import DataFileError, resources_dir
from desktop_app.core.rules import RuleBook, RuleDef, evaluate_rules, load_rulebook

CPL = "《中华人民共和国刑事诉讼法》"
RULES = "《人民检察院刑事诉讼规则》"
HF = "《最高人民法院关于适用〈中华人民共和国刑事诉讼法〉的解释》"
EDATA = "《最高人民法院、最高人民检察院、公安部关于办理刑事案件收集提取和审查判断电子数据若干问题的规定》"
DEFAMATION = "《最高人民法院、最高人民检察院关于办理利用信息网络实施诽谤等刑事案件适用法律若干问题的解释》"
TERMINATION = "《最高人民法院关于严格规范终结本次执行程序的规定（试行）》"
PIL = "《最高人民法院、最高人民检察院关于检察公益诉讼案件适用法律若干问题的解释》"

#: rules-catalog.md "Flags": id -> (severity, every instrument + article the basis must cite).
MANDATORY: dict[str, tuple[str, list[str]]] = {
    "PROC-SUPPLEMENTARY-ROUNDS": ("critical", [f"{CPL}第175条第3款"]),
    "PROC-FAST-TRACK-INELIGIBLE": ("major", [f"{CPL}第222条", f"{RULES}第438条"]),
    "EVID-CONFESSION-ONLY": ("critical", [f"{CPL}第55条第1款"]),
    "EVID-ZERO-CONFESSION": ("info", [f"{CPL}第55条", f"{HF}第140条"]),
    "EVID-RECORDING-MISSING": ("critical", [f"{CPL}第123条", f"{RULES}第190条"]),
    "EVID-RECORDING-UNKNOWN": ("major", [f"{CPL}第123条", f"{RULES}第190条"]),
    "EVID-INTERROGATION-PLACE": ("major", [f"{CPL}第118条第2款"]),
    "EVID-EDATA-NO-HASH": ("major", [f"{EDATA}第14条", f"{HF}第111条"]),
    "EVID-EDATA-HASH-MISMATCH": ("critical", [f"{HF}第111条、第114条"]),
    "EVID-WITNESS-MISSING": ("major", [f"{EDATA}第15条", f"{HF}第80条"]),
    "EVID-WITNESS-DISQUALIFIED": ("major", [f"{HF}第80条"]),
    "EVID-MLA-USE-LIMIT": ("major", [f"{HF}第77条第1款", "《中华人民共和国国际刑事司法协助法》第11条第2款"]),
    "DEF-THRESHOLD-NOT-MET": ("major", [f"{DEFAMATION}第2条、第4条", "《中华人民共和国刑法》第99条"]),
    "DEF-PUBLIC-PROSECUTION-BASIS": ("major", ["《中华人民共和国刑法》第246条", f"{DEFAMATION}第3条"]),
    "ENF-TERMINATION-TOO-EARLY": ("major", [f"{TERMINATION}第1条"]),
    "ENF-NO-APPLICANT-INTERVIEW": (
        "major",
        [f"{TERMINATION}第4条", "《最高人民法院关于适用〈中华人民共和国民事诉讼法〉的解释》第517条"],
    ),
    "ENF-PROPERTY-QUERY-MISSED": ("major", [f"{TERMINATION}第9条"]),
    "REF-NO-PROCURATORIAL-OPINION": ("major", [f"{CPL}第177条第3款", f"{RULES}第373条"]),
    "REF-SEIZURE-NOT-LIFTED": ("major", [f"{CPL}第177条第3款", f"{RULES}第374条"]),
    "PIL-NO-PUBLIC-NOTICE": ("major", [f"{PIL}第13条"]),
    "PIL-SUIT-BEFORE-NOTICE-END": ("major", [f"{PIL}第13条"]),
    "PIL-NO-PRE-SUIT-SUGGESTION": ("major", ["《中华人民共和国行政诉讼法》第25条第4款", f"{PIL}第21条"]),
    "DMG-CLAIM-EXCEEDS-CAP": (
        "major",
        ["《中华人民共和国食品安全法》第148条第2款", "《中华人民共和国消费者权益保护法》第55条"],
    ),
}

#: Mandatory rules the catalog limits to criminal cases; every other mandatory rule applies to all types
#: except DMG-CLAIM-EXCEEDS-CAP, which names `public_interest.civil`.
CRIMINAL_ONLY = {
    "EVID-CONFESSION-ONLY",
    "EVID-ZERO-CONFESSION",
    "EVID-RECORDING-MISSING",
    "EVID-RECORDING-UNKNOWN",
    "DEF-PUBLIC-PROSECUTION-BASIS",
}
#: Mandatory rules the catalog limits to one case type.
ONE_CASE_TYPE = {
    "DMG-CLAIM-EXCEEDS-CAP": "public_interest.civil",
    "PIL-NO-PUBLIC-NOTICE": "public_interest.civil",
    "PIL-SUIT-BEFORE-NOTICE-END": "public_interest.civil",
    "PIL-NO-PRE-SUIT-SUGGESTION": "public_interest.administrative",
}


@pytest.fixture(scope="module")
def rulebook() -> RuleBook:
    return load_rulebook()


@pytest.mark.parametrize("rule_id", sorted(MANDATORY))
def test_mandatory_rule_has_catalog_severity_and_basis(rulebook: RuleBook, rule_id: str) -> None:
    rule = rulebook.get(rule_id)
    assert rule is not None, rule_id
    severity, bases = MANDATORY[rule_id]
    assert rule.severity == severity
    for basis in bases:
        assert basis in rule.legal_basis, (rule_id, basis, rule.legal_basis)


@pytest.mark.parametrize("rule_id", sorted(MANDATORY))
def test_mandatory_rule_applies_to_the_case_types_the_catalog_names(rulebook: RuleBook, rule_id: str) -> None:
    rule = rulebook.get(rule_id)
    assert rule is not None
    if rule_id in CRIMINAL_ONLY:
        assert rule.applies_to("criminal.arrest_review") and rule.applies_to("criminal.prosecution_review")
        assert not rule.applies_to("civil.enforcement_termination")
    elif rule_id in ONE_CASE_TYPE:
        assert rule.case_types == (ONE_CASE_TYPE[rule_id],)
    else:
        assert all(rule.applies_to(code) for code in ("civil.judgment_supervision", "foreign.judicial_assistance"))


def test_every_rule_cites_a_full_instrument_and_article(rulebook: RuleBook) -> None:
    for rule in rulebook.rules:
        assert re.search(r"《[^》]+》第\d+条", rule.legal_basis), rule.id
        assert rule.title and rule.message and rule.suggestion, rule.id
        assert rule.heading in PROBLEM_HEADINGS, rule.id


SHORT_NAMES = (
    "《规则》",
    "《刑诉法解释》",
    "《终本规定》",
    "《诽谤解释》",
    "《电子数据规定》",
    "《刑事诉讼法》",
    "《刑法》",
)


def test_no_rule_cites_an_abbreviated_instrument(rulebook: RuleBook) -> None:
    for rule in rulebook.rules:
        for short in SHORT_NAMES:
            assert short not in rule.legal_basis, rule.id


def test_unconfirmed_bases_are_marked_unverified(rulebook: RuleBook) -> None:
    interview = rulebook.get("ENF-NO-APPLICANT-INTERVIEW")
    assert interview is not None and interview.verified is False and interview.confidence == "PARTIAL"
    for rule in rulebook.rules:
        if rule.confidence not in ("CONFIRMED-T", "CONFIRMED-S"):
            assert rule.verified is False, rule.id


def test_rule_book_has_at_least_fifteen_rules_beyond_the_catalog(rulebook: RuleBook) -> None:
    extra = [r.id for r in rulebook.rules if r.id not in MANDATORY]
    assert len(extra) >= 15
    assert all(re.match(r"^(EVID|PROC|ARR|NP|ENF|MLA|REF|DEF|DMG|PIL|CHRON|SENT)-", rule_id) for rule_id in extra)


def test_period_rules_are_not_defined_here(rulebook: RuleBook) -> None:
    assert not [r.id for r in rulebook.rules if r.id.startswith("DL-")]


def test_rule_ids_are_unique(rulebook: RuleBook) -> None:
    ids = [r.id for r in rulebook.rules]
    assert len(ids) == len(set(ids))
    assert isinstance(rulebook.get("EVID-EDATA-NO-HASH"), RuleDef)
    assert rulebook.get("NO-SUCH-RULE") is None


# --- evaluation: order, one flag per rule, wording taken from the pack -------------------------------------------

TODAY = dt.date(2026, 3, 20)


def _case(case_type: str = "criminal.prosecution_review", **fields: object) -> Case:
    return Case(
        case_no="京朝检刑诉〔2026〕1号",
        title="张某某盗窃案",
        case_type=case_type,
        prosecutor="李检察官",
        received_on=dt.date(2026, 3, 2),
        **fields,  # type: ignore[arg-type]
    )


def test_flags_are_sorted_critical_first_then_by_rule_id(rulebook: RuleBook) -> None:
    case = _case(
        evidence=[
            Evidence("S1", "suspect_statement", attributes={"admits_guilt": True}),
            Evidence(
                "E1",
                "electronic_data",
                attributes={"hash_value": "AA", "hash_recomputed": "BB", "witness_role": "police"},
            ),
            Evidence("E2", "electronic_data"),
        ],
        events=[Event("returned_for_investigation", dt.date(2026, 1, d)) for d in (5, 10, 15)],
    )
    flags, _ = evaluate_rules(case, TODAY, rulebook)
    order = {"critical": 0, "major": 1, "minor": 2, "info": 3}
    assert flags == sorted(flags, key=lambda f: (order[f.severity], f.rule))
    ids = [f.rule for f in flags]
    assert ids[:2] == ["EVID-EDATA-HASH-MISMATCH", "PROC-SUPPLEMENTARY-ROUNDS"]
    assert {"EVID-EDATA-NO-HASH", "EVID-WITNESS-DISQUALIFIED"} <= set(ids)
    assert len(ids) == len(set(ids))


def test_one_flag_per_rule_lists_every_triggering_item(rulebook: RuleBook) -> None:
    case = _case(
        evidence=[Evidence(f"E{i}", "electronic_data") for i in range(1, 4)]
        + [Evidence("E9", "electronic_data", attributes={"hash_value": "ab12"})]
    )
    flags, _ = evaluate_rules(case, TODAY, rulebook)
    no_hash = [f for f in flags if f.rule == "EVID-EDATA-NO-HASH"]
    assert len(no_hash) == 1
    assert no_hash[0].evidence_ids == ("E1", "E2", "E3")
    assert "E1、E2、E3" in no_hash[0].message
    rule = rulebook.get("EVID-EDATA-NO-HASH")
    assert rule is not None and no_hash[0].legal_basis == rule.legal_basis
    assert no_hash[0].verified is True and no_hash[0].suggestion == rule.suggestion


def test_criminal_only_rule_does_not_fire_on_a_civil_case(rulebook: RuleBook) -> None:
    evidence = [Evidence("S1", "suspect_statement", attributes={"admits_guilt": True})]
    criminal, _ = evaluate_rules(_case(evidence=evidence), TODAY, rulebook)
    civil, _ = evaluate_rules(_case("civil.judgment_supervision", evidence=evidence), TODAY, rulebook)
    assert "EVID-CONFESSION-ONLY" in {f.rule for f in criminal}
    assert "EVID-CONFESSION-ONLY" not in {f.rule for f in civil}


# --- pack validation ---------------------------------------------------------------------------------------------

SHIPPED = resources_dir() / "rules"


@pytest.fixture()
def packs(tmp_path: Path) -> Path:
    target = tmp_path / "rules"
    shutil.copytree(SHIPPED, target)
    return target


def _edit(path: Path, old: str, new: str) -> int:
    """Replace `old` once in the file; return the line (1-based) where it was."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    line = text[: text.index(old)].count("\n") + 1
    path.write_text(text.replace(old, new), encoding="utf-8")
    return line


def _load_error(directory: Path) -> DataFileError:
    with pytest.raises(DataFileError) as info:
        load_rulebook(directory)
    return info.value


def test_shipped_packs_load_from_an_explicit_directory(packs: Path) -> None:
    assert [r.id for r in load_rulebook(packs).rules] == [r.id for r in load_rulebook().rules]


def test_unknown_severity_names_file_line_and_field(packs: Path) -> None:
    line = _edit(packs / "damages.yaml", "severity: major", "severity: grave")
    error = _load_error(packs)
    assert Path(error.file).name == "damages.yaml"
    assert (error.line, error.field) == (line, "rules[0].severity")
    assert str(error).startswith(f"{error.file}:{line}: rules[0].severity: ")
    assert "grave" in error.message


def test_unknown_case_type_names_the_entry(packs: Path) -> None:
    line = _edit(packs / "damages.yaml", "case_types: [public_interest.civil]", "case_types: [public_interest.cvil]")
    error = _load_error(packs)
    assert Path(error.file).name == "damages.yaml"
    assert (error.line, error.field) == (line, "rules[0].case_types[0]")


def test_unknown_placeholder_is_refused(packs: Path) -> None:
    line = _edit(packs / "damages.yaml", "{cap} 元", "{ceiling} 元")
    error = _load_error(packs)
    assert (Path(error.file).name, error.line, error.field) == ("damages.yaml", line, "rules[0].message")
    assert "ceiling" in error.message


def test_rule_without_predicate_is_refused(packs: Path) -> None:
    line = _edit(packs / "damages.yaml", "id: DMG-CLAIM-EXCEEDS-CAP", "id: DMG-CLAIM-TOO-HIGH")
    error = _load_error(packs)
    assert (Path(error.file).name, error.line, error.field) == ("damages.yaml", line, "rules[0].id")
    assert "DMG-CLAIM-TOO-HIGH" in error.message


def test_predicate_without_rule_is_refused(packs: Path) -> None:
    (packs / "damages.yaml").unlink()
    error = _load_error(packs)
    assert error.field == "rules"
    assert "DMG-CLAIM-EXCEEDS-CAP" in error.message


def test_duplicate_rule_id_is_refused_naming_both_places(packs: Path) -> None:
    damages = (packs / "damages.yaml").read_text(encoding="utf-8")
    (packs / "zz_copy.yaml").write_text(damages, encoding="utf-8")
    error = _load_error(packs)
    assert Path(error.file).name == "zz_copy.yaml"
    assert error.field == "rules[0].id"
    assert "damages.yaml" in error.message


def test_verified_true_needs_a_confirmed_basis(packs: Path) -> None:
    line = _edit(packs / "damages.yaml", "confidence: CONFIRMED-T", "confidence: PARTIAL")
    error = _load_error(packs)
    assert error.field == "rules[0].verified"
    assert error.line == line - 1


def test_abbreviated_basis_is_refused(packs: Path) -> None:
    old = "legal_basis: 《中华人民共和国食品安全法》第148条第2款；《中华人民共和国消费者权益保护法》第55条；《中华人民共和国药品管理法》第144条第3款"
    line = _edit(packs / "damages.yaml", old, "legal_basis: 食品安全法 第148条")
    error = _load_error(packs)
    assert (error.line, error.field) == (line, "rules[0].legal_basis")


def test_missing_field_is_refused(packs: Path) -> None:
    _edit(packs / "damages.yaml", "    heading: 法律适用\n", "")
    error = _load_error(packs)
    assert error.field == "rules[0]"
    assert "heading" in error.message


def test_a_trainer_can_reword_a_rule_in_the_pack(packs: Path) -> None:
    _edit(packs / "damages.yaml", "message: 主张的惩罚性赔偿金额", "message: 请求金额过高：主张")
    rulebook = load_rulebook(packs)
    case = _case(
        "public_interest.civil", facts={"damages_law": "consumer_55_1", "price_paid": 100, "claimed_amount": 600}
    )
    flags, _ = evaluate_rules(case, TODAY, rulebook)
    assert [f.message for f in flags] == ["请求金额过高：主张 600 元，超过依法计算的上限 500 元。"]
