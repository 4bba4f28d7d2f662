"""A reviewer replaces the proposed grade: the grade and a written reason, both required, kept in the audit trail.

Whether the current user may do this is the service's decision; a refusal is shown as a plain sentence in the
dialog, which stays open so nothing typed is lost.
"""

from __future__ import annotations

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
from desktop_app.services.errors import PermissionDenied
from desktop_app.ui.checklist_walk import failure_text
from desktop_app.ui.labels import joined, tr_label


class GradeOverrideDialog(QDialog):
    def __init__(self, services: Services, inspection_id: int, score: ScoreResult,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.inspection_id = inspection_id
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
            self.services.inspections.override_grade(self.services.actor, self.inspection_id, self.grade_code(),
                                                     reason, self.score.proposed_code, self.score.score)
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
