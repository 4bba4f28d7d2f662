"""PDF paragraphs follow Chinese line-breaking rules (避头尾) and keep rule ids whole."""

from __future__ import annotations

from reportlab.platypus import Paragraph

from desktop_app.reports import pdf_scorecard
from desktop_app.reports.cjk_wrap import CANNOT_END, CANNOT_START

TEXT = ("依据《中华人民共和国刑事诉讼法》第一百一十八条、第一百二十三条规定，讯问应当同步录音录像（重大案件）。"
        "是否符合？请核实：证据《电子数据规定》！规则 EVID-RECORDING-MISSING；")


def lines_of(paragraph: Paragraph) -> list[str]:
    result = []
    for line in paragraph.blPara.lines:
        words = line.words if hasattr(line, "words") else line[1]
        result.append("".join(w if isinstance(w, str) else w.text for w in words))
    return result


def test_no_line_starts_with_a_closing_mark_or_ends_with_an_opening_one() -> None:
    styles = pdf_scorecard._styles()
    checked = 0
    for style in (styles["cell"], styles["body"]):
        for markup in (TEXT, TEXT.replace("讯问", "<b>讯问</b>")):  # one font run, and several
            for width in range(40, 260, 3):
                paragraph = Paragraph(markup, style)
                paragraph.wrap(width, 10_000)
                lines = lines_of(paragraph)
                assert "".join(lines) == TEXT.replace("<b>", "").replace("</b>", ""), "nothing lost or added"
                for number, line in enumerate(lines):
                    if number:
                        assert line[:1] not in CANNOT_START, (width, lines)
                    if number < len(lines) - 1:
                        assert line[-1:] not in CANNOT_END, (width, lines)
                if width >= 180:
                    assert any("EVID-RECORDING-MISSING" in line for line in lines), (width, lines)
                checked += len(lines)
    assert checked > 1000
