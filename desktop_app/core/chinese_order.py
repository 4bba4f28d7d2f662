"""The order a Chinese office expects names in: 拼音 order, with 第一/第二/…/第十二 taken as numbers.

Code-point order puts 第七 before 第三 and 赵 before 李; departments (第一检察部 … 第十二检察部) and prosecutors
are therefore sorted by a key that reads Chinese numerals as numbers and every other character by its 拼音.
Drop-downs and exports use the same key, so a list reads the same everywhere.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from pypinyin import Style, lazy_pinyin

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_NUMERAL = re.compile(r"[零〇一二两三四五六七八九十百]+|\d+")


def chinese_number(text: str) -> int:
    """一 → 1, 十二 → 12, 二十三 → 23, 一百零五 → 105; Arabic digits as they are."""
    if text.isdigit():
        return int(text)
    total, current = 0, 0
    for char in text:
        if char == "百":
            total += (current or 1) * 100
            current = 0
        elif char == "十":
            total += (current or 1) * 10
            current = 0
        else:
            current = _DIGITS[char]
    return total + current


def segments(text: str) -> list[int | str]:
    """The text cut into words and numbers: "第十二检察部" → ["第", 12, "检察部"]."""
    parts: list[int | str] = []
    position = 0
    for match in _NUMERAL.finditer(text):
        if match.start() > position:
            parts.append(text[position:match.start()])
        parts.append(chinese_number(match.group()))
        position = match.end()
    if position < len(text):
        parts.append(text[position:])
    return parts


def sort_key(text: str) -> tuple[tuple[int, int | str], ...]:
    """Numbers (Chinese or Arabic) compare as numbers and come before words; words compare by 拼音."""
    parts: list[tuple[int, int | str]] = []
    for part in segments(text):
        if isinstance(part, int):
            parts.append((0, part))
        else:
            parts.extend((1, syllable) for syllable in lazy_pinyin(part, style=Style.TONE3))
    return tuple(parts)


def sorted_chinese(values: Iterable[str]) -> list[str]:
    return sorted(values, key=lambda value: (sort_key(value), value))
