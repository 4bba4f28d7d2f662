"""Small checks shared by the risk-model loaders, each failing with file, line and field."""

from __future__ import annotations

import re
from typing import Any

from desktop_app.core.datafile import Located
from desktop_app.core.i18n import tr

#: A basis names a full instrument in 《》 and an article, as the rule packs require.
BASIS_RE = re.compile(r"《[^《》]+》第")


def mapping(located: Located, path: str, value: Any) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise located.error(path, tr("应为映射（键: 值）", "must be a mapping"))
    return value


def text(located: Located, path: str, value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise located.error(path, tr("应为非空文字", "must be non-empty text"))
    return value.strip()


def number(located: Located, path: str, value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise located.error(path, tr("应为数值", "must be a number"))
    return float(value)


def flag(located: Located, path: str, value: Any) -> bool:
    if not isinstance(value, bool):
        raise located.error(path, tr("应为 true 或 false", "must be true or false"))
    return value


def basis(located: Located, path: str, value: Any) -> str:
    result = text(located, path, value)
    if not BASIS_RE.search(result):
        raise located.error(path, tr("依据应写明文件全称（书名号）和条文，如《中华人民共和国刑事诉讼法》第81条",
                                     "the basis must give the full instrument name in 《》 and the article"))
    return result


def known_keys(located: Located, path: str, entry: dict[str, Any], allowed: tuple[str, ...],
               required: tuple[str, ...]) -> None:
    for key in entry:
        if key not in allowed:
            raise located.error(f"{path}.{key}" if path else str(key), tr("未知字段", "unknown field"))
    for key in required:
        if key not in entry:
            raise located.error(path, tr(f"缺少字段 {key}", f"missing field {key}"))


def choice(located: Located, path: str, value: Any, allowed: tuple[str, ...]) -> str:
    if value not in allowed:
        raise located.error(path, tr(f"未知的取值 {value!r}，可选：{'、'.join(allowed)}",
                                     f"unknown value {value!r}; allowed: {', '.join(allowed)}"))
    return str(value)
