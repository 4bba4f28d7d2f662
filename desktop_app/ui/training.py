"""Practice on the sample cases: read the file, walk its checklist as at work, submit, and compare with the key.

A trainee learns to inspect by doing it, so the case is shown the way a file is read (basic facts, evidence, the
procedural events) and answered in the very checklist walk used at work (`ChecklistWalk`: the same keys, notes and
undo), without the key in sight. Only after submitting do the agreement per item, the problems missed, the false
alarms, the key's explanations with the article texts and the program's own findings appear. The answers stay in
memory; only the result of a submitted run is saved, per trainee.
"""

from __future__ import annotations

import functools
import html
from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Slot
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

from desktop_app.core.case import ANSWER_VALUES, CASE_TYPES, INVESTIGATORS, POSSIBLE_SENTENCES, Answer, Case
from desktop_app.core.evaluation import evaluate_case
from desktop_app.core.practice import OUTCOMES, ItemOutcome, PracticeResult, compare_walk
from desktop_app.core.risk.sentencing import Sentence
from desktop_app.core.risk.social_danger import load_shipped_model
from desktop_app.core.training import ITEM_EXPECTATIONS
from desktop_app.services.container import Services
from desktop_app.services.errors import ServiceError
from desktop_app.services.samples import BUILTIN, Sample, load_samples
from desktop_app.services.training_results import ClassReport, class_report, save_result
from desktop_app.ui.checklist_walk import ChecklistWalk, failure_text
from desktop_app.ui.evidence_chain import EvidenceChainView
from desktop_app.ui.flags_panel import FlagsPanel
from desktop_app.ui.labels import joined, tr_label
from desktop_app.ui.layout import fit_to_screen, remember_splitter

OUTCOME_COLOURS: dict[str, str] = {"agreed": "#2e7d32", "missed": "#c62828", "false_alarm": "#ef6c00",
                                   "differs": "#6a1b9a"}
#: Labels of the documented `facts` keys and of those the shipped samples use; other keys are shown as they are.
FACT_LABELS: dict[str, str] = {
    "defamation_posts": QT_TRANSLATE_NOOP("training", "诽谤信息"),
    "defamation_views": QT_TRANSLATE_NOOP("training", "实际被点击、浏览次数"),
    "defamation_forwards": QT_TRANSLATE_NOOP("training", "被转发次数"),
    "defamation_penalized_within_2y": QT_TRANSLATE_NOOP("training", "二年内曾因诽谤受过行政处罚"),
    "defamation_other_serious": QT_TRANSLATE_NOOP("training", "有其他情节严重的情形"),
    "defamation_public_order": QT_TRANSLATE_NOOP("training", "严重危害社会秩序和国家利益"),
    "administrative_penalty_needed": QT_TRANSLATE_NOOP("training", "被不起诉人需要给予行政处罚"),
    "seizure_pending": QT_TRANSLATE_NOOP("training", "查封、扣押、冻结尚未解除"),
    "damages_law": QT_TRANSLATE_NOOP("training", "惩罚性赔偿的法律依据"),
    "price_paid": QT_TRANSLATE_NOOP("training", "价款（元）"),
    "loss": QT_TRANSLATE_NOOP("training", "损失（元）"),
    "claimed_amount": QT_TRANSLATE_NOOP("training", "主张的惩罚性赔偿金额（元）"),
    "posted_on": QT_TRANSLATE_NOOP("training", "发布日期"),
    "views": QT_TRANSLATE_NOOP("training", "浏览次数"),
    "forwards": QT_TRANSLATE_NOOP("training", "转发次数"),
    "previously_handled": QT_TRANSLATE_NOOP("training", "已经处理"),
    "note": QT_TRANSLATE_NOOP("training", "备注"),
    "original_judgment_no": QT_TRANSLATE_NOOP("training", "原裁判文书号"),
    "administrative_agency": QT_TRANSLATE_NOOP("training", "行政机关"),
    "outcome": QT_TRANSLATE_NOOP("training", "审查结果"),
    "competent_authority": QT_TRANSLATE_NOOP("training", "主管机关"),
    "proposed_penalty": QT_TRANSLATE_NOOP("training", "建议的行政处罚"),
    "seized_items": QT_TRANSLATE_NOOP("training", "查封、扣押的财物"),
    "court": QT_TRANSLATE_NOOP("training", "执行法院"),
    "execution_case_no": QT_TRANSLATE_NOOP("training", "执行案号"),
    "outstanding_amount": QT_TRANSLATE_NOOP("training", "未执行到位金额（元）"),
    "dispute": QT_TRANSLATE_NOOP("training", "案由"),
    "requested_state": QT_TRANSLATE_NOOP("training", "被请求国"),
    "respondent_agency": QT_TRANSLATE_NOOP("training", "行政机关"),
    "suggestion_issued_on": QT_TRANSLATE_NOOP("training", "检察建议发出日期"),
    "reply_received_on": QT_TRANSLATE_NOOP("training", "收到回复日期"),
    "defendant": QT_TRANSLATE_NOOP("training", "被告"),
    "social_danger": QT_TRANSLATE_NOOP("training", "社会危险性情形"),
    "sentencing": QT_TRANSLATE_NOOP("training", "量刑情况"),
    "recommended": QT_TRANSLATE_NOOP("training", "量刑建议"),
    "imposed": QT_TRANSLATE_NOOP("training", "判处刑罚"),
    "amount_involved": QT_TRANSLATE_NOOP("training", "涉案金额（元）"),
    "circumstances": QT_TRANSLATE_NOOP("training", "量刑情节"),
}
#: Facts whose value is a sentence (docs/case-format-extensions.md), shown as the risk panel words it.
SENTENCE_FACTS = ("recommended", "imposed")
FACT_CODES: dict[str, dict[str, str]] = {
    "damages_law": {"food_safety_148": "《中华人民共和国食品安全法》第148条",
                    "consumer_55_1": "《中华人民共和国消费者权益保护法》第55条第1款",
                    "consumer_55_2": "《中华人民共和国消费者权益保护法》第55条第2款"},
}


