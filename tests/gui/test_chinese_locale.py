"""Qt's own texts and calendars are Chinese: the Chinese locale is the default and qtbase's translation loaded."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator
from PySide6.QtWidgets import QApplication, QCalendarWidget
from pytestqt.qtbot import QtBot

from desktop_app.ui.app import install_qt_translations


def test_calendar_and_file_dialog_texts_are_chinese(qtbot: QtBot) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    before = QLocale()
    try:
        assert install_qt_translations(app), "qtbase_zh_CN.qm ships with PySide6"
        assert QLocale().language() == QLocale.Language.Chinese
        calendar = QCalendarWidget()
        qtbot.addWidget(calendar)
        assert calendar.locale().monthName(12) == "十二月"
        assert calendar.locale().dayName(1, QLocale.FormatType.ShortFormat) == "周一"
        assert QCoreApplication.translate("QFileDialog", "Look in:") != "Look in:"
    finally:
        QLocale.setDefault(before)
        for translator in app.findChildren(QTranslator):
            app.removeTranslator(translator)
            translator.deleteLater()
