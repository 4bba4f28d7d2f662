"""Opening the main window the way every GUI test needs it."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from desktop_app.services.container import Services
from desktop_app.ui.main_window import MainWindow


def open_main_window(qtbot: QtBot, services: Services, *, activate: bool = True) -> MainWindow:
    """The main window shown (and by default active, so its shortcuts work) for a GUI test."""
    main = MainWindow(services)
    qtbot.addWidget(main)
    with qtbot.waitExposed(main):
        main.show()
    if activate:
        with qtbot.waitActive(main):
            main.activateWindow()
    return main
