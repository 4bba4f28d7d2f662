"""The 三色码 tab of an arrest-review workspace, and the 类案比对 tab of a sentenced case.

`RiskTabs` adds either tab to the workspace only for the cases it applies to, so the workspace itself needs two
lines: create it, and hand it each case it shows. Everything is computed by `RiskService`; these widgets draw.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.case import Case
from desktop_app.core.risk.social_danger import COLOURS, MANDATORY_INDICATOR, applies
from desktop_app.services.container import Services
from desktop_app.services.errors import ServiceError
from desktop_app.services.risk import DECISIONS, RiskService, RiskView
from desktop_app.ui.labels import joined
from desktop_app.ui.peer_chart import PeerComparison

COLOUR_HEX = {"red": "#d32f2f", "yellow": "#f9a825", "green": "#2e7d32"}


class RiskPanel(QWidget):
    """Colour, score and reasons; the indicators still open; the single answers that would change the colour."""

    changed = Signal(str)

    def __init__(self, services: Services, risk: RiskService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.risk = risk
        self.view: RiskView | None = None
        self.badge = QLabel()
        self.badge.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.badge.setMinimumSize(120, 56)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.reasons = QListWidget()
        self.missing = QListWidget()
        self.changes = QListWidget()
        for widget in (self.reasons, self.missing, self.changes):
            widget.setWordWrap(True)
            widget.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.decision_label = QLabel()
        self.decision_label.setWordWrap(True)
        self.reason_button = QPushButton(self.tr("说明不一致的理由(&Y)…"))
        self.reason_button.clicked.connect(self.ask_reason)
        self.error_label = QLabel()
        self.error_label.setStyleSheet("color: #d32f2f;")
        self.error_label.hide()
        top = QHBoxLayout()
        top.addWidget(self.badge)
        top.addWidget(self.summary, 1)
        decision = QHBoxLayout()
        decision.addWidget(self.decision_label, 1)
        decision.addWidget(self.reason_button)
        lists = QHBoxLayout()
        for title, widget in ((self.tr("理由（已具备的指标）"), self.reasons), (self.tr("尚未查明的指标"), self.missing),
                              (self.tr("改变颜色的情形"), self.changes)):
            box = QGroupBox(title)
            QVBoxLayout(box).addWidget(widget)
            lists.addWidget(box, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(decision)
        layout.addWidget(self.error_label)
        layout.addLayout(lists, 1)

    def set_case(self, case: Case) -> None:
        self.view = view = self.risk.view_of(case)
        if view is None:
            return
        result, model = view.assessment, self.risk.model
        colour = COLOUR_HEX[result.colour]
        self.badge.setText(COLOURS[result.colour])
        self.badge.setStyleSheet(f"background:{colour}; color:white; font-size:22px; font-weight:bold;"
                                 "border-radius:6px; padding:6px;")
        mandatory = self.tr("；属于应当逮捕的情形（刑事诉讼法第81条第3款），不论分值一律红色") if result.mandatory else ""
        self.summary.setText(
            self.tr(
                "社会危险性量化评估（模型版本 {0}）：得分 {1:g}，红色阈值 {2:g}、黄色阈值 {3:g}{4}。三色码是辅助参考，不代替检察官对逮捕条件的审查判断。"
            ).format(html.escape(result.version), result.score, model.red, model.yellow, mandatory)
        )
        self.reasons.clear()
        for reason in result.reasons:
            weight = "" if reason.weight is None else self.tr("（{0:+g}）").format(reason.weight)
            item = QListWidgetItem(
                self.tr("{0}{1}\n依据：{2}").format(
                    view.reason_text(model, reason.indicator), weight, reason.legal_basis
                )
            )
            item.setData(Qt.ItemDataRole.UserRole, reason.indicator)
            if reason.indicator == MANDATORY_INDICATOR:
                item.setForeground(Qt.GlobalColor.red)
            self.reasons.addItem(item)
        self.missing.clear()
        for indicator_id in result.missing:
            found = model.indicator(indicator_id)
            text = self.tr("{0}（证据：{1}）").format(found.text, found.evidence) if found else indicator_id
            self.missing.addItem(QListWidgetItem(text))
        self.changes.clear()
        for change in view.changes:
            verb = self.tr("查明具备") if change.value else self.tr("排除")
            self.changes.addItem(QListWidgetItem(f"{verb}“{change.text}” → {COLOURS[change.colour]}"))
        if not view.changes:
            self.changes.addItem(QListWidgetItem(self.tr("单独一项的回答不会改变颜色")))
        self._show_decision(view)

    def _show_decision(self, view: RiskView) -> None:
        if view.decision is None:
            text = self.tr("尚未作出逮捕决定。")
        else:
            text = self.tr("已作出决定：{0}。").format(DECISIONS[view.decision])
            if view.disagrees:
                text += self.tr("<b style='color:#d32f2f;'>决定与三色码不一致，</b>")
                if view.review:
                    text += self.tr("理由（{0}，{1}）：{2}").format(
                        html.escape(str(view.review.get("by", ""))),
                        html.escape(str(view.review.get("on", ""))),
                        html.escape(str(view.review["reason"])),
                    )
                else:
                    text += self.tr("请说明理由。")
        self.decision_label.setText(text)
        self.reason_button.setVisible(view.disagrees)

    def ask_reason(self) -> None:
        if self.view is None:
            return
        reason, ok = QInputDialog.getMultiLineText(self, self.tr("决定与三色码不一致"), self.tr("请说明作出该决定的理由（将记入案件和审计记录）："),
                                                   str((self.view.review or {}).get("reason", "")))
        if ok:
            self.save_reason(reason)

    def save_reason(self, reason: str) -> bool:
        if self.view is None:
            return False
        try:
            self.risk.record_disagreement(self.services.actor, self.view.case_no, reason, self.services.derived.today())
        except ServiceError as exc:
            self.error_label.setText(self.tr("无法保存：") + joined(exc.problems, "；"))
            self.error_label.show()
            return False
        self.error_label.hide()
        self.set_case(self.services.cases.get(self.view.case_no))
        self.changed.emit(self.view.case_no)
        return True


class RiskTabs(QObject):
    """Adds the 三色码 and 类案比对 tabs to a workspace's tab widget for the cases they apply to."""

    openCase = Signal(str)

    def __init__(self, services: Services, tabs: QTabWidget) -> None:
        super().__init__(tabs)
        self.tabs = tabs
        self.risk = RiskService(services.database, services.cases)
        self.panel = RiskPanel(services, self.risk)
        self.peers = PeerComparison(self.risk)
        self.peers.openCase.connect(self.openCase)

    def set_case(self, case: Case) -> None:
        self._show(self.panel, self.tr("三色码"), applies(case))
        if applies(case):
            self.panel.set_case(case)
        sentenced = isinstance(case.facts.get("sentencing"), dict)
        self._show(self.peers, self.tr("类案比对"), sentenced)
        if sentenced:
            self.peers.set_case(case.case_no)

    def _show(self, widget: QWidget, title: str, wanted: bool) -> None:
        index = self.tabs.indexOf(widget)
        if wanted and index < 0:
            self.tabs.addTab(widget, title)
        elif not wanted and index >= 0:
            self.tabs.removeTab(index)
