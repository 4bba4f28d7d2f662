"""The trainer's side of the training library (menu 培训): turn a case into a de-identified sample, review the
replacements, edit its answer key, and export or import sample packs; and a class's results.

The dialogs only call `sample_packs` and `training_results`; the de-identification itself is `core.anonymise`.
A trainer reviews before anything leaves: the replacement table can be edited (and applied again), the key is edited
item by item over the case's checklist, and the export is refused if any original is still anywhere in the sample.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.case_format import case_to_dict
from desktop_app.core.checklist_model import ChecklistTemplate
from desktop_app.core.training import ITEM_EXPECTATIONS, AnswerKey, ItemKey
from desktop_app.services.container import Services
from desktop_app.services.errors import PermissionDenied, ServiceError
from desktop_app.services.sample_packs import (
    AnonymisedSample,
    PackNotTrusted,
    anonymised_sample,
    export_anonymised,
    export_pack,
    import_pack,
    library,
)
from desktop_app.services.samples import imported_samples_dir
from desktop_app.ui.labels import tr_label
from desktop_app.ui.layout import fit_to_screen
from desktop_app.ui.training import TrainingResultsDialog

#: The key editor's choices: not in the key, or one of the expected answers.
_CHOICES = ("", *ITEM_EXPECTATIONS)
COL_ITEM, COL_EXPECTED, COL_EXPLANATION, COL_BASIS = range(4)
COL_KIND, COL_ORIGINAL, COL_REPLACEMENT, COL_COUNT = range(4)


def _cell(table: QTableWidget, row: int, column: int) -> QTableWidgetItem:
    cell = table.item(row, column)
    assert cell is not None
    return cell


class KeyEditor(QTableWidget):
    """The answer key over the checklist items: expected answer (or not keyed), explanation, basis."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 4, parent)
        self.setHorizontalHeaderLabels([self.tr("检查项"), self.tr("预期答案"), self.tr("说明"), self.tr("依据（留空用检查项的依据）")])
        self.horizontalHeader().setSectionResizeMode(COL_ITEM, QHeaderView.ResizeMode.Stretch)
        self.horizontalHeader().setSectionResizeMode(COL_EXPLANATION, QHeaderView.ResizeMode.Stretch)
        self._key: AnswerKey | None = None
        self._ids: list[str] = []

    def set_key(self, template: ChecklistTemplate | None, key: AnswerKey) -> None:
        self._key = key
        ids = [item.id for item in template.items] if template is not None else []
        ids += [i for i in key.items if i not in ids]
        questions = {item.id: item.question for item in template.items} if template is not None else {}
        self._ids = ids
        self.setRowCount(len(ids))
        for row, item_id in enumerate(ids):
            cell = QTableWidgetItem(f"{item_id} {questions.get(item_id, '')}".strip())
            cell.setFlags(cell.flags() & ~Qt.ItemFlag.ItemIsEditable)
            self.setItem(row, COL_ITEM, cell)
            combo = QComboBox()
            combo.addItem(self.tr("（不列入）"), "")
            for value, label in ITEM_EXPECTATIONS.items():
                combo.addItem(tr_label(label), value)
            entry = key.items.get(item_id)
            combo.setCurrentIndex(_CHOICES.index(entry.expected) if entry else 0)
            self.setCellWidget(row, COL_EXPECTED, combo)
            self.setItem(row, COL_EXPLANATION, QTableWidgetItem(entry.explanation if entry else ""))
            self.setItem(row, COL_BASIS, QTableWidgetItem(entry.basis if entry else ""))

    def set_expected(self, item_id: str, value: str, explanation: str = "", basis: str = "") -> None:
        row = self._ids.index(item_id)
        combo = self.cellWidget(row, COL_EXPECTED)
        assert isinstance(combo, QComboBox)
        combo.setCurrentIndex(_CHOICES.index(value))
        _cell(self, row, COL_EXPLANATION).setText(explanation)
        _cell(self, row, COL_BASIS).setText(basis)

    def key(self) -> AnswerKey:
        assert self._key is not None
        items: dict[str, ItemKey] = {}
        for row, item_id in enumerate(self._ids):
            combo = self.cellWidget(row, COL_EXPECTED)
            assert isinstance(combo, QComboBox)
            value = str(combo.currentData() or "")
            if value:
                items[item_id] = ItemKey(value, _cell(self, row, COL_EXPLANATION).text().strip(),
                                         _cell(self, row, COL_BASIS).text().strip())
        return dataclasses.replace(self._key, items=items)


