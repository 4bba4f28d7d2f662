"""De-identification: planted names, 案号, ID, phone and bank card numbers leave no trace in an exported pack."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import zipfile
from pathlib import Path

import pytest

from desktop_app.core.anonymise import AnonymiseError, anonymise
from desktop_app.core.case import Answer, Case, Event, Evidence, Party
from desktop_app.core.case_format import case_to_dict
from desktop_app.core.evaluation import evaluate_case
from desktop_app.services.container import Services
from desktop_app.services.sample_packs import anonymised_sample, export_anonymised, read_pack
from tests.factories import make_case

TODAY = dt.date(2026, 3, 20)
CASE_NO = "京朝检刑诉〔2026〕118号"
ARREST_NO = "京朝检刑批捕〔2026〕37号"
OTHER_NO = "沪浦检刑诉〔2025〕1208号"
SUSPECT, VICTIM, WITNESS, PROSECUTOR = "张伟明", "李秀英", "王建国", "赵承办"
SUSPECT_ID, VICTIM_ID = "110101199003074518", "32010219850612002X"
SUSPECT_PHONE, VICTIM_PHONE = "13912345678", "15800001111"
ADDRESS = "北京市朝阳区幸福路12号院3单元"
#: Not in `parties`: found by pattern alone.
LOOSE_ID, LOOSE_MOBILE, CARD_19, CARD_16 = "440301198807151234", "13698765432", "6222021234567890123", "6228480402564890"

ORIGINALS = (CASE_NO, ARREST_NO, OTHER_NO, SUSPECT, VICTIM, WITNESS, PROSECUTOR, SUSPECT_ID, VICTIM_ID,
             SUSPECT_PHONE, VICTIM_PHONE, ADDRESS, LOOSE_ID, LOOSE_MOBILE, CARD_19, CARD_16)


def planted_case() -> Case:
    """A case with the originals in every kind of field: title, facts (keys and values), evidence, events, answers."""
    base = make_case(CASE_NO)
    evidence = [
        *base.evidence,
        Evidence(id="E4", category="documentary", title=f"{SUSPECT}名下银行卡{CARD_19}交易明细",
                 source=f"{VICTIM}提供", attributes={"via_judicial_assistance": True, "permitted_use": ARREST_NO}),
        Evidence(id="E5", category="documentary", title="境外调取的转账记录",
                 attributes={"via_judicial_assistance": True, "permitted_use": OTHER_NO}),
        Evidence(id="E6", category="witness_testimony", title=f"证人{WITNESS}证言（电话 {LOOSE_MOBILE}）"),
    ]
    return dataclasses.replace(
        base,
        title=f"{SUSPECT}盗窃案",
        prosecutor=PROSECUTOR,
        related_case_nos=[ARREST_NO],
        parties=[Party("suspect", SUSPECT, SUSPECT_ID, SUSPECT_PHONE, ADDRESS),
                 Party("victim", VICTIM, VICTIM_ID, VICTIM_PHONE),
                 Party("witness", WITNESS)],
        evidence=evidence,
        events=[*base.events, Event(kind="arrest_decided", date=dt.date(2026, 2, 25), outcome="approved",
                                    note=f"{ARREST_NO}批准逮捕{SUSPECT}，联系电话{SUSPECT_PHONE}")],
        facts={"note": f"{VICTIM}（身份证号{VICTIM_ID}）报案称{SUSPECT}住{ADDRESS}；另一嫌疑人身份证{LOOSE_ID}",
               f"{WITNESS}的陈述": f"银行卡{CARD_16}，另案{OTHER_NO}"},
        answers={"PR-EV-01": Answer("fail", f"{SUSPECT}的供述与{WITNESS}证言矛盾，卡号{CARD_16}")},
    )


def _everywhere(case: Case) -> str:
    return json.dumps(case_to_dict(case), ensure_ascii=False)


def test_every_planted_original_is_replaced_consistently_and_listed() -> None:
    case = planted_case()
    assert all(original in _everywhere(case) for original in ORIGINALS)
    result = anonymise(case)
    text = _everywhere(result.case)
    assert [o for o in ORIGINALS if o in text] == []
    table = result.table()
    assert set(ORIGINALS) <= set(table), "every original is in the review list"
    kinds = {r.original: r.kind for r in result.replacements}
    assert kinds[LOOSE_ID] == "id_number" and kinds[LOOSE_MOBILE] == "phone" and kinds[CARD_19] == "bank_card"
    assert kinds[CARD_16] == "bank_card" and kinds[ARREST_NO] == "case_no" and kinds[PROSECUTOR] == "prosecutor"
    # Consistent: the same name is the same stand-in in the title, the parties, the events and the answers.
    stand_in = table[SUSPECT]
    assert result.case.title == f"{stand_in}盗窃案" and result.case.parties[0].name == stand_in
    assert stand_in in result.case.events[-1].note and stand_in in result.case.answers["PR-EV-01"].note
    assert result.case.related_case_nos == [table[ARREST_NO]]
    assert result.case.evidence[3].attributes["permitted_use"] == table[ARREST_NO]
    assert result.case.parties[0].id_number == table[SUSPECT_ID] != SUSPECT_ID
    assert len(table[SUSPECT_ID]) == 18 and len(table[CARD_19]) == 19
    counts = {r.original: r.count for r in result.replacements}
    assert counts[SUSPECT] >= 6 and counts[CARD_16] == 2
    # Codes are untouched: the hash value (hexadecimal, with digits in it) and the case type.
    assert result.case.evidence[1].attributes["hash_value"] == "ab12"


def test_the_rules_read_the_anonymised_case_exactly_as_the_original() -> None:
    from desktop_app.core.evaluation import EvaluationContext

    context = EvaluationContext.load()
    case = planted_case()
    before = evaluate_case(case, TODAY, context)
    after = evaluate_case(anonymise(case).case, TODAY, context)
    assert "EVID-MLA-USE-LIMIT" in {f.rule for f in before.flags}, "E5 is used beyond its permitted case"
    assert sorted(f.rule for f in after.flags) == sorted(f.rule for f in before.flags)
    assert [(d.rule, d.status) for d in after.deadlines] == [(d.rule, d.status) for d in before.deadlines]


def test_the_trainer_can_choose_a_replacement_but_not_one_that_leaks_or_merges() -> None:
    case = planted_case()
    result = anonymise(case, {SUSPECT: "被告人某甲"})
    assert result.case.title == "被告人某甲盗窃案"
    with pytest.raises(AnonymiseError, match="仍含有"):
        anonymise(case, {VICTIM: f"{SUSPECT}之妻"})
    with pytest.raises(AnonymiseError, match="相同"):
        anonymise(case, {VICTIM: "被告人某甲", SUSPECT: "被告人某甲"})


def test_an_exported_pack_holds_no_original_in_any_byte(services: Services, tmp_path: Path) -> None:
    case = planted_case()
    services.cases.create(services.actor, case)
    view = services.inspections.open(services.actor, CASE_NO, "self")
    services.inspections.answer(services.actor, view.info.id, "PR-EV-01", "fail",
                                f"{SUSPECT}供述与{WITNESS}证言矛盾，{VICTIM_PHONE}")
    sample = anonymised_sample(services, CASE_NO, name="practice.planted", today=TODAY)
    assert sample.key.items["PR-EV-01"].expected == "fail", "the key is drafted from the work done on the case"
    assert sample.key.case_no == sample.anonymised.case.case_no
    pack = tmp_path / "planted.zip"
    export_anonymised(services, sample, pack)

    raw = pack.read_bytes()
    with zipfile.ZipFile(pack) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    assert set(members) == {"manifest.json", "samples/practice.planted.json", "samples/practice.planted.key.json"}
    blobs = [raw, *members.values()]
    for original in ORIGINALS:
        for form in (original.encode("utf-8"), json.dumps(original).strip('"').encode("ascii"),
                     original.encode("utf-16-le")):
            assert not any(form in blob for blob in blobs), f"{original} is still in the pack"
    # The pack reads back as a valid sample whose key explains the same item with the stand-in name.
    [(read, _, _)], _verified, _key = read_pack(pack, unverified=True)
    assert read.case.case_no == sample.anonymised.case.case_no
    assert sample.anonymised.table()[SUSPECT] in read.key.items["PR-EV-01"].explanation
