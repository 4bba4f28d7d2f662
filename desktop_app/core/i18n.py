"""Messages for people are Chinese by default; `--lang en` switches the command line to English.

A message is written once at the place it is raised, in both languages, so no catalogue can drift from the code.
"""

from __future__ import annotations

LANGUAGES = ("zh", "en")
_current = "zh"


def set_language(lang: str) -> None:
    global _current
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}")
    _current = lang


def language() -> str:
    return _current


def tr(zh: str, en: str) -> str:
    """Pick the message in the current language."""
    return en if _current == "en" else zh
