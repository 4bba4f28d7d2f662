"""Code labels from core and services (statuses, kinds, severities, filters) in the language of the interface.

Core knows no Qt and keeps its labels in Chinese; the UI looks each label up in the "labels" context of the
translation. `scripts/translations.py` writes the catalogue those labels come from (`label_catalogue.py`), so
lupdate sees every one of them as a literal.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from desktop_app.core.case import (
    ANSWER_VALUES,
    CASE_STATUSES,
    CASE_TYPES,
    EVENT_KINDS,
    EVIDENCE_CATEGORIES,
    INVESTIGATORS,
    POSSIBLE_SENTENCES,
)
from desktop_app.core.checklist_model import INSPECTION_KINDS
from desktop_app.core.practice import OUTCOMES
from desktop_app.core.rectification import RECTIFICATION_STATUSES
from desktop_app.core.results import DEADLINE_STATUSES, SEVERITIES
from desktop_app.core.training import ITEM_EXPECTATIONS
from desktop_app.services.actors import ROLES
from desktop_app.services.cases import DUE_FILTERS, PROGRESS_FILTERS, RISK_FILTERS

CONTEXT = "labels"
#: Every dictionary of labels a person reads in the UI; their values are the catalogue.
LABEL_DICTIONARIES: tuple[dict[str, str], ...] = (
    CASE_TYPES, CASE_STATUSES, ANSWER_VALUES, EVIDENCE_CATEGORIES, EVENT_KINDS, INSPECTION_KINDS,
    RECTIFICATION_STATUSES, SEVERITIES, DEADLINE_STATUSES, PROGRESS_FILTERS, RISK_FILTERS, DUE_FILTERS, INVESTIGATORS,
    POSSIBLE_SENTENCES, ROLES, OUTCOMES, ITEM_EXPECTATIONS,
)


def tr_label(text: str) -> str:
    """A Chinese label in the interface language (itself when it is not in the catalogue, e.g. case data)."""
    return QCoreApplication.translate(CONTEXT, text) if text else text


#: How the items of a list are put in a sentence: 甲、乙 and 甲；乙 in Chinese, "a, b" and "a; b" in English.
SEPARATORS = (QT_TRANSLATE_NOOP("labels", "、"), QT_TRANSLATE_NOOP("labels", "；"))
#: Labels core writes outside a dictionary: a practice item left unanswered (`ItemOutcome.answer_label`).
OTHER_LABELS = (QT_TRANSLATE_NOOP("labels", "未答"),)


def joined(items: Iterable[str], separator: str = "、") -> str:
    """The items with the interface language's list separator (one of SEPARATORS)."""
    return QCoreApplication.translate(CONTEXT, separator).join(items)


def catalogue_source() -> str:
    """The text of `label_catalogue.py`: one QT_TRANSLATE_NOOP per distinct label, in a stable order."""
    seen: dict[str, None] = {}
    for dictionary in LABEL_DICTIONARIES:
        seen.update(dict.fromkeys(dictionary.values()))
    lines = ['"""Written by scripts/translations.py from desktop_app.ui.labels; do not edit."""', "",
             "from PySide6.QtCore import QT_TRANSLATE_NOOP", "", "LABELS = ("]
    lines += [f'    QT_TRANSLATE_NOOP("{CONTEXT}", "{text}"),' for text in seen]
    return "\n".join([*lines, ")", ""])
