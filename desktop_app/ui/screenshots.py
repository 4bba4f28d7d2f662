"""Screenshots of the main views on the screen the program runs on, for docs/screenshots/.

Run by scripts/screenshots.sh (python -m desktop_app.ui.screenshots) under a virtual X server of each size;
writes <size>-<view>.png.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from desktop_app.services.container import open_services
from desktop_app.services.demo import fill_demo
from desktop_app.ui.app import install_qt_translations
from desktop_app.ui.case_editor import CaseEditor
from desktop_app.ui.fonts import install_fonts
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.sample_maker import AnonymiseDialog

TODAY = dt.date(2026, 12, 1)
#: The sample practised in the training shot: a 瑕疵 case with one typical defect.
SAMPLE = "criminal.prosecution_review.zero-confession"


def settle(app: QApplication) -> None:
    for _ in range(5):
        app.processEvents()


def wait_for(signal: Any, seconds: int = 60) -> None:
    """Until the background job behind a view reports (or the time runs out: the shot then shows it loading)."""
    loop = QEventLoop()
    signal.connect(loop.quit)
    QTimer.singleShot(seconds * 1000, loop.quit)
    loop.exec()


def shoot(app: QApplication, widget: QWidget, path: Path) -> None:
    settle(app)
    widget.grab().save(str(path))
    print(path)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    app = QApplication(sys.argv[:1])
    install_fonts(app)
    install_qt_translations(app)
    screen = app.primaryScreen().availableGeometry()
    size = f"{screen.width()}x{screen.height()}"
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        services = open_services(str(Path(folder) / "shots.db"), today=lambda: TODAY)
        try:
            fill_demo(services, 60, seed=7, today=TODAY)
            window = MainWindow(services)
            window.move(screen.topLeft())
            window.show()
            shoot(app, window, args.out / f"{size}-register.png")
            window.focus_results()
            workspace = window.open_case(window.current_case_no() or "")
            shoot(app, window, args.out / f"{size}-case-walk.png")
            workspace.tabs.setCurrentWidget(workspace.evidence_chain)
            shoot(app, window, args.out / f"{size}-evidence-chain.png")
            editor = CaseEditor(services, workspace.case_no, window)
            editor.show()
            shoot(app, editor, args.out / f"{size}-case-editor.png")
            editor.close()
            overview = window.show_rectification_overview()
            shoot(app, overview, args.out / f"{size}-rectifications.png")
            overview.close()
            dashboard = window.show_dashboard()
            wait_for(dashboard.refreshed)
            shoot(app, dashboard, args.out / f"{size}-dashboard.png")
            dashboard.close()
            training = window.open_training()
            training.select_sample(SAMPLE)
            for state in training.walk.model.states():  # a trainee who says 符合 to everything
                if state.applicable and training.walk.select_item(state.item.id):
                    training.walk.answer_current("pass")
            training.submit()
            shoot(app, training, args.out / f"{size}-training-result.png")
            training.close()
            maker = AnonymiseDialog(services, workspace.case_no, window)
            maker.show()
            shoot(app, maker, args.out / f"{size}-sample-maker.png")
            maker.close()
            window.close()
        finally:
            services.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
