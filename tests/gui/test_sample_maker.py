"""A trainer turns a demo case into a sample pack in the GUI: review and edit the replacements, edit the key."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop_app.services.cases import CaseQuery
from desktop_app.services.container import Services
from desktop_app.services.demo import fill_demo
from desktop_app.services.sample_packs import read_pack
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.sample_maker import AnonymiseDialog

pytestmark = pytest.mark.usefixtures("db_target")  # on SQLite and on PostgreSQL


def test_a_trainer_turns_a_demo_case_into_a_pack(qtbot: QtBot, services: Services, tmp_path: Path) -> None:
    fill_demo(services, 3, today=dt.date(2026, 3, 20))
    case = next(services.cases.iter_cases(CaseQuery()))
    window = MainWindow(services)
    qtbot.addWidget(window)
    titles = [a.text() for a in window.menuBar().actions()]
    training_menu = window.menuBar().actions()[titles.index("培训(&R)")].menu()
    assert window.trainer_actions.anonymise_action in training_menu.actions()

    dialog = window.trainer_actions.anonymise(case.case_no)
    assert isinstance(dialog, AnonymiseDialog) and dialog.sample is not None
    originals = [dialog.replacements.item(r, 1).text() for r in range(dialog.replacements.rowCount())]
    assert case.case_no in originals and case.prosecutor in originals
    assert case.case_no not in dialog.preview.toPlainText()

    # The trainer's own stand-in for the prosecutor, applied to the whole case.
    dialog.set_replacement(case.prosecutor, "检察官某乙")
    assert dialog.apply_replacements()
    assert '"prosecutor": "检察官某乙"' in dialog.preview.toPlainText()
    # A replacement that still holds the original is refused, and nothing is exported.
    dialog.set_replacement(case.prosecutor, case.prosecutor + "（化名）")
    assert dialog.export(tmp_path / "bad.zip") is None
    assert "仍含有" in dialog.error_label.text() and not (tmp_path / "bad.zip").exists()
    dialog.set_replacement(case.prosecutor, "检察官某乙")

    # The key editor over the checklist: the trainer sets one item's expected answer with an explanation.
    item_id = dialog.key_editor.item(0, 0).text().split()[0]
    dialog.key_editor.set_expected(item_id, "fail", "示范：本项不符合", "《中华人民共和国刑事诉讼法》第91条")
    dialog.name_edit.setText("demo.gui")
    out = dialog.export(tmp_path / "demo.zip")
    assert out == tmp_path / "demo.zip" and "已导出" in dialog.error_label.text()
    for name in zipfile.ZipFile(out).namelist():
        assert case.case_no.encode("utf-8") not in zipfile.ZipFile(out).read(name)
        assert case.prosecutor.encode("utf-8") not in zipfile.ZipFile(out).read(name)
    [(sample, _, _)], _, _ = read_pack(out, unverified=True)
    assert sample.name == "demo.gui" and sample.case.prosecutor == "检察官某乙"
    assert sample.key.items[item_id].expected == "fail" and sample.key.items[item_id].explanation == "示范：本项不符合"
    dialog.close()
