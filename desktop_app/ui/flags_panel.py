"""The flags of a case and its statutory periods, coloured by how much they matter.

A flag is a finding a prosecutor must be able to check, so each shows its legal basis (marked 未经核实 where the
article is not confirmed) and what to do; one that names evidence or events can be clicked to see them.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal, Slot
from PySide6.QtGui import QBrush, QColor, QKeyEvent, QMouseEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHeaderView,
    QLabel,
    QScrollArea,
    QSplitter,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.results import SEVERITIES, Deadline, Flag
from desktop_app.ui.labels import joined, tr_label
from desktop_app.ui.law_text import ArticleTextView

#: (strong colour for the marker and tag, light tint for the card) per severity.
SEVERITY_COLOURS: dict[str, tuple[str, str]] = {
    "critical": ("#d32f2f", "#fdecea"),
    "major": ("#ef6c00", "#fff3e0"),
    "minor": ("#f9a825", "#fffde7"),
    "info": ("#1976d2", "#e3f2fd"),
}
STATUS_COLOURS: dict[str, str] = {
    "met": "#2e7d32",
    "open": "#1565c0",
    "due_soon": "#ef6c00",
    "overdue": "#d32f2f",
    "suspended": "#546e7a",
}
UNVERIFIED_MARK = QT_TRANSLATE_NOOP("flags_panel", "（未经核实）")


def days_left_text(deadline: Deadline) -> str:
    if deadline.status == "suspended":
        return QCoreApplication.translate("flags_panel", "期限中止")
    if deadline.days_left is None:
        return (
            QCoreApplication.translate("flags_panel", "已于 {0} 完成").format(deadline.done_on.isoformat())
            if deadline.done_on
            else "—"
        )
    if deadline.days_left < 0:
        return QCoreApplication.translate("flags_panel", "已超期 {0} 天").format(-deadline.days_left)
    return (
        QCoreApplication.translate("flags_panel", "今天届满")
        if deadline.days_left == 0
        else QCoreApplication.translate("flags_panel", "剩余 {0} 天").format(deadline.days_left)
    )


def flag_target_text(flag: Flag) -> str:
    """The line that tells a person the card leads somewhere, and where."""
    parts = []
    if flag.evidence_ids:
        parts.append(QCoreApplication.translate("flags_panel", "证据 ") + joined(flag.evidence_ids))
    if flag.event_dates:
        parts.append(
            QCoreApplication.translate("flags_panel", "程序事件 ") + joined(d.isoformat() for d in flag.event_dates)
        )
    return QCoreApplication.translate("flags_panel", "涉及：{0}（点击在“证据链”中查看）").format(joined(parts, "；")) if parts else ""


class FlagCard(QFrame):
    """One flag; a click (or Enter/Space when focused) asks to show what it is about."""

    activated = Signal(object)

    def __init__(self, flag: Flag, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.flag = flag
        strong, tint = SEVERITY_COLOURS.get(flag.severity, SEVERITY_COLOURS["info"])
        self.setObjectName("flagCard")
        self.setStyleSheet(f"#flagCard {{ background: {tint}; border-left: 6px solid {strong}; border-radius: 3px; }}"
                           "#flagCard:focus { border: 1px solid #424242; border-left: 6px solid " + strong + "; }")
        severity = tr_label(SEVERITIES.get(flag.severity, flag.severity))
        self.title_label = QLabel(f"<span style='color:{strong};'>【{severity}】</span><b>{html.escape(flag.title)}</b>"
                                  f"<br><span style='color:#9e9e9e; font-size:small;'>{html.escape(flag.rule)}</span>")
        self.message_label = QLabel(flag.message)
        basis = flag.legal_basis + ("" if flag.verified else QCoreApplication.translate("flags_panel", UNVERIFIED_MARK))
        self.basis_label = QLabel(self.tr("依据：{0}").format(basis))
        self.basis_label.setStyleSheet("color: #424242;")
        self.suggestion_label = QLabel(self.tr("建议：{0}").format(flag.suggestion) if flag.suggestion else "")
        self.suggestion_label.setVisible(bool(flag.suggestion))
        self.target_label = QLabel(flag_target_text(flag))
        self.target_label.setStyleSheet("color: #1565c0;")
        self.target_label.setVisible(bool(self.target_label.text()))
        # The article text is filled in on first use: a case may have many cards and few are opened.
        self.article_button = QToolButton()
        self.article_button.setText(self.tr("法条原文 ▸"))
        self.article_button.setCheckable(True)
        self.article_button.setAutoRaise(True)
        self.article_button.setVisible(bool(flag.legal_basis.strip()))
        self.article_button.toggled.connect(self._show_articles)
        self.article_view = ArticleTextView(max_height=160)
        self.article_view.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 8, 6)
        layout.setSpacing(3)
        for label in (self.title_label, self.message_label, self.basis_label, self.suggestion_label,
                      self.target_label):
            label.setWordWrap(True)
            if label is not self.title_label:
                label.setTextFormat(Qt.TextFormat.PlainText)
            layout.addWidget(label)
            if label is self.basis_label:
                layout.addWidget(self.article_button, 0, Qt.AlignmentFlag.AlignLeft)
                layout.addWidget(self.article_view)
        if flag.evidence_ids or flag.event_dates:
            self.setCursor(Qt.CursorShape.PointingHandCursor)
            self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setToolTip(flag.rule)

    def text(self) -> str:
        """Everything the card says, as plain text (for copying and for tests)."""
        return "\n".join(label.text() for label in (self.message_label, self.basis_label, self.suggestion_label))

    @Slot(bool)
    def _show_articles(self, shown: bool) -> None:
        if shown and not self.article_view.toPlainText():
            self.article_view.set_basis(self.flag.legal_basis)
        self.article_view.setVisible(shown)
        self.article_button.setText(self.tr("法条原文 ▾") if shown else self.tr("法条原文 ▸"))

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.activated.emit(self.flag)
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.activated.emit(self.flag)
            return
        super().keyPressEvent(event)


class FlagsPanel(QWidget):
    """`flagActivated(Flag)` when a person clicks a flag."""

    flagActivated = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.cards: list[FlagCard] = []
        self.flags_title = QLabel()
        self.flags_title.setStyleSheet("font-weight: bold;")
        self._cards_host = QWidget()
        self._cards_layout = QVBoxLayout(self._cards_host)
        self._cards_layout.setContentsMargins(0, 0, 0, 0)
        self._cards_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(self._cards_host)
        self.empty_label = QLabel(self.tr("未发现风险提示。"))
        self.empty_label.setStyleSheet("color: #2e7d32;")

        self.deadlines_title = QLabel(self.tr("办案期限"))
        self.deadlines_title.setStyleSheet("font-weight: bold;")
        self.deadline_table = QTreeWidget()
        self.deadline_table.setHeaderLabels([self.tr("期限"), self.tr("届满日"), self.tr("状态"), self.tr("剩余")])
        self.deadline_table.setRootIsDecorated(False)
        self.deadline_table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.deadline_table.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.deadline_table.header().setStretchLastSection(False)
        self.deadline_table.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.no_deadlines_label = QLabel(self.tr("本案不涉及法定办案期限。"))
        self.no_deadlines_label.setStyleSheet("color: #757575;")

        flags_box = QWidget()
        flags_layout = QVBoxLayout(flags_box)
        flags_layout.setContentsMargins(0, 0, 0, 0)
        flags_layout.addWidget(self.flags_title)
        flags_layout.addWidget(self.empty_label)
        flags_layout.addWidget(scroll, 1)
        deadlines_box = QWidget()
        deadlines_layout = QVBoxLayout(deadlines_box)
        deadlines_layout.setContentsMargins(0, 0, 0, 0)
        deadlines_layout.addWidget(self.deadlines_title)
        deadlines_layout.addWidget(self.no_deadlines_label)
        deadlines_layout.addWidget(self.deadline_table, 1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(flags_box)
        splitter.addWidget(deadlines_box)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self.set_results([], [])

    def set_results(self, flags: Sequence[Flag], deadlines: Sequence[Deadline]) -> None:
        for card in self.cards:
            card.deleteLater()
        self.cards = []
        for flag in flags:
            card = FlagCard(flag)
            card.activated.connect(self.flagActivated)
            self._cards_layout.insertWidget(self._cards_layout.count() - 1, card)
            self.cards.append(card)
        self.flags_title.setText(self.tr("风险提示（{0}）").format(len(flags)))
        self.empty_label.setVisible(not flags)

        self.deadline_table.clear()
        for deadline in deadlines:
            status = tr_label(deadline.status_label)
            row = QTreeWidgetItem([deadline.name, deadline.due.isoformat(), status, days_left_text(deadline)])
            colour = QBrush(QColor(STATUS_COLOURS.get(deadline.status, "#424242")))
            row.setForeground(2, colour)
            row.setForeground(3, colour)
            basis = deadline.legal_basis + (
                "" if deadline.verified else QCoreApplication.translate("flags_panel", UNVERIFIED_MARK)
            )
            tip = [
                self.tr("起算：{0}　届满：{1}").format(deadline.start.isoformat(), deadline.due.isoformat()),
                self.tr("依据：{0}").format(basis),
                *deadline.notes,
            ]
            for column in range(4):
                row.setToolTip(column, "\n".join(tip))
            self.deadline_table.addTopLevelItem(row)
        self.deadline_table.setVisible(bool(deadlines))
        self.no_deadlines_label.setVisible(not deadlines)

    def card_for(self, rule: str) -> FlagCard | None:
        return next((card for card in self.cards if card.flag.rule == rule), None)