class AnonymiseDialog(QDialog):
    """Review the replacements of a case turned into a sample, edit its key, and export it as a pack."""

    def __init__(self, services: Services, case_no: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.case_no = case_no
        self.sample: AnonymisedSample | None = None
        self.exported: Path | None = None
        self.setWindowTitle(self.tr("制作示例（脱敏）"))
        self.name_edit = QLineEdit()
        self.case_label = QLabel()
        form = QFormLayout()
        form.addRow(self.tr("原案号："), QLabel(case_no))
        form.addRow(self.tr("脱敏后案号："), self.case_label)
        form.addRow(self.tr("示例名称(&M)："), self.name_edit)

        self.replacements = QTableWidget(0, 4)
        self.replacements.setHorizontalHeaderLabels([self.tr("类别"), self.tr("原文"), self.tr("替换为（可修改）"),
                                                     self.tr("替换次数")])
        # The trainer reviews every original whole (an address, an 18-digit ID number): both texts share the width.
        header = self.replacements.horizontalHeader()
        for column, mode in ((COL_KIND, QHeaderView.ResizeMode.ResizeToContents),
                             (COL_ORIGINAL, QHeaderView.ResizeMode.Stretch),
                             (COL_REPLACEMENT, QHeaderView.ResizeMode.Stretch),
                             (COL_COUNT, QHeaderView.ResizeMode.ResizeToContents)):
            header.setSectionResizeMode(column, mode)
        self.apply_button = QPushButton(self.tr("应用修改的替换(&P)"))
        self.apply_button.setToolTip(self.tr("按表中的替换文字重新脱敏；答案要点将按新的替换重新生成"))
        replacement_page = QWidget()
        page_layout = QVBoxLayout(replacement_page)
        page_layout.addWidget(QLabel(self.tr("请逐条核对：原文将在案件的所有文字（事实、备注、证据、程序事件、作答备注等）中被替换。")))
        page_layout.addWidget(self.replacements, 1)
        page_layout.addWidget(self.apply_button)
        self.key_editor = KeyEditor()
        self.preview = QPlainTextEdit()
        self.preview.setReadOnly(True)
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b71c1c;")
        self.tabs = QTabWidget()
        self.tabs.addTab(replacement_page, self.tr("替换核对"))
        self.tabs.addTab(self.key_editor, self.tr("答案要点"))
        self.tabs.addTab(self.preview, self.tr("脱敏后的案件"))
        self.export_button = QPushButton(self.tr("导出示例包(&E)…"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.export_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)
        fit_to_screen(self, 1100, 720)
        self.apply_button.clicked.connect(self.apply_replacements)
        self.export_button.clicked.connect(lambda: self.export())
        self._build({})

    def overrides(self) -> dict[str, str]:
        table = {}
        for row in range(self.replacements.rowCount()):
            table[_cell(self.replacements, row, COL_ORIGINAL).text()] = _cell(self.replacements, row, COL_REPLACEMENT).text()
        return table

    def set_replacement(self, original: str, text: str) -> None:
        row = next(r for r in range(self.replacements.rowCount())
                   if _cell(self.replacements, r, COL_ORIGINAL).text() == original)
        _cell(self.replacements, row, COL_REPLACEMENT).setText(text)

    @Slot()
    def apply_replacements(self) -> bool:
        return self._build(self.overrides())

    def _build(self, overrides: dict[str, str]) -> bool:
        try:
            sample = anonymised_sample(self.services, self.case_no, name=self.name_edit.text().strip() or None,
                                       overrides=overrides)
        except ServiceError as exc:
            self.error_label.setText(str(exc))
            return False
        self.error_label.clear()
        self.sample = sample
        if not self.name_edit.text().strip():
            self.name_edit.setText(sample.name)
        self.case_label.setText(sample.anonymised.case.case_no)
        self.replacements.setRowCount(len(sample.anonymised.replacements))
        for row, r in enumerate(sample.anonymised.replacements):
            for column, text in ((COL_KIND, r.kind_label), (COL_ORIGINAL, r.original), (COL_REPLACEMENT, r.replacement),
                                 (COL_COUNT, str(r.count))):
                cell = QTableWidgetItem(text)
                if column != COL_REPLACEMENT:
                    cell.setFlags(cell.flags() & ~Qt.ItemFlag.ItemIsEditable)
                self.replacements.setItem(row, column, cell)
        try:
            template = self.services.templates.current(sample.anonymised.case.case_type)[1]
        except ServiceError:
            template = None
        self.key_editor.set_key(template, sample.key)
        self.preview.setPlainText(json.dumps(case_to_dict(sample.anonymised.case), ensure_ascii=False, indent=2))
        return True

    def export(self, path: Path | None = None) -> Path | None:
        """Export the reviewed sample with the edited key; refused (and said why) if anything still leaks."""
        if self.sample is None or not self.apply_replacements_if_changed():
            return None
        assert self.sample is not None
        if path is None:
            chosen, _ = QFileDialog.getSaveFileName(self, self.tr("导出示例包"), f"{self.sample.name}.zip",
                                                    self.tr("示例包 (*.zip)"))
            if not chosen:
                return None
            path = Path(chosen)
        sample = dataclasses.replace(self.sample, name=self.name_edit.text().strip(), key=self.key_editor.key())
        try:
            summary = export_anonymised(self.services, sample, path)
        except ServiceError as exc:
            self.error_label.setText(str(exc))
            return None
        self.exported = path
        self.error_label.setStyleSheet("color: #2e7d32;")
        self.error_label.setText(self.tr("已导出到 %1").replace("%1", str(path))
                                 + (self.tr("（已签名）") if summary.signed_by else self.tr("（未签名）")))
        return path

    def apply_replacements_if_changed(self) -> bool:
        assert self.sample is not None
        current = {r.original: r.replacement for r in self.sample.anonymised.replacements}
        return True if self.overrides() == current else self.apply_replacements()


class TrainerActions(QObject):
    """The trainer's entries of the 培训 menu; `current_case` gives the case selected in the register."""

    def __init__(self, services: Services, menu: QMenu, current_case: Callable[[], str | None],
                 parent: QWidget) -> None:
        super().__init__(parent)
        self.services = services
        self.window = parent
        self.current_case = current_case
        self.dialog: QDialog | None = None
        self.results_action = QAction(self.tr("培训成绩(&G)…"), parent)
        self.anonymise_action = QAction(self.tr("把案件制作为示例（脱敏）(&M)…"), parent)
        self.export_action = QAction(self.tr("导出示例包(&E)…"), parent)
        self.import_action = QAction(self.tr("导入示例包(&I)…"), parent)
        self.results_action.triggered.connect(self.show_results)
        self.anonymise_action.triggered.connect(lambda: self.anonymise())
        self.export_action.triggered.connect(lambda: self.export_samples())
        self.import_action.triggered.connect(lambda: self.import_samples())
        menu.addAction(self.results_action)
        menu.addSeparator()
        for action in (self.anonymise_action, self.export_action, self.import_action):
            menu.addAction(action)

    @Slot()
    def show_results(self) -> TrainingResultsDialog:
        dialog = TrainingResultsDialog(self.services, self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        self.dialog = dialog
        return dialog

    def anonymise(self, case_no: str | None = None) -> AnonymiseDialog | None:
        if case_no is None:
            text, ok = QInputDialog.getText(self.window, self.tr("制作示例（脱敏）"), self.tr("案号："),
                                            text=self.current_case() or "")
            if not ok or not text.strip():
                return None
            case_no = text.strip()
        dialog = AnonymiseDialog(self.services, case_no, self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        self.dialog = dialog
        return dialog

    def export_samples(self, path: Path | None = None) -> Path | None:
        """Every sample of the library into one pack."""
        if path is None:
            chosen, _ = QFileDialog.getSaveFileName(self.window, self.tr("导出示例包"), "samples.zip",
                                                    self.tr("示例包 (*.zip)"))
            if not chosen:
                return None
            path = Path(chosen)
        try:
            summary = export_pack(self.services, library(), path)
        except ServiceError as exc:
            QMessageBox.warning(self.window, self.tr("导出示例包"), str(exc))
            return None
        QMessageBox.information(self.window, self.tr("导出示例包"),
                                self.tr("已导出 %1 个示例到 %2").replace("%1", str(summary.samples))
                                .replace("%2", str(path)))
        return path

    def import_samples(self, path: Path | None = None, *, unverified: bool = False) -> bool:
        if path is None:
            chosen, _ = QFileDialog.getOpenFileName(self.window, self.tr("导入示例包"), "", self.tr("示例包 (*.zip)"))
            if not chosen:
                return False
            path = Path(chosen)
        try:
            summary = import_pack(self.services, path, unverified=unverified)
        except PackNotTrusted as exc:
            answer = QMessageBox.question(self.window, self.tr("导入示例包"),
                                          str(exc) + "\n\n" + self.tr("仍要导入（标记为未经验证）吗？"))
            return answer == QMessageBox.StandardButton.Yes and self.import_samples(path, unverified=True)
        except (ServiceError, PermissionDenied) as exc:
            QMessageBox.warning(self.window, self.tr("导入示例包"), str(exc))
            return False
        QMessageBox.information(self.window, self.tr("导入示例包"), self.tr(
            "新增 %1 个、更新 %2 个示例（%3），保存在 %4。").replace("%1", str(len(summary.created)))
            .replace("%2", str(len(summary.updated)))
            .replace("%3", self.tr("已验证") if summary.verified else self.tr("未经验证"))
            .replace("%4", str(imported_samples_dir())))
        return True
