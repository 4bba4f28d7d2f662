"""The case fields added by the revised format: `related_case_nos`, `parties`, and the optional and new keys of
`defamation_posts`. Files without them stay valid and export as before; files with them round-trip exactly, through
the format and through the database (migration 0010)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from desktop_app.core.case import EVENT_KINDS, Party
from desktop_app.core.case_format import CaseFormatError, case_from_dict, case_to_dict, party_to_dict
from desktop_app.core.datafile import resources_dir
from desktop_app.services.cases import CaseQuery

BASE: dict[str, Any] = {
    "format": "casecheck.case/1", "case_no": "京朝检刑诉〔2024〕3号", "title": "张某某盗窃案",
    "case_type": "criminal.prosecution_review", "prosecutor": "李检察官", "received_on": "2024-03-01",
}
WITH_NEW_FIELDS: dict[str, Any] = {
    **BASE,
    "related_case_nos": ["京朝检刑捕〔2024〕1号", "京朝公刑〔2024〕88号"],
    "parties": [
        {"role": "suspect", "name": "张某某", "id_number": "110105199001011234", "address": "北京市朝阳区"},
        {"role": "agency", "name": "北京市公安局朝阳分局", "phone": "010-12345678", "contact_person": "王某"},
    ],
    "facts": {"defamation_posts": [
        {"views": 10, "forwards": 1},
        {"posted_on": "2024-02-01", "views": 20, "forwards": 0, "platform": "微信", "closed_group": True,
         "group_members": 300, "unique_visitors": None},
    ]},
}


def test_new_event_kinds_have_chinese_labels() -> None:
    kinds = ("preliminary_detention", "detention_decision_extended", "coercive_measure_decided",
             "psychiatric_evaluation_started", "psychiatric_evaluation_ended", "detention_necessity_suggested",
             "detention_necessity_replied", "supervision_decided", "suggestion_served", "suggestion_replied",
             "public_notice_issued", "lawsuit_filed", "property_clue_provided", "property_clue_checked",
             "defense_right_notified", "victim_rights_notified", "funds_received", "funds_paid",
             "referral_transferred", "referral_reviewed")
    for kind in kinds:
        assert kind in EVENT_KINDS and any("\u4e00" <= ch <= "\u9fff" for ch in EVENT_KINDS[kind]), kind


def test_new_fields_are_read_and_written_back_exactly() -> None:
    case = case_from_dict(WITH_NEW_FIELDS, "x.json")
    assert case.related_case_nos == WITH_NEW_FIELDS["related_case_nos"]
    assert [(p.role, p.name, p.role_label) for p in case.parties] == [
        ("suspect", "张某某", "犯罪嫌疑人"), ("agency", "北京市公安局朝阳分局", "有关机关")]
    assert case.parties[1].extra == {"contact_person": "王某"}
    assert case_to_dict(case) == WITH_NEW_FIELDS


def test_a_file_without_the_new_fields_exports_without_them() -> None:
    exported = case_to_dict(case_from_dict(BASE))
    assert exported == BASE
    every_sample = [p for p in (resources_dir() / "samples").glob("*.json") if not p.name.endswith(".key.json")]
    for path in every_sample:
        data = json.loads(path.read_text(encoding="utf-8"))
        assert case_to_dict(case_from_dict(data, path.name)) == data, path.name


def test_a_party_made_in_the_program_is_written_in_full() -> None:
    assert party_to_dict(Party(role="victim", name="李某")) == {
        "role": "victim", "name": "李某", "id_number": "", "phone": "", "address": ""}


def _problems(data: dict[str, Any]) -> list[str]:
    with pytest.raises(CaseFormatError) as caught:
        case_from_dict(data, "bad.json")
    return caught.value.problems


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        ({"related_case_nos": [1]}, "related_case_nos[0]"),
        ({"related_case_nos": {"a": 1}}, "related_case_nos"),
        ({"parties": [{"role": "suspect", "name": " "}]}, "parties[0].name"),
        ({"parties": [{"role": None, "name": "张某"}]}, "parties[0].role"),
        ({"parties": [{"role": "suspect", "name": "张某", "id_number": 110}]}, "parties[0].id_number"),
        ({"parties": ["张某"]}, "parties[0]"),
        ({"facts": {"defamation_posts": [{"platform": 3}]}}, "facts.defamation_posts[0].platform"),
        ({"facts": {"defamation_posts": [{"group_members": 1.5}]}}, "facts.defamation_posts[0].group_members"),
        ({"facts": {"damages_law": "drug_145"}}, "facts.damages_law"),
    ],
)
def test_bad_values_name_the_field(extra: dict[str, Any], field: str) -> None:
    problems = _problems({**BASE, **extra})
    assert any(p.startswith(f"bad.json: {field}: ") for p in problems), problems


def test_drug_144_and_undated_posts_are_accepted() -> None:
    case = case_from_dict({**BASE, "facts": {"damages_law": "drug_144", "defamation_posts": [{"views": 3}]}})
    assert case.facts["damages_law"] == "drug_144"


def test_database_round_trip_keeps_new_fields(services, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    source = tmp_path / "in.json"
    source.write_text(json.dumps(WITH_NEW_FIELDS, ensure_ascii=False), encoding="utf-8")
    assert services.cases.import_files(services.actor, [source]) == 1
    stored = services.cases.get(WITH_NEW_FIELDS["case_no"])
    assert stored.related_case_nos == WITH_NEW_FIELDS["related_case_nos"] and len(stored.parties) == 2
    [path] = services.cases.export_files(CaseQuery(), tmp_path / "out")
    assert json.loads(path.read_text(encoding="utf-8")) == WITH_NEW_FIELDS


def test_rows_stored_before_the_new_columns_read_as_empty(services, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    source = tmp_path / "in.json"
    source.write_text(json.dumps(BASE, ensure_ascii=False), encoding="utf-8")
    services.cases.import_files(services.actor, [source])
    with services.database.engine.begin() as conn:  # what an upgraded database holds for an older row
        conn.execute(text("UPDATE cases SET related_case_nos = NULL, parties = NULL"))
    case = services.cases.get(BASE["case_no"])
    assert (case.related_case_nos, case.parties) == ([], [])
    assert case.received_on == dt.date(2024, 3, 1)
