"""The six built-in 民事 / 行政 / 公益诉讼 checklists: loadable, broad enough to inspect a case, and honest about
which legal bases are confirmed.

`verified: true` promises the reviewer that every article an item cites was read: in the statute library, or, for an
instrument the library lacks, where the item's `source` says. A rule cited by chapter only can never be verified.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache

import pytest

from desktop_app.core.case import Case, Event
from desktop_app.core.checklist_model import ITEM_SEVERITIES, PROBLEM_HEADINGS, ChecklistItem, ChecklistTemplate
from desktop_app.core.checklists import item_states, load_template_file
from desktop_app.core.datafile import resources_dir
from desktop_app.core.laws import default_library, parse_basis

PREFIXES = {
    "civil.judgment_supervision": "CJ",
    "civil.enforcement_termination": "EN",
    "administrative.litigation_supervision": "AL",
    "administrative.reverse_referral": "RR",
    "public_interest.civil": "PC",
    "public_interest.administrative": "PA",
}
HEADING_CODES = dict(zip(PROBLEM_HEADINGS, ("EV", "FA", "LA", "PR", "DO", "RE", "EF", "RS", "SY"), strict=True))
DEDUCTION_RANGES = {"瑕疵": (1, 2), "一般错误": (3, 5), "严重错误": (8, 15)}

CITATION = re.compile(r"《([^》]+)》([^《]*)")
ARTICLE = re.compile(r"第(\d+)条")


@cache
def template(case_type: str) -> ChecklistTemplate:
    return load_template_file(resources_dir() / "checklists" / f"{case_type}.yaml")


def citations(basis: str) -> list[tuple[str, list[int]]]:
    """Each instrument named in 《》 with the article numbers cited right after it (none for a chapter citation)."""
    return [(m.group(1), [int(n) for n in ARTICLE.findall(m.group(2))]) for m in CITATION.finditer(basis)]


def checkable(item: ChecklistItem) -> bool:
    """Every cited instrument names articles, and each is in the statute library or the item says where it was read."""
    library = default_library()
    cited = parse_basis(item.legal_basis)
    return bool(cited) and all(
        c.article is not None and (library.instrument(c.instrument) is not None or bool(item.source)) for c in cited
    )


def make_case(case_type: str, **kwargs: object) -> Case:
    return Case(
        case_no="测检〔2026〕1号",
        title="测试案件",
        case_type=case_type,
        prosecutor="李检察官",
        received_on=dt.date(2026, 1, 5),
        **kwargs,  # type: ignore[arg-type]
    )


def applicable_ids(case: Case) -> set[str]:
    return {state.item.id for state in item_states(template(case.case_type), case, {}) if state.applicable}


@pytest.mark.parametrize("case_type", PREFIXES)
def test_template_loads_and_is_broad_enough_to_inspect_a_case(case_type: str) -> None:
    tpl = template(case_type)
    assert tpl.id == case_type
    assert len(tpl.items) >= 18
    assert len({item.heading for item in tpl.items}) >= 4


@pytest.mark.parametrize("case_type", PREFIXES)
def test_item_ids_name_the_case_type_and_heading(case_type: str) -> None:
    for item in template(case_type).items:
        assert re.fullmatch(rf"{PREFIXES[case_type]}-{HEADING_CODES[item.heading]}-\d\d", item.id), item.id


@pytest.mark.parametrize("case_type", PREFIXES)
def test_every_item_cites_a_named_instrument_with_guidance(case_type: str) -> None:
    for item in template(case_type).items:
        assert citations(item.legal_basis), f"{item.id}: basis names no instrument in 《》"
        assert item.question.endswith("？"), item.id
        assert item.guidance.strip(), item.id


@pytest.mark.parametrize("case_type", PREFIXES)
def test_a_verified_item_cites_only_articles_that_could_be_read(case_type: str) -> None:
    for item in template(case_type).items:
        if item.verified:
            assert checkable(item), (item.id, item.legal_basis)


@pytest.mark.parametrize("case_type", PREFIXES)
def test_deductions_fit_their_severity_and_vetoes_are_serious(case_type: str) -> None:
    for item in template(case_type).items:
        assert item.severity in ITEM_SEVERITIES
        low, high = DEDUCTION_RANGES[item.severity]
        assert low <= item.deduction <= high, item.id
        if item.veto:
            assert item.severity == "严重错误", item.id


@pytest.mark.parametrize("case_type", PREFIXES)
def test_some_items_apply_only_to_some_cases(case_type: str) -> None:
    assert any(item.applies_when is not None for item in template(case_type).items)


def test_termination_without_any_property_investigation_fails_the_case() -> None:
    item = template("civil.enforcement_termination").item("EN-PR-03")
    assert item is not None and item.veto and item.verified


def test_post_termination_queries_are_asked_only_once_termination_was_ruled() -> None:
    filed = make_case("civil.enforcement_termination", events=[Event("execution_filed", dt.date(2025, 1, 6))])
    ruled = make_case(
        "civil.enforcement_termination",
        events=[Event("execution_filed", dt.date(2025, 1, 6)), Event("termination_ruled", dt.date(2025, 5, 6))],
    )
    assert "EN-PR-09" not in applicable_ids(filed)
    assert "EN-PR-09" in applicable_ids(ruled)


def test_punitive_damages_items_follow_the_law_claimed() -> None:
    food = applicable_ids(make_case("public_interest.civil", facts={"damages_law": "food_safety_148"}))
    fraud = applicable_ids(make_case("public_interest.civil", facts={"damages_law": "consumer_55_1"}))
    none = applicable_ids(make_case("public_interest.civil"))
    assert {"PC-LA-02", "PC-LA-03"} <= food and "PC-LA-04" not in food
    assert "PC-LA-04" in fraud and "PC-LA-03" not in fraud
    assert not {"PC-EV-04", "PC-LA-02", "PC-LA-03", "PC-LA-04", "PC-LA-05"} & none
    assert "PC-PR-02" in none


def test_referral_items_apply_when_a_penalty_is_needed_and_approval_when_self_investigated() -> None:
    needed = applicable_ids(
        make_case(
            "administrative.reverse_referral",
            investigated_by="procuratorate",
            facts={"administrative_penalty_needed": True},
        )
    )
    not_needed = applicable_ids(make_case("administrative.reverse_referral", investigated_by="public_security"))
    assert {"RR-LA-01", "RR-PR-02", "RR-PR-03"} <= needed
    assert not {"RR-LA-01", "RR-PR-02", "RR-PR-03"} & not_needed
    assert "RR-PR-05" in not_needed