def fact_label(key: str) -> str:
    """The label of a `facts` key in the interface language; an unknown key is shown as it is."""
    return QCoreApplication.translate("training", FACT_LABELS[key]) if key in FACT_LABELS else key


def yes_no(value: bool) -> str:
    return QCoreApplication.translate("training", "是") if value else QCoreApplication.translate("training", "否")


def sample_label(sample: Sample) -> str:
    """A sample as the lists show it: its case type in the interface language, its title, whether it was imported."""
    mark = "" if sample.origin == BUILTIN else QCoreApplication.translate("training", "（已导入）")
    case_type = tr_label(CASE_TYPES.get(sample.case.case_type, sample.case.case_type))
    return QCoreApplication.translate("training", "{0}：{1}{2}").format(case_type, sample.case.title, mark)


@functools.cache
def indicator_texts() -> dict[str, str]:
    """The 社会危险性 indicators' texts by id, the labels of a case's `social_danger` facts."""
    return {i.id: i.text for i in load_shipped_model().indicators}


def fact_text(key: str, value: Any) -> str:
    if value is None:
        return QCoreApplication.translate("training", "尚未查明")
    if key in SENTENCE_FACTS and (sentence := Sentence.parse(value)) is not None:
        return sentence.describe()
    if isinstance(value, bool):
        return yes_no(value)
    if key in FACT_CODES:
        return FACT_CODES[key].get(str(value), str(value))
    if isinstance(value, list):
        return joined(fact_text(key, v) for v in value)
    if isinstance(value, int | float):
        return f"{value:,}"
    return str(value)


def fact_item(key: str, label: str, value: Any) -> QTreeWidgetItem:
    """One fact as a row; a record or a list of records (e.g. each defamatory post) opens into one row per field."""
    if isinstance(value, Mapping) and not (key in SENTENCE_FACTS and Sentence.parse(value)):
        item = QTreeWidgetItem([label, ""])
        labels = indicator_texts() if key == "social_danger" else {}
        for child_key, child in value.items():
            item.addChild(fact_item(child_key, labels.get(child_key) or fact_label(child_key), child))
        return item
    if isinstance(value, list) and value and all(isinstance(entry, Mapping) for entry in value):
        item = QTreeWidgetItem([label, QCoreApplication.translate("training", "共 {0} 条").format(len(value))])
        for number, entry in enumerate(value, start=1):
            item.addChild(fact_item(key, QCoreApplication.translate("training", "第 {0} 条").format(number), entry))
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
        self.facts.setHeaderLabels([self.tr("事实"), self.tr("内容")])
        self.facts.setWordWrap(True)
        self.facts.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form_host)
        layout.addWidget(QLabel(self.tr("案件事实")))
        layout.addWidget(self.facts, 1)

    def set_case(self, case: Case) -> None:
        while self.form.rowCount():
            self.form.removeRow(0)
        for label, text in self._fields(case):
            value = QLabel(text)
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.form.addRow(self.tr("{0}：").format(label), value)
        self.facts.clear()
        for key, value in case.facts.items():
            self.facts.addTopLevelItem(fact_item(key, fact_label(key), value))
        if not case.facts:
            self.facts.addTopLevelItem(QTreeWidgetItem([self.tr("（无）"),
                                                          self.tr("本案未记录其他事实，请查看证据和程序事件。")]))
        self.facts.expandAll()

    def _fields(self, case: Case) -> list[tuple[str, str]]:
        prosecutor = case.prosecutor + (self.tr("（{0}）").format(case.department) if case.department else "")
        fields = [(self.tr("案号"), case.case_no), (self.tr("案件名称"), case.title),
                  (self.tr("案件类型"), tr_label(case.case_type_label)),
                  (self.tr("承办检察官"), prosecutor), (self.tr("受理日期"), case.received_on.isoformat()),
                  (self.tr("办结日期"), case.closed_on.isoformat() if case.closed_on else self.tr("尚未办结"))]
        if case.is_criminal:
            fields += [(self.tr("罪名"), joined(case.charges) or "—"),
                       (self.tr("羁押状态"), self.tr("在押") if case.in_custody else self.tr("未羁押")),
                       (self.tr("可能判处的刑罚"), tr_label(POSSIBLE_SENTENCES.get(case.possible_sentence or "", "—"))),
                       (self.tr("认罪认罚"), yes_no(case.plea_agreement)),
                       (self.tr("速裁程序"), yes_no(case.fast_track)),
                       (self.tr("未成年人"), yes_no(case.suspect_minor)),
                       (self.tr("侦查（调查）机关"), tr_label(INVESTIGATORS.get(case.investigated_by or "", "—")))]
        return fields


