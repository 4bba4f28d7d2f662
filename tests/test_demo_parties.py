"""The demo's cases name their parties (case-format `parties`), with identifiers of the real shape, so a trainer who
turns a demo case into a sample sees the de-identification work on names, ID numbers, phones and addresses."""

from __future__ import annotations

import datetime as dt
import json

from desktop_app.core.anonymise import anonymise
from desktop_app.core.case_format import case_to_dict
from desktop_app.core.case_register import CASE_TYPES
from desktop_app.core.demo import citizen_id, generate_cases

TODAY = dt.date(2026, 3, 20)
CASES = list(generate_cases(600, seed=3, today=TODAY))


def _valid_check_digit(number: str) -> bool:
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    return "10X98765432"[sum(int(d) * w for d, w in zip(number[:17], weights, strict=True)) % 11] == number[17]


def test_a_known_id_number_gets_its_published_check_digit() -> None:
    # The example of GB 11643-1999: 11010519491231002X.
    assert citizen_id("110105", dt.date(1949, 12, 31), 2) == "11010519491231002X"


def test_every_case_type_names_parties_that_appear_in_its_text() -> None:
    assert {c.case_type for c in CASES if c.parties} == set(CASE_TYPES)
    for case in CASES:
        assert case.parties, case.case_no
        text = json.dumps({k: v for k, v in case_to_dict(case).items() if k != "parties"}, ensure_ascii=False)
        for party in case.parties:
            assert party.name in text, (case.case_no, party)


def test_every_demo_office_numbers_its_people_with_its_own_province_prefix() -> None:
    from desktop_app.core.demo import PROCURATORATES, PROVINCE_CODES

    assert {office.code[0] for office in PROCURATORATES} <= set(PROVINCE_CODES)


def test_people_have_a_valid_id_number_a_mobile_and_an_age_that_fits_the_case() -> None:
    people = [(c, p) for c in CASES for p in c.parties if p.id_number]
    assert len(people) > len(CASES)
    for case, party in people:
        assert len(party.id_number) == 18 and _valid_check_digit(party.id_number), party
        assert len(party.phone) == 11 and party.phone.startswith("1"), party
        born = dt.date(int(party.id_number[6:10]), int(party.id_number[10:12]), int(party.id_number[12:14]))
        age = (case.received_on - born).days / 365.25
        if party.role == "suspect" and case.suspect_minor:
            assert 14 <= age < 18, (case.case_no, party)
        else:
            assert 18 <= age <= 71, (case.case_no, party)


def test_de_identifying_a_demo_case_leaves_none_of_its_parties_identifiers() -> None:
    for case in CASES[:120]:
        result = anonymise(case)
        out = json.dumps(case_to_dict(result.case), ensure_ascii=False)
        for party in case.parties:
            for value in (party.name, party.id_number, party.phone, party.address):
                if len(value) >= 2:
                    assert value not in out, (case.case_no, value)


def test_the_same_seed_gives_the_same_parties() -> None:
    again = list(generate_cases(50, seed=3, today=TODAY))
    assert [c.parties for c in again] == [c.parties for c in CASES[:50]]
