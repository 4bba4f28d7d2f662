"""Every legal basis of every checklist item, rule and period, checked against the shipped statute texts.

A cited article, 款 or 项 that the instrument does not have is a wrong citation; a `verified: true` basis naming an
instrument the library does not hold must say in `source` where the article was read.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from desktop_app.core.checklists import load_builtin_templates, parse_template_data
from desktop_app.core.datafile import DataFileError, resources_dir
from desktop_app.core.laws import Citation, LawLibrary, chinese_number, default_library, excerpts_text, parse_basis
from desktop_app.core.rules.pack import load_rulebook

RESOURCES = resources_dir()


@dataclass(frozen=True)
class Basis:
    where: str
    basis: str
    verified: bool
    source: str


def _all_bases() -> list[Basis]:
    bases = [
        Basis(f"checklist {template.id} {item.id}", item.legal_basis, item.verified, item.source)
        for template in load_builtin_templates().values()
        for item in template.items
    ]
    bases += [Basis(f"rule {r.id}", r.legal_basis, r.verified, r.source) for r in load_rulebook().rules]
    periods = yaml.safe_load((RESOURCES / "deadlines" / "periods.yaml").read_text(encoding="utf-8"))["periods"]
    bases += [
        Basis(f"period {p['id']}", str(p.get("legal_basis", "")), p.get("verified") is True, str(p.get("source", "")))
        for p in periods
    ]
    return bases


BASES = _all_bases()


def test_every_cited_article_paragraph_and_item_exists_in_the_library() -> None:
    library = default_library()
    wrong = [
        f"{basis.where}: {problem}"
        for basis in BASES
        for citation in parse_basis(basis.basis)
        if (problem := library.check(citation))
    ]
    assert wrong == []


def test_verified_basis_outside_the_library_says_where_it_was_read() -> None:
    library = default_library()
    unsourced = [
        f"{basis.where}: 《{citation.instrument}》"
        for basis in BASES
        if basis.verified and not basis.source
        for citation in parse_basis(basis.basis)
        if library.instrument(citation.instrument) is None
    ]
    assert unsourced == []


def test_verified_basis_cites_articles_not_only_chapters() -> None:
    """A chapter or "条文序号待核" cannot have been checked: such a basis stays `verified: false`."""
    vague = [
        f"{basis.where}: {citation}"
        for basis in BASES
        if basis.verified
        for citation in parse_basis(basis.basis)
        if citation.article is None
    ]
    assert vague == []


def test_every_basis_names_an_instrument() -> None:
    assert [b.where for b in BASES if not parse_basis(b.basis)] == []


# --- the parser ------------------------------------------------------------------------------------------------


def _short(citations: list[Citation]) -> list[tuple[int | None, int, int | None, int | None]]:
    return [(c.article, c.suffix, c.paragraph, c.item) for c in citations]


@pytest.mark.parametrize(
    ("basis", "expected"),
    [
        ("《中华人民共和国刑事诉讼法》第172条", [(172, 0, None, None)]),
        ("《中华人民共和国刑事诉讼法》第35条第2款、第3款", [(35, 0, 2, None), (35, 0, 3, None)]),
        ("《中华人民共和国行政诉讼法》第91条第6项、第7项、第8项", [(91, 0, None, 6), (91, 0, None, 7), (91, 0, None, 8)]),
        ("《中华人民共和国国际刑事司法协助法》第13条第1款第4项、第5项", [(13, 0, 1, 4), (13, 0, 1, 5)]),
        ("《人民检察院刑事诉讼规则》第330条第11项、第579条", [(330, 0, None, 11), (579, 0, None, None)]),
        ("《人民检察院刑事诉讼规则》第129条至第131条", [(129, 0, None, None), (130, 0, None, None), (131, 0, None, None)]),
        ("《人民检察院刑事诉讼规则》第129–130条", [(129, 0, None, None), (130, 0, None, None)]),
        ("《中华人民共和国刑法》第一百二十条之一第二款", [(120, 1, 2, None)]),
    ],
)
def test_parse_basis_reads_articles_paragraphs_items_and_ranges(basis: str, expected: list[tuple]) -> None:
    assert _short(parse_basis(basis)) == expected


def test_parse_basis_keeps_each_instrument_and_nested_title_marks() -> None:
    citations = parse_basis(
        "《最高人民法院关于适用〈中华人民共和国刑事诉讼法〉的解释》第77条第1款；《中华人民共和国国际刑事司法协助法》第11条"
    )
    assert [(c.instrument, c.article, c.paragraph) for c in citations] == [
        ("最高人民法院关于适用〈中华人民共和国刑事诉讼法〉的解释", 77, 1),
        ("中华人民共和国国际刑事司法协助法", 11, None),
    ]
    assert default_library().instrument(citations[0].instrument) is not None


def test_a_chapter_reference_has_no_article() -> None:
    (citation,) = parse_basis("《人民检察院民事诉讼监督规则》第四章第二节")
    assert citation.article is None and citation.chapter == "第四章第二节"


def test_chinese_numbers() -> None:
    assert [chinese_number(t) for t in ("十", "十三", "一百二十", "一百零五", "一千二百三十四", "二百")] == [
        10, 13, 120, 105, 1234, 200,
    ]


# --- the library -----------------------------------------------------------------------------------------------


def test_lookup_gives_paragraphs_and_items_of_the_article() -> None:
    library = default_library()
    article = library.article("《中华人民共和国刑事诉讼法》", 91)
    assert article is not None and len(article.paragraphs) == 3
    assert "七日以内" in article.paragraphs[2].text
    rule_330 = library.article("人民检察院刑事诉讼规则", 330)
    assert rule_330 is not None and len(rule_330.items_of(None)) == 13
    suffixed = library.article("刑法", 120, 1)
    assert suffixed is not None and suffixed.label == "第一百二十条之一"


def test_a_misplaced_space_in_the_source_text_still_gives_the_article() -> None:
    article = default_library().article("刑诉法", 128)
    assert article is not None and article.text().startswith("第一百二十八条 侦查人员对于与犯罪有关的场所")


def test_check_names_the_missing_article_paragraph_or_item() -> None:
    library = default_library()
    (no_article,) = parse_basis("《中华人民共和国刑事诉讼法》第309条")
    (no_paragraph,) = parse_basis("《中华人民共和国刑事诉讼法》第91条第4款")
    (no_item,) = parse_basis("《人民检察院刑事诉讼规则》第330条第14项")
    (outside,) = parse_basis("《人民检察院公益诉讼办案规则》第40条")
    assert library.check(no_article) == "《中华人民共和国刑事诉讼法》没有第309条"
    assert "只有3款" in (library.check(no_paragraph) or "")
    assert "只有13项" in (library.check(no_item) or "")
    assert library.check(outside) is None and library.instrument(outside.instrument) is None


def test_the_2021_supervision_rules_are_not_read_in_the_superseded_trial_version() -> None:
    library = default_library()
    assert library.instrument("人民检察院民事诉讼监督规则") is None
    assert library.instrument("人民检察院民事诉讼监督规则（试行）") is not None


def test_excerpts_give_each_cited_article_once_in_order() -> None:
    text = excerpts_text("《中华人民共和国刑事诉讼法》第35条第2款、第3款；《人民检察院公益诉讼办案规则》第1条")
    assert text.startswith("《中华人民共和国刑事诉讼法》第三十五条\n犯罪嫌疑人、被告人因经济困难")
    assert text.count("第三十五条") == 1


def test_abbreviations_name_the_same_instrument() -> None:
    library = default_library()
    assert library.instrument("民诉法") is library.instrument("《中华人民共和国民事诉讼法》")
    assert library.instrument("两高公益诉讼解释") is not None


def test_index_naming_a_missing_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / "index.yaml").write_text(
        "format: casecheck.laws/1\ninstruments:\n  - name: 某法\n    files: [无此文件.md]\n", encoding="utf-8"
    )
    with pytest.raises(DataFileError, match="无此文件.md"):
        LawLibrary(tmp_path)


# --- the `source` field ----------------------------------------------------------------------------------------


def _template(item_extra: dict) -> dict:
    item = {"id": "X-EV-01", "question": "问？", "guidance": "看卷", "basis": "《某规定》第1条", "verified": True,
            "severity": "瑕疵", "deduction": 1, **item_extra}
    return {"format": "casecheck.checklist/1", "id": "criminal.arrest_review", "title": "表", "version": "1",
            "sections": [{"title": "证据采信", "items": [item]}]}


def test_checklist_item_source_is_kept_and_must_be_text() -> None:
    template, problems = parse_template_data(_template({"source": "2016年规定全文转载页"}))
    assert problems == [] and template is not None and template.items[0].source == "2016年规定全文转载页"
    _, problems = parse_template_data(_template({"source": 3}))
    assert [path for path, _ in problems] == ["sections[0].items[0].source"]


def test_a_rule_source_is_kept_and_an_empty_one_is_refused(tmp_path: Path) -> None:
    shutil.copytree(RESOURCES / "rules", tmp_path / "rules")
    rule = load_rulebook(tmp_path / "rules").get("ENF-TERMINATION-TOO-EARLY")
    assert rule is not None and "laweer.com" in rule.source
    pack = tmp_path / "rules" / "enforcement.yaml"
    text = pack.read_text(encoding="utf-8")
    start = text.index("    source: ")
    end = text.index("\n", start)
    pack.write_text(text[:start] + '    source: ""' + text[end:], encoding="utf-8")
    with pytest.raises(DataFileError) as info:
        load_rulebook(tmp_path / "rules")
    assert info.value.field == "rules[0].source"
