"""The 评查意见书 PDF, read back with pypdf: its parts, its page furniture and its embedded Chinese font."""

from __future__ import annotations

import dataclasses
import datetime as dt
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from desktop_app.core.case import Answer, Case
from desktop_app.core.results import Deadline, Evaluation, Flag
from desktop_app.core.scorecard import Scorecard, make_scorecard
from desktop_app.core.scoring import apply_override, load_grading_scheme
from desktop_app.reports import ExportCancelled
from desktop_app.reports.pdf_scorecard import safe_file_name, write_case_pdf, write_combined_pdf, write_pdfs
from tests.factories import item, template

TODAY = dt.date(2026, 3, 20)
PARTS = (
    "一、案件基本情况",
    "二、评查方式",
    "三、发现的问题",
    "四、风险提示与办案期限",
    "五、拟评定等次及理由",
    "六、其他事项",
)
TEMPLATE = template(
    item("E1", "讯问笔录是否经犯罪嫌疑人核对签名", "证据采信", "《人民检察院刑事诉讼规则》第187条", verified=False),
)


def card(case_no: str = "京朝检刑诉〔2026〕123号") -> Scorecard:
    the_case = Case(
        case_no=case_no,
        title="张某某盗窃案",
        case_type="criminal.prosecution_review",
        prosecutor="王检察官",
        department="第一检察部",
        received_on=dt.date(2026, 3, 2),
        charges=["盗窃罪"],
        in_custody=True,
        answers={"E1": Answer("fail", "笔录未签名")},
    )
    flags = [
        Flag(
            rule="EVID-EDATA-NO-HASH",
            severity="major",
            title="电子数据未记录完整性校验值",
            message="电子数据 E2 未记录完整性校验值",
            verified=True,
            evidence_ids=("E2",),
            legal_basis="《最高人民法院关于适用〈中华人民共和国刑事诉讼法〉的解释》第111条",
        )
    ]
    deadlines = [
        Deadline(
            rule="DL-PROSECUTION-REVIEW",
            name="审查起诉期限",
            start=dt.date(2026, 3, 2),
            due=dt.date(2026, 4, 2),
            status="open",
            days_left=13,
            legal_basis="《中华人民共和国刑事诉讼法》第172条",
        )
    ]
    evaluation = Evaluation(
        case_no=case_no, case_type=the_case.case_type, today=TODAY, flags=flags, deadlines=deadlines
    )
    return make_scorecard(
        the_case,
        TEMPLATE,
        evaluation,
        load_grading_scheme("2017"),
        inspection_kind="review",
        inspector="李四",
        today=TODAY,
    )


def text_of(path: Path) -> list[str]:
    return [page.extract_text() for page in PdfReader(path).pages]


def embedded_fonts(path: Path) -> set[str]:
    """BaseFont names of every font on any page that carries its own TrueType program (/FontFile2)."""
    found: set[str] = set()
    for page in PdfReader(path).pages:
        fonts: dict[str, Any] = page["/Resources"].get_object().get("/Font", {})
        for font in fonts.values():
            font = font.get_object()
            descendants = [d.get_object() for d in font.get("/DescendantFonts", [])] or [font]
            for each in descendants:
                descriptor = each.get("/FontDescriptor")
                if descriptor is not None and "/FontFile2" in descriptor.get_object():
                    found.add(str(each["/BaseFont"]))
    return found


def test_case_pdf_has_the_six_parts_the_case_number_and_an_embedded_cjk_font(tmp_path: Path) -> None:
    scorecard = card()
    scorecard.score = apply_override(scorecard.score, "qualified", "经评查委员会讨论维持")
    path = write_case_pdf(scorecard, tmp_path / "意见书.pdf")
    pages = text_of(path)
    text = "".join(pages)
    assert "案件质量评查意见书" in text
    position = [text.index(part) for part in PARTS]
    assert position == sorted(position)
    assert "未发现问题" in text  # e.g. under 事实认定, where nothing failed
    assert "讯问笔录是否经犯罪嫌疑人核对签名" in text and "条文待核实" in text  # the unverified basis is marked
    assert "经评查委员会讨论维持" in text
    for number, page in enumerate(pages, 1):
        assert "京朝检刑诉〔2026〕123号" in page  # the header of every page
        assert f"第 {number} 页" in page and f"共 {len(pages)} 页" in page
    assert any("WenQuanYiMicroHei" in name for name in embedded_fonts(path))
    assert not list(tmp_path.glob("*.part"))


