"""Practice on the sample cases: read the file, walk its checklist as at work, submit, and compare with the key.

A trainee learns to inspect by doing it, so the case is shown the way a file is read (basic facts, evidence, the
procedural events) and answered in the very checklist walk used at work (`ChecklistWalk`: the same keys, notes and
undo), without the key in sight. Only after submitting do the agreement per item, the problems missed, the false
alarms, the key's explanations with the article texts and the program's own findings appear. The answers stay in
memory; only the result of a submitted run is saved, per trainee.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.case import ANSWER_VALUES, INVESTIGATORS, POSSIBLE_SENTENCES, Answer, Case
from desktop_app.core.evaluation import evaluate_case
from desktop_app.core.practice import OUTCOMES, ItemOutcome, PracticeResult, compare_walk
from desktop_app.core.training import ITEM_EXPECTATIONS
from desktop_app.services.container import Services
from desktop_app.services.errors import ServiceError
from desktop_app.services.samples import Sample, load_samples
from desktop_app.services.training_results import ClassReport, class_report, save_result
from desktop_app.ui.checklist_walk import ChecklistWalk, failure_text
from desktop_app.ui.evidence_chain import EvidenceChainView
from desktop_app.ui.flags_panel import FlagsPanel
from desktop_app.ui.layout import fit_to_screen, remember_splitter

OUTCOME_COLOURS: dict[str, str] = {"agreed": "#2e7d32", "missed": "#c62828", "false_alarm": "#ef6c00",
                                   "differs": "#6a1b9a"}
#: Labels of the documented `facts` keys and of those the shipped samples use; other keys are shown as they are.
FACT_LABELS: dict[str, str] = {
    "defamation_posts": "诽谤信息",
    "defamation_views": "实际被点击、浏览次数",
    "defamation_forwards": "被转发次数",
    "defamation_penalized_within_2y": "二年内曾因诽谤受过行政处罚",
    "defamation_other_serious": "有其他情节严重的情形",
    "defamation_public_order": "严重危害社会秩序和国家利益",
    "administrative_penalty_needed": "被不起诉人需要给予行政处罚",
    "seizure_pending": "查封、扣押、冻结尚未解除",
    "damages_law": "惩罚性赔偿的法律依据",
    "price_paid": "价款（元）",
    "loss": "损失（元）",
    "claimed_amount": "主张的惩罚性赔偿金额（元）",
    "posted_on": "发布日期",
    "views": "浏览次数",
    "forwards": "转发次数",
    "previously_handled": "已经处理",
    "note": "备注",
    "original_judgment_no": "原裁判文书号",
    "administrative_agency": "行政机关",
    "outcome": "审查结果",
    "competent_authority": "主管机关",
    "proposed_penalty": "建议的行政处罚",
    "seized_items": "查封、扣押的财物",
    "court": "执行法院",
    "execution_case_no": "执行案号",
    "outstanding_amount": "未执行到位金额（元）",
    "dispute": "案由",
    "requested_state": "被请求国",
    "respondent_agency": "行政机关",
    "suggestion_issued_on": "检察建议发出日期",
    "reply_received_on": "收到回复日期",
    "defendant": "被告",
}
FACT_CODES: dict[str, dict[str, str]] = {
    "damages_law": {"food_safety_148": "《中华人民共和国食品安全法》第148条",
                    "consumer_55_1": "《中华人民共和国消费者权益保护法》第55条第1款",
                    "consumer_55_2": "《中华人民共和国消费者权益保护法》第55条第2款"},
}


def fact_text(key: str, value: Any) -> str:
    if isinstance(value, bool):
        return "是" if value else "否"
    if key in FACT_CODES:
        return FACT_CODES[key].get(str(value), str(value))
    if isinstance(value, list):
        return "、".join(fact_text(key, v) for v in value)
    if isinstance(value, int | float):
        return f"{value:,}"
    return str(value)


def fact_item(key: str, label: str, value: Any) -> QTreeWidgetItem:
    """One fact as a row; a record or a list of records (e.g. each defamatory post) opens into one row per field."""
    if isinstance(value, Mapping):
        item = QTreeWidgetItem([label, ""])
        for child_key, child in value.items():
            item.addChild(fact_item(child_key, FACT_LABELS.get(child_key, child_key), child))
        return item
    if isinstance(value, list) and value and all(isinstance(entry, Mapping) for entry in value):
        item = QTreeWidgetItem([label, f"共 {len(value)} 条"])
        for number, entry in enumerate(value, start=1):
            item.addChild(fact_item(key, f"第 {number} 条", entry))
        return item
    text = fact_text(key, value)
    item = QTreeWidgetItem([label, text])
    item.setToolTip(1, text)
    return item


class CaseSummary(QWidget):
    """The case's basic fields and its facts, read-only."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.form_host = QWidget()
        self.form = QFormLayout(self.form_host)
        self.form.setContentsMargins(0, 0, 0, 0)
        self.facts = QTreeWidget()
        self.facts.setHeaderLabels(["事实", "内容"])
        self.facts.setWordWrap(True)
        self.facts.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form_host)
        layout.addWidget(QLabel("案件事实"))
        layout.addWidget(self.facts, 1)

    def set_case(self, case: Case) -> None:
        while self.form.rowCount():
            self.form.removeRow(0)
        for label, text in self._fields(case):
            value = QLabel(text)
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.form.addRow(f"{label}：", value)
        self.facts.clear()
        for key, value in case.facts.items():
            self.facts.addTopLevelItem(fact_item(key, FACT_LABELS.get(key, key), value))
        if not case.facts:
            self.facts.addTopLevelItem(QTreeWidgetItem(["（无）", "本案未记录其他事实，请查看证据和程序事件。"]))
        self.facts.expandAll()

    @staticmethod
    def _fields(case: Case) -> list[tuple[str, str]]:
        prosecutor = case.prosecutor + (f"（{case.department}）" if case.department else "")
        fields = [("案号", case.case_no), ("案件名称", case.title), ("案件类型", case.case_type_label),
                  ("承办检察官", prosecutor), ("受理日期", case.received_on.isoformat()),
                  ("办结日期", case.closed_on.isoformat() if case.closed_on else "尚未办结")]
        if case.is_criminal:
            fields += [("罪名", "、".join(case.charges) or "—"), ("羁押状态", "在押" if case.in_custody else "未羁押"),
                       ("可能判处的刑罚", POSSIBLE_SENTENCES.get(case.possible_sentence or "", "—")),
                       ("认罪认罚", "是" if case.plea_agreement else "否"),
                       ("速裁程序", "是" if case.fast_track else "否"),
                       ("未成年人", "是" if case.suspect_minor else "否"),
                       ("侦查（调查）机关", INVESTIGATORS.get(case.investigated_by or "", "—"))]
        return fields


