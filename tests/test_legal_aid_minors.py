"""PROC-LEGAL-AID-NOT-NOTIFIED covers minors (刑诉法 第278条; 法律援助法 第25条第1款第1项), not only 第35条's cases."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from desktop_app.core.case import Case
from desktop_app.core.results import Flag
from desktop_app.core.rules import evaluate_rules, load_rulebook

RULEBOOK = load_rulebook()


def flag_for(**fields: Any) -> Flag | None:
    case = Case(case_no="京朝检刑诉〔2026〕41号", title="李某盗窃案", case_type="criminal.prosecution_review",
                prosecutor="周某", received_on=dt.date(2026, 1, 5), possible_sentence="1_to_3y", **fields)
    flags, _ = evaluate_rules(case, dt.date(2026, 2, 1), RULEBOOK)
    return next((f for f in flags if f.rule == "PROC-LEGAL-AID-NOT-NOTIFIED"), None)


def test_a_minor_without_a_defender_and_no_notice_is_flagged_with_the_minors_basis() -> None:
    flag = flag_for(suspect_minor=True, facts={"has_defender": False})
    assert flag is not None and "未成年人" in flag.message
    assert "第278条" in flag.legal_basis and "《中华人民共和国法律援助法》第25条第1款" in flag.legal_basis


@pytest.mark.parametrize("facts", [{"has_defender": True}, {"has_defender": False, "legal_aid_notified": True}, {}])
def test_a_minor_with_a_defender_or_a_notice_or_no_record_is_not_flagged(facts: dict[str, bool]) -> None:
    assert flag_for(suspect_minor=True, facts=facts) is None


def test_an_adult_with_a_short_likely_sentence_is_not_flagged() -> None:
    assert flag_for(facts={"has_defender": False}) is None
