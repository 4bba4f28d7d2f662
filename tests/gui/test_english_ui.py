"""The English interface: every text the program itself shows is translated; only case data stays Chinese.

Case numbers, titles, names, charges, checklist questions, rule titles and legal texts come from the case or from
data files and stay Chinese in English mode; they are taken out of a widget's text before it is checked, so a
Chinese word left in a label, button, menu, tab, header, group box, window title or placeholder fails the test.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, QObject, Qt, QTranslator
from PySide6.QtGui import QAction, QTextDocument
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDockWidget,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QTabWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot

from desktop_app.core import i18n
from desktop_app.core.case import Case
from desktop_app.core.scoring import list_grading_schemes, load_grading_scheme
from desktop_app.services.container import Services
from desktop_app.services.demo import fill_demo
from desktop_app.services.samples import load_samples
from desktop_app.ui import app
from desktop_app.ui.backup_dialog import BackupDialog
from desktop_app.ui.case_editor import CaseEditor
from desktop_app.ui.date_field import DateField
from desktop_app.ui.evidence_chain import CHAIN_BASIS, CHAIN_CONDITIONS
from desktop_app.ui.export_dialogs import ExportDialog
from desktop_app.ui.grade_override import GradeOverrideDialog
from desktop_app.ui.kaohe_view import KaoheDialog
from desktop_app.ui.language import install_qt_translations, saved_language
from desktop_app.ui.layout import app_settings
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.profile_dialog import ProfileDialog
from desktop_app.ui.shortcuts_dialog import ShortcutsDialog
from desktop_app.ui.training import FACT_CODES
from desktop_app.ui.workspace import CaseWorkspace
from tests.gui.windows import open_main_window

CJK = re.compile(r"[\u4e00-\u9fff]")
#: Chinese examples of what to type (a 案号, a case name, charges), kept as examples in English too.
EXAMPLES = ("京朝检刑诉〔2026〕123号", "张某某盗窃案", "盗窃罪、诈骗罪")


@pytest.fixture
def english(qtbot: QtBot) -> Iterator[None]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    before_locale, before_translators = QLocale(), set(app.findChildren(QTranslator))
    assert install_qt_translations(app, "en"), "casecheck_en.qm and Qt's English texts load"
    i18n.set_language("en")
    yield
    i18n.set_language("zh")
    QLocale.setDefault(before_locale)
    for translator in set(app.findChildren(QTranslator)) - before_translators:
        app.removeTranslator(translator)
        translator.deleteLater()


def case_texts(case: Case) -> set[str]:
    """What a case file itself says: its number, title, people, charges, evidence and notes."""
    return {case.case_no, case.title, case.prosecutor, case.department, *case.charges,
            *(e.title for e in case.evidence), *(e.source or "" for e in case.evidence),
            *(e.note or "" for e in case.events)}


def data_texts(services: Services, workspace: CaseWorkspace | None = None, cases: tuple[Case, ...] = ()) -> list[str]:
    """What comes from the cases and the data files, longest first so that a name inside a title goes with it."""
    texts: set[str] = set()
    for case in (*cases, *([services.cases.get(workspace.case_no)] if workspace is not None else [])):
        texts |= case_texts(case)
    for template in services.context.templates.values():
        texts.add(template.title)
        texts |= {section.title for section in template.sections}
        for item in template.items:
            texts |= {item.question, item.guidance, item.legal_basis, item.heading, item.source}
        texts |= {item.severity for item in template.items}  # the checklist's own error levels (严重错误 …)
    for name in list_grading_schemes():
        scheme = load_grading_scheme(name)
        texts |= {scheme.title, scheme.legal_basis, *(tier.label for tier in scheme.grades)}
    for column in ("prosecutor", "department"):
        texts |= set(services.cases.distinct_values(column))
    for card in workspace.flags_panel.cards if workspace is not None else []:  # rule titles, messages, suggestions
        texts |= {card.flag.title, card.flag.message, card.flag.legal_basis, card.flag.suggestion}
    texts |= {CHAIN_BASIS, *CHAIN_CONDITIONS, *EXAMPLES, "中文"}
    return sorted((t for t in texts if t), key=len, reverse=True)


def plain(text: str) -> str:
    if "<" in text and ">" in text:
        document = QTextDocument()
        document.setHtml(text)
        return document.toPlainText()
    return text


def widget_texts(window: QWidget, skip: frozenset[QWidget]) -> Iterator[tuple[str, str]]:
    """(where, text) for every text a person reads in the window, except the cells of data views."""
    def name(obj: QObject) -> str:
        return f"{type(obj).__name__}({obj.objectName()})" if obj.objectName() else type(obj).__name__

    yield f"{name(window)} window title", window.windowTitle()
    for widget in [window, *window.findChildren(QWidget)]:
        if widget in skip:
            continue
        where = f"{name(widget)} in {name(widget.parent()) if widget.parent() else 'top'}"
        if isinstance(widget, QLabel):
            yield where, plain(widget.text())
        elif isinstance(widget, QAbstractButton):
            yield where, widget.text()
        elif isinstance(widget, QGroupBox):
            yield where, widget.title()
        elif isinstance(widget, QLineEdit):
            yield f"{where} placeholder", widget.placeholderText()
        elif isinstance(widget, QDockWidget):
            yield f"{where} title", widget.windowTitle()
        elif isinstance(widget, QComboBox):
            for index in range(widget.count()):
                yield f"{where} item {index}", widget.itemText(index)
        elif isinstance(widget, QTabWidget):
            for index in range(widget.count()):
                yield f"{where} tab {index}", widget.tabText(index)
        elif isinstance(widget, QMenu):
            yield f"{where} title", widget.title()
        if isinstance(widget, QAbstractItemView) and widget.model() is not None:
            model = widget.model()
            for column in range(model.columnCount()):
                yield f"{where} header {column}", str(model.headerData(column, Qt.Orientation.Horizontal) or "")
    for action in window.findChildren(QAction):
        yield f"action {action.objectName() or '?'} in {type(action.parent()).__name__}", action.text()
        yield f"action {action.text()!r} status tip", action.statusTip()


def untranslated(window: QWidget, data: list[str], skip: frozenset[QWidget] = frozenset()) -> list[str]:
    found = []
    for where, text in widget_texts(window, skip):
        rest = text
        for value in data:
            rest = rest.replace(value, "")
        if CJK.search(rest):
            found.append(f"{where}: {text!r}")
    return found


def test_main_window_workspace_editor_and_dialogs_are_english(qtbot: QtBot, services: Services,
                                                             english: None) -> None:
    fill_demo(services, 6, seed=3)
    window: MainWindow = open_main_window(qtbot, services)
    window.focus_results()
    case_no = window.current_case_no() or ""
    workspace: CaseWorkspace = window.open_case(case_no)
    data = data_texts(services, workspace)
    # Written in Chinese by core (no Qt there): why the score and grade are what they are, and an item's condition.
    core_texts = frozenset({workspace.score_panel.reasons_label, workspace.walk.condition_label})
    problems = untranslated(window, data, core_texts)
    for index in range(workspace.tabs.count()):
        workspace.tabs.setCurrentIndex(index)
        QApplication.processEvents()
        problems += untranslated(window, data, core_texts)
    assert workspace.inspection is not None and workspace.score is not None
    dialogs: list[QWidget] = [
        CaseEditor(services, None, window), CaseEditor(services, case_no, window),
        ExportDialog(services, [case_no], window.model.query, window.model.rowCount(), window.settings, window),
        ShortcutsDialog(window), ProfileDialog(services, window), BackupDialog(services, window),
        KaoheDialog(services, window),
        GradeOverrideDialog(services, workspace.inspection.info.id, workspace.score, window),
        window.show_rectification_overview(),
    ]
    for dialog in dialogs:
        dialog.show()
        QApplication.processEvents()
        problems += untranslated(dialog, data)
        dialog.close()
    assert window.windowTitle() == "Case Quality Self-Check"
    assert sorted(set(problems)) == [], "untranslated texts (widget: text):\n" + "\n".join(sorted(set(problems)))


def test_dashboard_practice_sample_maker_and_class_results_are_english(qtbot: QtBot, services: Services,
                                                                       english: None) -> None:
    fill_demo(services, 6, seed=3)
    window: MainWindow = open_main_window(qtbot, services)
    window.focus_results()
    case_no = window.current_case_no() or ""
    samples = load_samples()
    assert samples, "the program ships sample cases"
    # The samples' own case files and their legal-basis codes are data, like the demo case made into a sample.
    data = data_texts(services, cases=(services.cases.get(case_no), *(sample.case for sample in samples)))
    data = sorted({*data, *(text for codes in FACT_CODES.values() for text in codes.values()),
                   *(str(value) for sample in samples for value in sample.case.facts.values()
                     if isinstance(value, str))}, key=len, reverse=True)
    problems: list[str] = []

    dashboard = window.show_dashboard()
    qtbot.waitUntil(lambda: dashboard.stats is not None, timeout=10000)
    assert dashboard.windowTitle() == "Quality Dashboard"
    for index in range(dashboard.tabs.count()):
        dashboard.tabs.setCurrentIndex(index)
        QApplication.processEvents()
        problems += untranslated(dashboard, data)
    dashboard.close()

    window.practice_action.trigger()
    practice = window.training_dialog
    assert practice is not None and practice.sample is not None, "a sample is loaded on opening"
    qtbot.waitUntil(practice.isVisible)
    for tabs in (practice.case_tabs, practice.answer_tabs):
        for index in range(tabs.count()):
            tabs.setCurrentIndex(index)
            QApplication.processEvents()
            problems += untranslated(practice, data, frozenset({practice.walk.condition_label}))
    result = practice.submit()
    assert result is not None
    QApplication.processEvents()
    problems += untranslated(practice, data, frozenset({practice.walk.condition_label}))
    # The comparison's own words are English; the key's explanations and bases and the article texts are data.
    key_texts = {t for o in result.items for t in (o.question, o.explanation, o.basis,
                                                   *(part for e in o.articles for part in (e.heading, *e.body.splitlines())))}
    report = practice.result_view.toPlainText()
    for value in sorted({*data, *key_texts} - {""}, key=len, reverse=True):
        report = report.replace(value, "")
    problems += [f"practice result: {line!r}" for line in report.splitlines() if CJK.search(line)]
    practice.close()

    maker = window.trainer_actions.anonymise(case_no)
    assert maker is not None and maker.sample is not None
    maker.show()
    QApplication.processEvents()
    # The anonymised case (its stand-in names) is case data too.
    problems += untranslated(maker, sorted({*data, *case_texts(maker.sample.anonymised.case)}, key=len, reverse=True))
    maker.close()

    results = window.trainer_actions.show_results()
    QApplication.processEvents()
    assert results.report is not None and results.report.rows, "the practice run just submitted is listed"
    problems += untranslated(results, data)
    results.close()
    assert sorted(set(problems)) == [], "untranslated texts (widget: text):\n" + "\n".join(sorted(set(problems)))


@pytest.fixture
def restore_language() -> Iterator[None]:
    before = QLocale()
    yield
    i18n.set_language("zh")
    QLocale.setDefault(before)


def test_lang_en_starts_the_program_in_english_with_qts_own_texts(qtbot: QtBot, home: Path, app_main: None,
                                                                  restore_language: None) -> None:
    started = app.start(["--db", str(home / "t.db"), "--lang", "en"])
    assert isinstance(started, app.Started)
    try:
        qtbot.addWidget(started.window)
        assert started.window.windowTitle() == "Case Quality Self-Check"
        assert started.window.count_label.text() == "0 cases"
        assert [a.text() for a in started.window.menuBar().actions()][:2] == ["&File", "&Edit"]
        box = QMessageBox(QMessageBox.Icon.Information, "", "", QMessageBox.StandardButton.Cancel)
        assert box.button(QMessageBox.StandardButton.Cancel).text() == "Cancel"
        assert QLocale().language() == QLocale.Language.English
        assert DateField("受理日期").calendar.locale().monthName(12) == "December"
        started.window.close()
    finally:
        started.services.close()


def test_the_language_chosen_in_the_tools_menu_is_used_at_the_next_start(
        qtbot: QtBot, home: Path, services: Services, app_main: None, restore_language: None,
        monkeypatch: pytest.MonkeyPatch) -> None:
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _parent, _title, text: told.append(text))
    window = open_main_window(qtbot, services)
    english_action = next(a for a in window.tools_menu.language_group.actions() if a.data() == "en")
    assert not english_action.isChecked(), "Chinese is the default"
    english_action.trigger()
    assert told and "下次启动" in told[0], "the change is said to take effect at the next start"
    assert window.windowTitle() == "案件质量自查", "the running window stays Chinese"
    assert saved_language(app_settings()) == "en"
    window.close()

    started = app.start(["--db", str(home / "t.db")])
    assert isinstance(started, app.Started)
    try:
        qtbot.addWidget(started.window)
        assert started.window.windowTitle() == "Case Quality Self-Check"
        assert i18n.language() == "en"
        started.window.close()
    finally:
        started.services.close()
