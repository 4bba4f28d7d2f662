"""The evidence chain of a case: the nine statutory kinds with their gaps, the register, the procedural events.

A reviewer judges a case by what is missing as much as by what is there, so every kind of 《刑事诉讼法》第50条 is
listed with its count and a gap is marked. In a 零口供 case (no admitting statement) the five conditions a
conviction on circumstantial evidence must meet are shown beside the register as a read-only guide.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QItemSelection, QItemSelectionModel, Qt
from PySide6.QtGui import QBrush, QColor, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.case import EVIDENCE_CATEGORIES, Case, Event, Evidence, evidence_attribute_text
from desktop_app.ui.labels import joined, tr_label
from desktop_app.ui.layout import remember_splitter

CHAIN_BASIS = "《最高人民法院关于适用〈中华人民共和国刑事诉讼法〉的解释》第140条"
#: The five conditions of 第140条 for a conviction without direct evidence, in the article's order.
CHAIN_CONDITIONS: tuple[str, ...] = (
    "证据已经查证属实；",
    "证据之间相互印证，不存在无法排除的矛盾和无法解释的疑问；",
    "全案证据形成完整的证据链；",
    "根据证据认定案件事实足以排除合理怀疑，结论具有唯一性；",
    "运用证据进行的推理符合逻辑和经验。",
)

EVIDENCE_COLUMNS: tuple[str, ...] = (
    QT_TRANSLATE_NOOP("evidence_chain", "编号"),
    QT_TRANSLATE_NOOP("evidence_chain", "证据种类"),
    QT_TRANSLATE_NOOP("evidence_chain", "名称"),
    QT_TRANSLATE_NOOP("evidence_chain", "收集日期"),
    QT_TRANSLATE_NOOP("evidence_chain", "来源"),
    QT_TRANSLATE_NOOP("evidence_chain", "情况"),
)
EVENT_COLUMNS: tuple[str, ...] = (
    QT_TRANSLATE_NOOP("evidence_chain", "日期"),
    QT_TRANSLATE_NOOP("evidence_chain", "程序事件"),
    QT_TRANSLATE_NOOP("evidence_chain", "结果"),
    QT_TRANSLATE_NOOP("evidence_chain", "备注"),
)
GAP_COLOUR = QColor("#c62828")
SELECT_ROLE = Qt.ItemDataRole.UserRole + 1

def is_zero_confession(case: Case) -> bool:
    """A criminal case with evidence but no statement in which the suspect admits guilt (零口供)."""
    return (
        case.is_criminal
        and bool(case.evidence)
        and not any(e.attributes.get("admits_guilt") is True for e in case.evidence_of("suspect_statement"))
    )


def attributes_text(evidence: Evidence) -> str:
    """The documented attributes in words; an electronic item without a hash value says so."""
    parts = [text for key, value in evidence.attributes.items() if (text := evidence_attribute_text(key, value))]
    if evidence.category == "electronic_data" and not str(evidence.attributes.get("hash_value") or "").strip():
        parts.append(QCoreApplication.translate("evidence_chain", "未记录校验值"))
    return "；".join(parts)


def _row(values: Iterable[Any], key: str) -> list[QStandardItem]:
    items = []
    for value in values:
        item = QStandardItem("" if value is None else str(value))
        item.setEditable(False)
        item.setData(key, SELECT_ROLE)
        item.setToolTip(item.text())
        items.append(item)
    return items


def _table(model: QStandardItemModel) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
    view.horizontalHeader().setStretchLastSection(True)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    return view


class EvidenceChainView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.category_model = QStandardItemModel(0, 2, self)
        self.category_model.setHorizontalHeaderLabels([self.tr("证据种类"), self.tr("数量")])
        self.category_table = _table(self.category_model)
        self.category_table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.category_table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.category_table.horizontalHeader().setStretchLastSection(False)
        self.category_table.setMinimumWidth(300)
        # Shown whole when there is room; on a small screen it scrolls instead of being painted over.
        self.category_table.setMinimumHeight(4 * self.category_table.verticalHeader().defaultSectionSize())
        self.gaps_label = QLabel()
        self.gaps_label.setWordWrap(True)
        self.gaps_label.setStyleSheet("color: #c62828;")

        self.chain_guide = QGroupBox(self.tr("零口供案件：间接证据定案须同时符合的五项条件（审查指引，只读）"))
        guide_layout = QVBoxLayout(self.chain_guide)
        intro = QLabel(self.tr("本案没有犯罪嫌疑人、被告人认罪的供述。没有直接证据，但间接证据同时符合下列条件的，才可以认定有罪："))
        intro.setWordWrap(True)
        guide_layout.addWidget(intro)
        self.chain_items: list[QLabel] = []
        for number, text in enumerate(CHAIN_CONDITIONS, start=1):
            label = QLabel(f"（{number}）{text}")
            label.setWordWrap(True)
            guide_layout.addWidget(label)
            self.chain_items.append(label)
        self.chain_basis_label = QLabel(self.tr("依据：{0}").format(CHAIN_BASIS))
        self.chain_basis_label.setStyleSheet("color: #616161;")
        self.chain_basis_label.setWordWrap(True)
        guide_layout.addWidget(self.chain_basis_label)
        guide_layout.addStretch(1)

        self.evidence_model = QStandardItemModel(0, len(EVIDENCE_COLUMNS), self)
        self.evidence_model.setHorizontalHeaderLabels(
            [QCoreApplication.translate("evidence_chain", text) for text in EVIDENCE_COLUMNS]
        )
        self.evidence_table = _table(self.evidence_model)
        self.event_model = QStandardItemModel(0, len(EVENT_COLUMNS), self)
        self.event_model.setHorizontalHeaderLabels(
            [QCoreApplication.translate("evidence_chain", text) for text in EVENT_COLUMNS]
        )
        self.events_table = _table(self.event_model)

        categories_box = QWidget()
        categories_layout = QVBoxLayout(categories_box)
        categories_layout.setContentsMargins(0, 0, 0, 0)
        categories_layout.addWidget(QLabel(self.tr("证据种类（《中华人民共和国刑事诉讼法》第50条）")))
        categories_layout.addWidget(self.gaps_label)
        categories_layout.addWidget(self.category_table, 1)
        guide_scroll = QScrollArea()
        guide_scroll.setWidgetResizable(True)
        guide_scroll.setFrameShape(QFrame.Shape.NoFrame)
        guide_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        guide_scroll.setWidget(self.chain_guide)
        self._guide_scroll = guide_scroll
        top = QWidget()
        top_layout = QHBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(categories_box)
        top_layout.addWidget(guide_scroll, 1)

        self.evidence_title = QLabel()
        self.events_title = QLabel()
        evidence_box = QWidget()
        evidence_layout = QVBoxLayout(evidence_box)
        evidence_layout.setContentsMargins(0, 0, 0, 0)
        evidence_layout.addWidget(self.evidence_title)
        evidence_layout.addWidget(self.evidence_table, 1)
        events_box = QWidget()
        events_layout = QVBoxLayout(events_box)
        events_layout.setContentsMargins(0, 0, 0, 0)
        events_layout.addWidget(self.events_title)
        events_layout.addWidget(self.events_table, 1)

        splitter = QSplitter(Qt.Orientation.Vertical)
        for part in (top, evidence_box, events_box):
            splitter.addWidget(part)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setStretchFactor(2, 2)
        splitter.setChildrenCollapsible(False)
        remember_splitter(splitter, "evidenceChain")
        for table in (self.evidence_table, self.events_table):
            table.setMinimumHeight(4 * table.verticalHeader().defaultSectionSize())
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self.chain_guide.hide()
        guide_scroll.hide()
        self._counts: dict[str, int] = {}

    def set_case(self, case: Case) -> None:
        self._fill_categories(case)
        self.evidence_model.removeRows(0, self.evidence_model.rowCount())
        for e in case.evidence:
            collected = e.collected_on.isoformat() if e.collected_on else ""
            self.evidence_model.appendRow(
                _row((e.id, tr_label(e.category_label), e.title, collected, e.source, attributes_text(e)), e.id))
        self.evidence_title.setText(self.tr("证据清单（{0} 项）").format(len(case.evidence)))
        self.event_model.removeRows(0, self.event_model.rowCount())
        for event in sorted(case.events, key=lambda ev: ev.date):
            self.event_model.appendRow(_row(_event_values(event), event.date.isoformat()))
        self.events_title.setText(self.tr("程序事件（{0} 项）").format(len(case.events)))
        self.evidence_table.resizeColumnsToContents()
        self.events_table.resizeColumnsToContents()
        self.chain_guide.setVisible(is_zero_confession(case))
        self._guide_scroll.setVisible(is_zero_confession(case))

    def _fill_categories(self, case: Case) -> None:
        self.category_model.removeRows(0, self.category_model.rowCount())
        gaps = []
        self._counts = {code: len(case.evidence_of(code)) for code in EVIDENCE_CATEGORIES}
        for code, chinese in EVIDENCE_CATEGORIES.items():
            count, label = self._counts[code], tr_label(chinese)
            row = _row((label, f"{count}" if count else self.tr("0 ✗ 缺")), code)
            if not count:
                gaps.append(label)
                for item in row:
                    item.setForeground(QBrush(GAP_COLOUR))
            self.category_model.appendRow(row)
        self.gaps_label.setText(
            self.tr("缺少 {0} 种：{1}").format(len(gaps), joined(gaps)) if gaps else self.tr("九种证据均已收集。")
        )

    def gaps(self) -> list[str]:
        """Codes of the kinds with no evidence, in the statute's order."""
        return [code for code, count in self._counts.items() if not count]

    def select_evidence(self, ids: Iterable[str]) -> int:
        """Select the rows of these evidence ids (others deselected) and scroll to the first; returns how many."""
        return _select(self.evidence_table, set(ids))

    def select_events(self, dates: Iterable[dt.date]) -> int:
        """Select the events on these dates (a flag names events by date)."""
        return _select(self.events_table, {d.isoformat() for d in dates})

    def selected_evidence_ids(self) -> list[str]:
        return _selected(self.evidence_table)

    def selected_event_dates(self) -> list[str]:
        return _selected(self.events_table)


def _event_values(event: Event) -> tuple[str, ...]:
    return event.date.isoformat(), tr_label(event.kind_label), tr_label(event.outcome_label), event.note


def _select(view: QTableView, keys: set[str]) -> int:
    model = view.model()
    selection = QItemSelection()
    first = None
    for row in range(model.rowCount()):
        index = model.index(row, 0)
        if index.data(SELECT_ROLE) in keys:
            selection.select(index, model.index(row, model.columnCount() - 1))
            if first is None:
                first = index
    flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
    view.selectionModel().select(selection, flags)
    if first is not None:
        view.selectionModel().setCurrentIndex(first, QItemSelectionModel.SelectionFlag.NoUpdate)
        view.scrollTo(first)
    return len(selection.indexes()) // max(1, model.columnCount())


def _selected(view: QTableView) -> list[str]:
    return [str(index.data(SELECT_ROLE)) for index in view.selectionModel().selectedRows()]