def outcome_html(outcome: ItemOutcome) -> str:
    """One disagreement as the trainee reads it: the item, both answers, the key's explanation, basis and articles."""
    colour = OUTCOME_COLOURS[outcome.outcome]
    parts = [f"<p><b style='color:{colour};'>【{html.escape(outcome.outcome_label)}】</b>"
             f"<b>{html.escape(outcome.item_id)}</b> {html.escape(outcome.question)}<br>"
             f"答案要点：{html.escape(ITEM_EXPECTATIONS[outcome.expected])}　你的作答：{html.escape(outcome.answer_label)}"]
    if outcome.explanation:
        parts.append(f"<br><span style='color:#424242;'>说明：{html.escape(outcome.explanation)}</span>")
    if outcome.basis:
        parts.append(f"<br><span style='color:#424242;'>依据：{html.escape(outcome.basis)}</span>")
    parts.append("</p>")
    parts.extend(f"<div style='color:#555; margin-left:12px;'><b>{html.escape(e.heading)}</b><br>"
                 f"{html.escape(e.body).replace(chr(10), '<br>')}</div>" for e in outcome.articles)
    return "".join(parts)


class TrainingDialog(QDialog):
    """Pick a sample, walk its checklist (keys 1–4, N, ↑/↓, Ctrl+Z as at work), submit (Ctrl+Enter), read the key."""

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.samples = load_samples()
        self.sample: Sample | None = None
        self.answers: dict[str, Answer] = {}
        self.practice_result: PracticeResult | None = None
        self.setWindowTitle(self.tr("练习示例案件"))

        self.sample_combo = QComboBox()
        for sample in self.samples:
            self.sample_combo.addItem(sample.label)
        sample_label = QLabel(self.tr("示例案件(&S)："))
        sample_label.setBuddy(self.sample_combo)
        intro = self.tr("阅读案件材料，像办案时一样逐项作答检查表（1 符合、2 不符合、3 不适用、4 待核实），"
                        "然后按 Ctrl+Enter 或点“提交”与答案要点对照。")
        self.sample_combo.setToolTip(intro)
        self.score_label = QLabel()
        self.score_label.setStyleSheet("font-size: 16px; font-weight: bold;")
        self.score_label.setToolTip(intro)
        top = QHBoxLayout()
        top.addWidget(sample_label)
        top.addWidget(self.sample_combo, 1)
        top.addSpacing(16)
        top.addWidget(self.score_label, 1)

        self.summary = CaseSummary()
        self.evidence_chain = EvidenceChainView()
        self.case_tabs = QTabWidget()
        self.case_tabs.addTab(self.summary, self.tr("基本情况与事实"))
        self.case_tabs.addTab(self.evidence_chain, self.tr("证据与程序事件"))

        self.walk = ChecklistWalk(services)
        self.walk.share_height(1, 1)
        self.result_view = QTextBrowser()
        self.result_view.setOpenLinks(False)
        self.item_table = QTableWidget(0, 4)
        self.item_table.setHorizontalHeaderLabels([self.tr("检查项"), self.tr("答案要点"), self.tr("你的作答"),
                                                   self.tr("结果")])
        self.item_table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.item_table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.evaluation_panel = FlagsPanel()
        self.answer_tabs = QTabWidget()
        self.answer_tabs.addTab(self.walk, self.tr("作答"))
        self.answer_tabs.addTab(self.result_view, self.tr("对照结果"))
        self.answer_tabs.addTab(self.item_table, self.tr("逐项对照"))
        self.answer_tabs.addTab(self.evaluation_panel, self.tr("程序评查结果"))
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.case_tabs)
        splitter.addWidget(self.answer_tabs)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setChildrenCollapsible(False)
        remember_splitter(splitter, "training")

        self.submit_button = QPushButton(self.tr("提交(&T)"))
        self.retry_button = QPushButton(self.tr("重新作答(&A)"))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("关闭"))
        for button in (self.submit_button, self.retry_button):
            button.setAutoDefault(False)
            self.buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setAutoDefault(False)
        layout = QVBoxLayout(self)
        top.addWidget(self.buttons)  # beside the sample, so the walk keeps the height it has at work
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        fit_to_screen(self, 1280, 800)

        for sequence in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(sequence), self).activated.connect(self.submit)
        self.submit_button.clicked.connect(self.submit)
        self.retry_button.clicked.connect(self.retry)
        self.buttons.rejected.connect(self.reject)
        self.sample_combo.currentIndexChanged.connect(self.load_sample)
        if self.samples:
            self.load_sample(0)
        else:
            self.walk.show_unavailable(self.tr("没有可用的示例案件。"))
            self.score_label.setText(self.tr("没有可用的示例案件。"))
            self._set_answered(False)

    # --- public -------------------------------------------------------------------------------------------------
    def select_sample(self, name: str) -> Sample:
        """Show the sample whose case file is `<name>.json` (e.g. "criminal.arrest_review")."""
        index = next(number for number, sample in enumerate(self.samples) if sample.name == name)
        if index == self.sample_combo.currentIndex():
            self.load_sample(index)
        self.sample_combo.setCurrentIndex(index)
        return self.samples[index]

    @Slot(int)
    def load_sample(self, index: int) -> None:
        if not 0 <= index < len(self.samples):
            return
        self.sample = self.samples[index]
        self.summary.set_case(self.sample.case)
        self.evidence_chain.set_case(self.sample.case)
        self.retry()

    @Slot()
    def retry(self) -> None:
        """Walk the same sample again from the start: answers cleared, results hidden."""
        if self.sample is None:
            return
        self.practice_result = None
        self.answers = {}
        try:
            template = self.services.templates.current(self.sample.case.case_type)[1]
        except ServiceError as exc:
            self.walk.show_unavailable(str(exc))
        else:
            self.walk.set_practice(template, self.sample.case, self._keep)
        self.result_view.clear()
        self.item_table.setRowCount(0)
        self.evaluation_panel.set_results([], [])
        if not self.sample.key.items:
            self.score_label.setText(self.tr("本示例的答案要点未给出逐项答案，提交后只能查看程序评查结果。"))
        else:
            self.score_label.setText(self.tr("尚未提交"))
        self._set_answered(False)
        self.answer_tabs.setCurrentWidget(self.walk)
        self.walk.view.setFocus()

    @Slot()
    def submit(self) -> PracticeResult | None:
        if self.sample is None or self.practice_result is not None:
            return None
        result = compare_walk(self.sample.key, self.walk.model.states())
        try:
            save_result(self.services.database, self.services.actor, self.sample.name, result)
        except Exception as exc:
            message = failure_text(exc)
            if message is None:
                raise
            self.score_label.setText(self.tr("成绩未保存：") + message)
        else:
            self.score_label.setText(self.tr("得分 %1 / 100").replace("%1", str(result.score)))
        self.practice_result = result
        self.result_view.setHtml(self._result_html(result))
        self._fill_item_table(result)
        evaluation = evaluate_case(self.sample.case, self.sample.key.today, self.services.context)
        self.evaluation_panel.set_results(evaluation.flags, evaluation.deadlines)
        self._set_answered(True)
        self.answer_tabs.setCurrentWidget(self.result_view)
        return result

    # --- internals ----------------------------------------------------------------------------------------------
    def _keep(self, item_id: str, answer: Answer | None) -> None:
        """The walk's store in practice: answers stay in memory until submitted; after that the walk is closed."""
        if self.practice_result is not None:
            raise ServiceError(self.tr("已提交，如需再练请点“重新作答”。"))
        if answer is None:
            self.answers.pop(item_id, None)
        else:
            self.answers[item_id] = answer

    def _set_answered(self, answered: bool) -> None:
        self.submit_button.setEnabled(not answered and self.sample is not None)
        self.retry_button.setEnabled(answered)
        for tab in (1, 2, 3):
            self.answer_tabs.setTabEnabled(tab, answered)

    def _fill_item_table(self, result: PracticeResult) -> None:
        self.item_table.setRowCount(len(result.items))
        for row, outcome in enumerate(result.items):
            cells = (f"{outcome.item_id} {outcome.question}", ITEM_EXPECTATIONS[outcome.expected],
                     outcome.answer_label, outcome.outcome_label)
            for column, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                cell.setToolTip(outcome.explanation or text)
                if column == 3:
                    cell.setForeground(Qt.GlobalColor.darkGreen if outcome.agreed else Qt.GlobalColor.darkRed)
                self.item_table.setItem(row, column, cell)

    def _result_html(self, result: PracticeResult) -> str:
        parts = [f"<h3>{html.escape(self.tr('得分'))} {result.score} / 100</h3>",
                 "<p>" + html.escape(self.tr("逐项对照 %1 项：一致 %2 项；遗漏问题 %3 项；误报问题 %4 项；其他判断不同 %5 项。"
                                             "得分 = 一致项 ÷ 对照项 × 100。")
                                     .replace("%1", str(len(result.items))).replace("%2", str(len(result.agreed)))
                                     .replace("%3", str(len(result.missed)))
                                     .replace("%4", str(len(result.false_alarms)))
                                     .replace("%5", str(len(result.disagreements) - len(result.missed)
                                                        - len(result.false_alarms)))) + "</p>"]
        if not result.items:
            parts.append("<p>" + html.escape(self.tr("答案要点没有给出本案适用检查项的逐项答案。")) + "</p>")
        for kind in ("missed", "false_alarm", "differs"):
            rows = [o for o in result.items if o.outcome == kind]
            if rows:
                parts.append(f"<h4>{html.escape(OUTCOMES[kind])}（{len(rows)}）</h4>")
                parts.extend(outcome_html(o) for o in rows)
        notes = [o for o in result.items if o.agreed and o.answer == "fail" and o.explanation]
        if notes:
            parts.append(f"<h4>{html.escape(self.tr('已发现的问题'))}</h4>")
            parts.extend(f"<p><b>{html.escape(o.item_id)}</b> {html.escape(o.explanation)}</p>" for o in notes)
        written = [(item_id, a.note) for item_id, a in self.answers.items() if a.note.strip()]
        if written:
            parts.append(f"<h4>{html.escape(self.tr('你的备注'))}</h4>")
            parts.extend(f"<p><b>{html.escape(item_id)}</b>（{html.escape(ANSWER_VALUES[self.answers[item_id].value])}）"
                         f"{html.escape(note)}</p>" for item_id, note in written)
        return "".join(parts)