def test_the_appendix_gives_the_text_of_every_cited_article_the_library_holds(tmp_path: Path) -> None:
    def norm(value: str) -> str:  # the extracted text may carry Kangxi-radical forms of 一 etc.
        return unicodedata.normalize("NFKC", value)

    text = norm("".join(text_of(write_case_pdf(card(), tmp_path / "附录.pdf")))).replace("\n", "")
    appendix = text[text.index(norm("附：法条原文")):]
    assert text.index(norm("六、其他事项")) < text.index(norm("附：法条原文"))
    # the flag's 高法解释 第111条 and the period's 刑诉法 第172条, each with its text
    assert norm("第一百一十一条") in appendix and norm("比对电子数据完整性校验值") in appendix
    assert norm("《中华人民共和国刑事诉讼法》第一百七十二条") in appendix and norm("一个月以内作出决定") in appendix
    # the failed item cites 规则 第187条: its text is there once
    assert appendix.count(norm("《人民检察院刑事诉讼规则》第一百八十七条")) == 1
    assert norm("讯问犯罪嫌疑人一般按照下列顺序进行") in appendix


def test_text_longer_than_a_page_in_a_table_cell_wraps_and_continues(tmp_path: Path) -> None:
    scorecard = card()
    long_message = "电子数据提取笔录未记录提取过程，" * 300 + "【说明完】"
    scorecard.evaluation.flags[0] = dataclasses.replace(scorecard.evaluation.flags[0], message=long_message)
    pages = text_of(write_case_pdf(scorecard, tmp_path / "长.pdf"))
    assert len(pages) > 3
    assert "【说明完】" in "".join(pages)


def test_combined_pdf_numbers_pages_per_case_and_reports_progress(tmp_path: Path) -> None:
    numbers = [f"京朝检刑诉〔2026〕{i}号" for i in range(1, 4)]
    seen: list[tuple[int, int]] = []
    path = write_combined_pdf(
        [card(n) for n in numbers], tmp_path / "汇编.pdf", progress=lambda done, total: seen.append((done, total))
    )
    assert seen == [(1, 3), (2, 3), (3, 3)]
    pages = text_of(path)
    starts = [i for i, page in enumerate(pages) if "第 1 页" in page]
    assert len(starts) == 3
    for case_no, start in zip(numbers, starts, strict=True):
        assert case_no in pages[start] and "案件基本情况" in pages[start]
    per_case = starts[1] - starts[0]
    assert f"共 {per_case} 页" in pages[0] and f"共 {per_case} 页" in pages[-1]


def test_cancelling_a_combined_pdf_leaves_no_file(tmp_path: Path) -> None:
    calls: list[int] = []

    def cancelled() -> bool:
        calls.append(1)
        return len(calls) > 4

    with pytest.raises(ExportCancelled):
        write_combined_pdf((card(f"案{i}") for i in range(20)), tmp_path / "汇编.pdf", cancelled=cancelled)
    assert list(tmp_path.iterdir()) == []


def test_one_pdf_per_case_named_after_the_case_number(tmp_path: Path) -> None:
    cards = [card("京朝检刑诉〔2026〕1号"), card("京/朝:检*2?"), card("京朝检刑诉〔2026〕1号")]
    paths = write_pdfs(cards, tmp_path / "out")
    assert [p.name for p in paths] == ["京朝检刑诉〔2026〕1号.pdf", "京_朝_检_2_.pdf", "京朝检刑诉〔2026〕1号（2）.pdf"]
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(p.name for p in paths)
    assert "京/朝:检*2?" in text_of(paths[1])[0]
    assert safe_file_name("CON") == "_CON" and safe_file_name(" . ") == "案件"


def test_cancelling_separate_pdfs_writes_none_of_them(tmp_path: Path) -> None:
    done: list[int] = []
    with pytest.raises(ExportCancelled):
        write_pdfs(
            [card(f"案{i}") for i in range(5)],
            tmp_path,
            progress=lambda d, _t: done.append(d),
            cancelled=lambda: len(done) >= 2,
        )
    assert done == [1, 2]
    assert list(tmp_path.iterdir()) == []
