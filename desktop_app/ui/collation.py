"""Chinese order in the UI: QCollator (ICU's 拼音 collation for zh_CN) for words, numbers as numbers.

The collator alone puts 第七 before 第三 (qi < san): it reads Chinese numerals as words, and its numeric mode only
knows Arabic digits. Names are therefore cut into words and numbers the way `core.chinese_order` cuts them, the
numbers (一二三 or 123) compare by value and come first, and the words go to the collator, so every list in the UI
reads the same as the lists core and the exports sort with pypinyin.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache, cmp_to_key

from PySide6.QtCore import QCollator, QLocale

from desktop_app.core.chinese_order import segments


@cache
def chinese_collator() -> QCollator:
    collator = QCollator(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    collator.setNumericMode(True)
    return collator


def compare_chinese(first: str, second: str) -> int:
    """Negative, zero or positive as `first` sorts before, with or after `second`."""
    collator = chinese_collator()
    first_parts, second_parts = segments(first), segments(second)
    for a, b in zip(first_parts, second_parts, strict=False):
        if isinstance(a, int) and isinstance(b, int):
            result = (a > b) - (a < b)
        elif isinstance(a, int) or isinstance(b, int):
            result = -1 if isinstance(a, int) else 1
        else:
            result = collator.compare(a, b)
        if result:
            return result
    shorter_first = (len(first_parts) > len(second_parts)) - (len(first_parts) < len(second_parts))
    return shorter_first or collator.compare(first, second)


def sorted_for_display(values: Iterable[str]) -> list[str]:
    """Names (departments, prosecutors, owners) for a drop-down, completer or list, in Chinese order."""
    return sorted(values, key=cmp_to_key(compare_chinese))
