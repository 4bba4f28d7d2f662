"""A reviewer replaces the proposed grade: the grade and a written reason, both required, kept in the audit trail.

Whether the current user may do this is the service's decision; a refusal is shown as a plain sentence in the
dialog, which stays open so nothing typed is lost.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.scoring import GRADE_CODES, ScoreResult
from desktop_app.services.actors import PERMISSIONS, ROLES
from desktop_app.services.container import Services
from desktop_app.services.errors import EditConflict, PermissionDenied
from desktop_app.ui.checklist_walk import failure_text
from desktop_app.ui.labels import joined, tr_label


class GradeOverrideDialog(QDialog):
    """`expected_version` is the inspection's version the shown score was computed from (optimistic lock)."""

    #: Someone else changed the inspection since it was shown: the workspace reloads it.
    conflicted = Signal()

    def __init__(self, services: Services, inspection_id: int, score: ScoreResult,
                 parent: QWidget | None = None, expected_version: int | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.inspection_id = inspection_id
        self.expected_version = expected_version
        #: The inspection's version after the override was saved (None until then).
        self.saved_version: int | None = None
        self.score = score
        self.setWindowTitle(self.tr("改定等次"))
        self.setModal(True)
        self.setMinimumWidth(440)

        proposed = QLabel(self.tr("拟评等次：{0}（得分 {1:g} 分）").format(score.proposed_label, score.score))
        self.grade_box = QComboBox()
        for code in GRADE_CODES:
            self.grade_box.addItem(score.labels.get(code, code), code)
        current = score.override.grade_code if score.override else score.proposed_code
        self.grade_box.setCurrentIndex(GRADE_CODES.index(current))
        self.reason_edit = QPlainTextEdit()
        self.reason_edit.setPlaceholderText(self.tr("必填：写明改定等次的理由（将记入审计日志）"))
        if score.override:
            self.reason_edit.setPlainText(score.override.reason)
        self.reason_edit.setTabChangesFocus(True)
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b71c1c;")
        self.error_label.hide()

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("保存"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.reason_edit.textChanged.connect(self._update_ok)

        form = QFormLayout()
        form.addRow(self.tr("改定为："), self.grade_box)
        form.addRow(self.tr("理由："), self.reason_edit)
        layout = QVBoxLayout(self)
        layout.addWidget(proposed)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self._update_ok()

    def _update_ok(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(self.reason_edit.toPlainText().strip()))

    def grade_code(self) -> str:
        return str(self.grade_box.currentData())

    def accept(self) -> None:
        reason = self.reason_edit.toPlainText().strip()
        if not reason:
            self._show_error(self.tr("请写明改定等次的理由。"))
            return
        try:
            self.saved_version = self.services.inspections.override_grade(
                self.services.actor, self.inspection_id, self.grade_code(), reason, self.score.proposed_code,
                self.score.score, expected_version=self.expected_version)
        except EditConflict as exc:
            # Nothing was written. The dialog keeps what was typed; the workspace shows the inspection as it is
            # now, and saving again is then a decision taken knowing the other change.
            self.expected_version = exc.version
            current = self.services.inspections.override_of(self.inspection_id)
            now = self.tr("现为：{0}（{1}）").format(self.score.labels.get(current.grade_code, current.grade_code),
                                                 current.reason) if current else ""
            self._show_error(self.tr("{0}{1} 已重新加载；如仍要改定，请核对后再次保存。").format(exc, now))
            self.conflicted.emit()
            return
        except PermissionDenied as exc:
            if self.services.accounts:
                self._show_error(self.tr("无法改定等次：{0}。改定等次须由案管评查员进行（本人承办的案件须回避）。").format(exc))
            else:
                allowed = joined(tr_label(label) for role, label in ROLES.items() if role in PERMISSIONS["grade.override"])
                self._show_error(self.tr("无法改定等次：{0}。改定等次须由{1}进行。").format(exc, allowed))
            return
        except Exception as exc:
            message = failure_text(exc)
            if message is None:
                raise
            self._show_error(self.tr("保存失败：{0}").format(message))
            return
        super().accept()

    def _show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.show()