def outcome_html(outcome: ItemOutcome) -> str:
    """One disagreement as the trainee reads it: the item, both answers, the key's explanation, basis and articles."""
    colour = OUTCOME_COLOURS[outcome.outcome]
    translate = QCoreApplication.translate
    label = translate("training", "【{0}】").format(tr_label(outcome.outcome_label))
    answers = translate("training", "答案要点：{0}　你的作答：{1}").format(
        tr_label(ITEM_EXPECTATIONS[outcome.expected]), tr_label(outcome.answer_label))
    parts = [f"<p><b style='color:{colour};'>{html.escape(label)}</b>"
             f"<b>{html.escape(outcome.item_id)}</b> {html.escape(outcome.question)}<br>{html.escape(answers)}"]
    for template, text in ((translate("training", "说明：{0}"), outcome.explanation),
                           (translate("training", "依据：{0}"), outcome.basis)):
        if text:
            parts.append(f"<br><span style='color:#424242;'>{html.escape(template.format(text))}</span>")
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
            self.sample_combo.addItem(sample_label(sample))
        caption = QLabel(self.tr("示例案件(&S)："))
        caption.setBuddy(self.sample_combo)
        intro = self.tr("阅读案件材料，像办案时一样逐项作答检查表（1 符合、2 不符合、3 不适用、4 待核实），"
                        "然后按 Ctrl+Enter 或点“提交”与答案要点对照。")
        self.sample_combo.setToolTip(intro)
        self.score_label = QLabel()
        self.score_label.setStyleSheet("font-size: 16px; font-weight: bold;")
        self.score_label.setToolTip(intro)
        top = QHBoxLayout()
        top.addWidget(caption)
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
            cells = (f"{outcome.item_id} {outcome.question}", tr_label(ITEM_EXPECTATIONS[outcome.expected]),
                     tr_label(outcome.answer_label), tr_label(outcome.outcome_label))
            for column, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                cell.setToolTip(outcome.explanation or text)
                if column == 3:
                    cell.setForeground(Qt.GlobalColor.darkGreen if outcome.agreed else Qt.GlobalColor.darkRed)
                self.item_table.setItem(row, column, cell)

    def _result_html(self, result: PracticeResult) -> str:
        parts = ["<h3>" + html.escape(self.tr("得分 %1 / 100").replace("%1", str(result.score))) + "</h3>",
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
                heading = self.tr("{0}（{1}）").format(tr_label(OUTCOMES[kind]), len(rows))
                parts.append(f"<h4>{html.escape(heading)}</h4>")
                parts.extend(outcome_html(o) for o in rows)
        notes = [o for o in result.items if o.agreed and o.answer == "fail" and o.explanation]
        if notes:
            parts.append("<h4>" + html.escape(self.tr("已发现的问题")) + "</h4>")
            parts.extend(f"<p><b>{html.escape(o.item_id)}</b> {html.escape(o.explanation)}</p>" for o in notes)
        written = [(item_id, a.note) for item_id, a in self.answers.items() if a.note.strip()]
        if written:
            parts.append("<h4>" + html.escape(self.tr("你的备注")) + "</h4>")
            answered = self.tr("（{0}）")
            parts.extend(f"<p><b>{html.escape(item_id)}</b>"
                         f"{html.escape(answered.format(tr_label(ANSWER_VALUES[self.answers[item_id].value])))}"
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
            self.sample_combo.addItem(sample_label(sample), sample.name)
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
