"""The case workspace: one case, its checklist walk, its flags and periods, its score, its evidence chain.

Everything a prosecutor needs to inspect a case is on one screen, so the walk never waits on a dialog: the score
and the proposed grade follow each saved answer, a flag leads to the evidence it is about, and the three kinds of
inspection (自查 / 部门核查 / 评查) of the same case are a drop-down away and can be compared side by side.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QHideEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.case import CASE_STATUSES, Case
from desktop_app.core.checklist_model import INSPECTION_KINDS
from desktop_app.core.evaluation import CaseAssessment, assess_case
from desktop_app.core.results import Flag
from desktop_app.core.scoring import ScoreResult, apply_override
from desktop_app.services.container import Services
from desktop_app.services.inspections import InspectionView
from desktop_app.services.permissions import default_kind
from desktop_app.ui.case_history import CaseHistory
from desktop_app.ui.checklist_walk import ChecklistWalk, failure_text
from desktop_app.ui.evidence_chain import EvidenceChainView
from desktop_app.ui.flags_panel import FlagsPanel
from desktop_app.ui.grade_override import GradeOverrideDialog
from desktop_app.ui.inspection_compare import InspectionCompare
from desktop_app.ui.labels import tr_label
from desktop_app.ui.layout import remember_splitter
from desktop_app.ui.rectification_panel import RectificationPanel
from desktop_app.ui.risk_panel import RiskTabs

GRADE_COLOURS: dict[str, str] = {
    "excellent": "#2e7d32",
    "qualified": "#1565c0",
    "flawed": "#ef6c00",
    "unqualified": "#d32f2f",
}


class ScorePanel(QGroupBox):
    """Score, proposed grade and why; a reviewer's override shown beside the proposal, never instead of it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("评分与等次"), parent)
        self.score_label = QLabel()
        self.score_label.setStyleSheet("font-size: 22px; font-weight: bold;")
        self.grade_label = QLabel()
        self.grade_label.setStyleSheet("font-size: 16px;")
        self.override_label = QLabel()
        self.override_label.setWordWrap(True)
        self.reasons_label = QLabel()
        self.reasons_label.setWordWrap(True)
        self.reasons_label.setStyleSheet("color: #616161;")
        self.reasons_label.setTextFormat(Qt.TextFormat.PlainText)
        self.override_button = QPushButton(self.tr("改定等次…"))
        top = QHBoxLayout()
        top.addWidget(self.score_label)
        top.addSpacing(12)
        top.addWidget(self.grade_label, 1)
        top.addWidget(self.override_button)
        # The reasons scroll in a narrow side panel instead of being squeezed under the score.
        reasons = QScrollArea()
        reasons.setWidgetResizable(True)
        reasons.setFrameShape(QFrame.Shape.NoFrame)
        reasons.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        reasons.setWidget(self.reasons_label)
        reasons.setMinimumHeight(3 * self.reasons_label.fontMetrics().lineSpacing())
        self.reasons_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.override_label)
        layout.addWidget(reasons, 1)

    def show_score(self, score: ScoreResult) -> None:
        self.score_label.setText(self.tr("{0:g} 分").format(score.score))
        colour = GRADE_COLOURS.get(score.proposed_code, "#424242")
        self.grade_label.setText(
            self.tr("拟评等次：<b style='color:{0};'>{1}</b>").format(colour, html.escape(score.proposed_label))
        )
        if score.override:
            colour = GRADE_COLOURS.get(score.override.grade_code, "#424242")
            self.override_label.setText(
                self.tr("改定等次：<b style='color:{0};'>{1}</b>　理由：{2}").format(
                    colour, html.escape(score.override.grade), html.escape(score.override.reason)
                )
            )
        self.override_label.setVisible(score.override is not None)
        self.reasons_label.setText("\n".join(score.reasons))


