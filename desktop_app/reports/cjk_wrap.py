"""Chinese line breaking (避头尾) for reportlab paragraphs set with `wordWrap="CJK"`.

reportlab breaks CJK text after any glyph and only hangs a few closing marks; full-width ，：；！？》 can start a
line and 《（ can end one, and a rule id such as EVID-EDATA-NO-HASH is cut in the middle. `chinese_frag_split`
moves each break back until the line does not end with an opening mark, the next does not start with a closing
mark and, where the line allows, no Latin word or number is cut. `install` puts it in place of reportlab's splitter
once for the process; every CJK paragraph the program sets is Chinese.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import paragraph
from reportlab.platypus.paragraph import ParaLines, cjkU, makeCJKParaLine
from reportlab.rl_config import _FUZZ

#: Marks that must not start a line (closing brackets and punctuation, ASCII and full-width).
CANNOT_START = frozenset("》）」』】〕〉、，。：；！？…·%’”!),.:;?]}")
#: Marks that must not end a line (opening brackets and quotes).
CANNOT_END = frozenset("《（「『【〔〈‘“([{")


def _is_word(char: str) -> bool:
    return char.isascii() and (char.isalnum() or char in "-_./")


def _width(glyph: Any, max_width: float) -> float:
    width = glyph.width
    if hasattr(width, "normalizedValue"):
        width._normalizer = max_width
        width = width.normalizedValue(max_width)
    return float(width)


def _good_break(glyphs: Sequence[str], at: int, keep_words: bool) -> bool:
    before, after = glyphs[at - 1], glyphs[at]
    if after in CANNOT_START or before in CANNOT_END:
        return False
    return not (keep_words and _is_word(before) and _is_word(after))


def chinese_frag_split(frags: Sequence[Any], maxWidths: Sequence[float], calcBounds: Any,  # noqa: N803
                       encoding: str = "utf8") -> ParaLines:
    """Drop-in for reportlab's `cjkFragSplit` (same arguments, same result type)."""
    glyphs: list[Any] = []
    for frag in frags:
        text = frag.text.decode(encoding) if isinstance(frag.text, bytes) else frag.text
        glyphs.extend(cjkU(t, frag, encoding) for t in text) if text else glyphs.append(cjkU(text, frag, encoding))
    lines: list[Any] = []
    start, count = 0, len(glyphs)
    while start < count:
        max_width = maxWidths[min(len(lines), len(maxWidths) - 1)]
        end, used, line_break = start, 0.0, False
        while end < count:
            glyph = glyphs[end]
            if hasattr(glyph.frag, "lineBreak"):
                end, line_break = end + 1, True
                break
            width = _width(glyph, max_width)
            if used + width > max_width + _FUZZ and end > start:
                break
            used += width
            end += 1
        if not line_break and end < count:
            for keep_words in (True, False):
                at = next((j for j in range(end, start, -1) if _good_break(glyphs, j, keep_words)), None)
                if at is not None:
                    end = at
                    break
        width_used = sum(_width(g, max_width) for g in glyphs[start:end] if not hasattr(g.frag, "lineBreak"))
        lines.append(makeCJKParaLine(glyphs[start:end], max_width, width_used, max_width - width_used, line_break,
                                     calcBounds))
        start = end
    return ParaLines(kind=1, lines=lines)


def chinese_word_split(text: str, maxWidths: Sequence[float], fontName: str,  # noqa: N803
                       fontSize: float, encoding: str = "utf8") -> list[tuple[float, str]]:  # noqa: N803
    """Drop-in for reportlab's `wordSplit`, which a paragraph of one font and colour uses: (space left, line)."""
    if isinstance(text, bytes):
        text = text.decode(encoding)
    lines: list[tuple[float, str]] = []
    start = 0
    while start < len(text):
        max_width = maxWidths[min(len(lines), len(maxWidths) - 1)]
        end, used = start, 0.0
        while end < len(text):
            width = stringWidth(text[end], fontName, fontSize)
            if used + width > max_width + _FUZZ and end > start:
                break
            used += width
            end += 1
        if end < len(text):
            for keep_words in (True, False):
                at = next((j for j in range(end, start, -1) if _good_break(text, j, keep_words)), None)
                if at is not None:
                    end = at
                    break
        line = text[start:end]
        lines.append((max_width - stringWidth(line, fontName, fontSize), line))
        start = end
    return lines


def install() -> None:
    """Use the Chinese rules for every `wordWrap="CJK"` paragraph from now on."""
    paragraph.cjkFragSplit = chinese_frag_split
    paragraph.wordSplit = chinese_word_split