class TrainingResultsDialog(QDialog):
    """A class's practice results for a 培训员: a line per trainee, the most-missed items, every run."""

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.setWindowTitle(self.tr("培训成绩"))
        self.sample_combo = QComboBox()
        self.sample_combo.addItem(self.tr("全部示例"), "")
        for sample in load_samples():
            self.sample_combo.addItem(sample.label, sample.name)
        self.trainees = self._table([self.tr("学员"), self.tr("账户"), self.tr("练习次数"), self.tr("平均分"),
                                     self.tr("最高分"), self.tr("最近练习")])
        self.missed = self._table([self.tr("检查项"), self.tr("问题"), self.tr("遗漏次数"), self.tr("误报次数"),
                                   self.tr("作答次数"), self.tr("涉及学员")])
        self.runs = self._table([self.tr("学员"), self.tr("示例"), self.tr("得分"), self.tr("对照项"), self.tr("一致"),
                                 self.tr("遗漏"), self.tr("误报"), self.tr("时间")])
        tabs = QTabWidget()
        tabs.addTab(self.trainees, self.tr("按学员"))
        tabs.addTab(self.missed, self.tr("最常遗漏的检查项"))
        tabs.addTab(self.runs, self.tr("全部练习记录"))
        top = QHBoxLayout()
        label = QLabel(self.tr("示例(&S)："))
        label.setBuddy(self.sample_combo)
        top.addWidget(label)
        top.addWidget(self.sample_combo, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(tabs, 1)
        layout.addWidget(buttons)
        fit_to_screen(self, 960, 640)
        self.sample_combo.currentIndexChanged.connect(self.refresh)
        self.report: ClassReport | None = None
        self.refresh()

    @staticmethod
    def _table(headers: list[str]) -> QTableWidget:
        table = QTableWidget(0, len(headers))
        table.setHorizontalHeaderLabels(headers)
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        table.horizontalHeader().setStretchLastSection(True)
        table.setSortingEnabled(False)
        return table

    @staticmethod
    def _fill(table: QTableWidget, rows: list[tuple[object, ...]]) -> None:
        table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                text = f"{value:g}" if isinstance(value, float) else str(value)
                table.setItem(r, c, QTableWidgetItem(text))
        table.resizeColumnsToContents()

    @Slot()
    def refresh(self, *_args: object) -> None:
        report = class_report(self.services.database, self.services.actor,
                              str(self.sample_combo.currentData() or "") or None)
        self.report = report
        self._fill(self.trainees, [(t.trainee, t.login, t.runs, round(t.average_score, 1), t.best_score,
                                    t.last_at.strftime("%Y-%m-%d %H:%M")) for t in report.trainees])
        self._fill(self.missed, [(m.item_id, m.question, m.missed, m.false_alarms, m.runs, m.trainees)
                                 for m in report.most_missed])
        self._fill(self.runs, [(r.trainee, r.sample, r.score, r.scored, r.agreed, r.missed, r.false_alarms,
                                r.at.strftime("%Y-%m-%d %H:%M")) for r in report.rows])