class CaseWorkspace(QWidget):
    """`caseChanged(case_no)` after an answer or an override is saved; `editRequested(case_no)` to edit the case."""

    caseChanged = Signal(str)
    editRequested = Signal(str)
    exportRequested = Signal(str)

    def __init__(self, services: Services, case_no: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self._case_no = case_no
        self._case: Case | None = None
        self._view: InspectionView | None = None
        self._assessment: CaseAssessment | None = None
        self._score: ScoreResult | None = None
        self.override_dialog: GradeOverrideDialog | None = None

        self.walk = ChecklistWalk(services)
        self.walk.answered.connect(self._answer_saved)
        self.evidence_chain = EvidenceChainView()
        self.compare = InspectionCompare(services, case_no)
        self.rectification = RectificationPanel(services, case_no)
        self.flags_panel = FlagsPanel()
        self.flags_panel.flagActivated.connect(self.show_flag)
        self.score_panel = ScorePanel()
        self.score_panel.override_button.clicked.connect(self.open_override_dialog)

        self.tabs = QTabWidget()
        self.tabs.addTab(self.walk, self.tr("检查表"))
        self.tabs.addTab(self.evidence_chain, self.tr("证据链"))
        self.tabs.addTab(self.compare, self.tr("检查对比"))
        self.tabs.addTab(self.rectification, self.tr("整改清单"))
        self.history = CaseHistory(services, case_no)
        self.tabs.addTab(self.history, self.tr("变更记录"))
        self.tabs.currentChanged.connect(self._tab_changed)
        self.risk_tabs = RiskTabs(services, self.tabs)
        self.risk_tabs.panel.changed.connect(self.caseChanged)

        side = QSplitter(Qt.Orientation.Vertical)
        side.addWidget(self.score_panel)
        side.addWidget(self.flags_panel)
        side.setStretchFactor(0, 1)
        side.setStretchFactor(1, 2)
        side.setChildrenCollapsible(False)
        remember_splitter(side, "workspaceSide")
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.tabs)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        remember_splitter(splitter, "workspace")

        layout = QVBoxLayout(self)
        layout.addWidget(self._build_header())
        layout.addWidget(splitter, 1)
        self.reload()
        self.walk.view.setFocus(Qt.FocusReason.OtherFocusReason)

    def _build_header(self) -> QWidget:
        header = QFrame()
        header.setFrameShape(QFrame.Shape.StyledPanel)
        self.case_no_label = QLabel()
        self.case_no_label.setStyleSheet("font-size: 16px; font-weight: bold;")
        self.title_label = QLabel()
        self.title_label.setStyleSheet("font-size: 16px;")
        self.type_label = QLabel()
        self.prosecutor_label = QLabel()
        self.status_label = QLabel()
        self.status_label.setStyleSheet("color: #616161;")
        for label in (self.case_no_label, self.title_label):
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.edit_button = QPushButton(self.tr("编辑案件信息(&E)…"))
        self.edit_button.clicked.connect(lambda: self.editRequested.emit(self._case_no))
        self.export_button = QPushButton(self.tr("导出本案(&X)…"))
        self.export_button.setToolTip(self.tr("导出本案的评查表（Excel 或 PDF）或案件文件"))
        self.export_button.clicked.connect(lambda: self.exportRequested.emit(self._case_no))
        self.kind_box = QComboBox()
        for kind, label in INSPECTION_KINDS.items():
            self.kind_box.addItem(tr_label(label), kind)
        self.kind_box.setCurrentIndex(self.kind_box.findData(default_kind(self.services.actor)))
        self.kind_box.activated.connect(lambda _: self.set_kind(str(self.kind_box.currentData())))
        kind_label = QLabel(self.tr("检查方式(&K)："))
        kind_label.setBuddy(self.kind_box)
        self.inspection_label = QLabel()
        self.inspection_label.setStyleSheet("color: #616161;")

        first = QHBoxLayout()
        first.addWidget(self.case_no_label)
        first.addSpacing(12)
        first.addWidget(self.title_label, 1)
        first.addWidget(self.export_button)
        first.addWidget(self.edit_button)
        second = QHBoxLayout()
        for label in (self.type_label, self.prosecutor_label, self.status_label):
            second.addWidget(label)
            second.addSpacing(20)
        second.addStretch(1)
        second.addWidget(self.inspection_label)
        second.addSpacing(12)
        second.addWidget(kind_label)
        second.addWidget(self.kind_box)
        layout = QVBoxLayout(header)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.addLayout(first)
        layout.addLayout(second)
        return header

    # --- public --------------------------------------------------------------------------------------------
    @property
    def case_no(self) -> str:
        return self._case_no

    @property
    def case(self) -> Case | None:
        return self._case

    @property
    def kind(self) -> str:
        return str(self.kind_box.currentData())

    @property
    def inspection(self) -> InspectionView | None:
        """The inspection being walked, as it was opened (its answers live in the walk)."""
        return self._view

    @property
    def assessment(self) -> CaseAssessment | None:
        return self._assessment

    @property
    def score(self) -> ScoreResult | None:
        """The score shown, with the reviewer's override applied when there is one."""
        return self._score

    def reload(self, case_no: str | None = None) -> None:
        """Read the case again (after it was edited, possibly renamed): header, applicability, flags, evidence."""
        if case_no is not None:
            self._case_no = case_no
        previous = self._case
        case = self.services.cases.get(self._case_no)
        self._case = case
        self._show_header(case)
        self.risk_tabs.set_case(case)
        self.evidence_chain.set_case(case)
        self.compare.case_no = case.case_no
        self.rectification.case_no = case.case_no
        if self._view is None or previous is None or previous.case_type != case.case_type:
            self.set_kind(self.kind)
        else:
            self.walk.set_case(case)
            self._refresh_assessment()
        if self.tabs.currentWidget() is self.compare:
            self.compare.reload()
        if self.tabs.currentWidget() is self.rectification:
            self.rectification.refresh()
        if self.tabs.currentWidget() is self.history:
            self.history.reload(self._case_no)

    def set_kind(self, kind: str) -> None:
        """Walk the current user's inspection of this kind, starting it if there is none yet."""
        self.kind_box.setCurrentIndex(self.kind_box.findData(kind))
        assert self._case is not None
        try:
            view = self.services.inspections.open(self.services.actor, self._case_no, kind)
        except Exception as exc:
            message = failure_text(exc)
            if message is None:
                raise
            self._view = None
            self.walk.show_unavailable(self.tr("无法打开{0}：{1}").format(tr_label(INSPECTION_KINDS[kind]), message))
            self.inspection_label.setText("")
        else:
            self._view = view
            self.walk.set_inspection(view, self._case)
            self.inspection_label.setText(
                self.tr("检查人：{0}　检查表版本：{1}").format(view.info.inspector, view.info.template_version)
            )
        self.score_panel.override_button.setEnabled(self._view is not None)
        self._refresh_assessment()

    def show_flag(self, flag: Flag) -> None:
        """Show what a flag is about: its evidence rows and its events, in the evidence-chain tab."""
        if not flag.evidence_ids and not flag.event_dates:
            return
        self.tabs.setCurrentWidget(self.evidence_chain)
        self.evidence_chain.select_evidence(flag.evidence_ids)
        self.evidence_chain.select_events(flag.event_dates)
        if flag.evidence_ids:
            self.evidence_chain.evidence_table.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.evidence_chain.events_table.setFocus(Qt.FocusReason.OtherFocusReason)

    def open_override_dialog(self) -> GradeOverrideDialog | None:
        if self._view is None or self._score is None:
            return None
        dialog = GradeOverrideDialog(self.services, self._view.info.id, self._score, self,
                                     expected_version=self.walk.version)
        dialog.accepted.connect(lambda: self._override_saved(dialog.saved_version))
        dialog.conflicted.connect(lambda: self.set_kind(self.kind))
        dialog.finished.connect(dialog.deleteLater)
        self.override_dialog = dialog
        dialog.open()
        return dialog

    # --- internals -----------------------------------------------------------------------------------------
    def _show_header(self, case: Case) -> None:
        self.setWindowTitle(f"{case.case_no} {case.title}")
        self.case_no_label.setText(case.case_no)
        self.title_label.setText(case.title)
        self.type_label.setText(self.tr("类型：{0}").format(tr_label(case.case_type_label)))
        self.prosecutor_label.setText(
            self.tr("承办人：{0}").format(case.prosecutor) + (self.tr("（{0}）").format(case.department) if case.department else "")
        )
        status = self.tr("受理：{0}").format(case.received_on.isoformat())
        if case.closed_on:
            status += self.tr("　办结：{0}").format(case.closed_on.isoformat())
        status += f"　{tr_label(CASE_STATUSES.get(self.services.cases.status_of(case.case_no), ''))}"
        self.status_label.setText(status)

    def _refresh_assessment(self) -> None:
        """Score the inspection being walked, with its own answers against its pinned template."""
        assert self._case is not None
        view = self._view
        assessment = assess_case(self._case, self.services.derived.today(), self.services.context,
                                 answers=self.walk.answers() if view else {}, template=view.template if view else None)
        score = assessment.score
        override = self.services.inspections.override_of(view.info.id) if view else None
        if override is not None:
            score = apply_override(score, override.grade_code, override.reason)
        self._assessment, self._score = assessment, score
        self.score_panel.show_score(score)
        self.flags_panel.set_results(assessment.evaluation.flags, assessment.evaluation.deadlines)

    def _answer_saved(self, item_id: str) -> None:
        self._refresh_assessment()
        self.rectification.schedule_refresh()
        self.caseChanged.emit(self._case_no)

    def _override_saved(self, version: int | None = None) -> None:
        if version is not None:
            self.walk.wrote_version(version)  # the override counted the walked inspection up; answering goes on
        self._refresh_assessment()
        self.caseChanged.emit(self._case_no)

    def hideEvent(self, event: QHideEvent) -> None:
        """Leaving the case (another tab, closing the window) stores what the last answers changed in 整改."""
        self.rectification.flush()
        super().hideEvent(event)

    def _tab_changed(self, index: int) -> None:
        if self.tabs.widget(index) is self.compare:
            self.compare.reload(self._case_no)
        elif self.tabs.widget(index) is self.rectification:
            self.rectification.refresh()
        elif self.tabs.widget(index) is self.history:
            self.history.reload(self._case_no)
