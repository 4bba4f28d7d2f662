"""Practice on the shipped sample cases: read the file, tick the problems you see, and compare with the answer key.

A trainee learns to inspect by doing it, so the case is shown the way a file is read (basic facts, evidence, the
procedural events), the problems are ticked from the rules the program knows (grouped by severity, so the list
gives nothing away), and only after submitting do the key's explanations and the program's own findings appear.
Nothing here touches the database: the samples are read from the program's files each time.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTabWidget,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.case import CASE_TYPES, INVESTIGATORS, POSSIBLE_SENTENCES, Case
from desktop_app.core.case_format import CaseFormatError, load_case_file
from desktop_app.core.deadlines import compute_deadlines
from desktop_app.core.evaluation import evaluate_case
from desktop_app.core.practice import PracticeChoice, PracticeResult, grade_practice, practice_choices
from desktop_app.core.results import SEVERITIES
from desktop_app.core.training import AnswerKey, AnswerKeyError, load_answer_key, sample_pairs
from desktop_app.services.container import Services
from desktop_app.services.training_results import save_result
from desktop_app.ui.evidence_chain import EvidenceChainView
from desktop_app.ui.flags_panel import SEVERITY_COLOURS, UNVERIFIED_MARK, FlagsPanel
from desktop_app.ui.law_text import articles_html
from desktop_app.ui.layout import fit_to_screen, remember_splitter

log = logging.getLogger("casecheck")

RULE_ROLE = Qt.ItemDataRole.UserRole + 1
OUTCOME_COLOURS: dict[str, str] = {"found": "#2e7d32", "missed": "#c62828", "wrong": "#ef6c00"}
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


@dataclass(frozen=True)
class Sample:
    #: The case file's name without `.json`, e.g. "criminal.arrest_review".
    name: str
    case: Case
    key: AnswerKey

    @property
    def label(self) -> str:
        return f"{CASE_TYPES.get(self.case.case_type, self.case.case_type)}：{self.case.title}"


def load_samples() -> list[Sample]:
    """The shipped samples with their keys; a broken pair is left out (and logged) rather than stopping practice."""
    samples = []
    for case_path, key_path in sample_pairs():
        try:
            samples.append(Sample(case_path.stem, load_case_file(case_path), load_answer_key(key_path)))
        except (CaseFormatError, AnswerKeyError) as exc:
            log.warning("示例案件 %s 无法读取：%s", case_path.name, exc)
    return samples


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


class TrainingDialog(QDialog):
    """Pick a sample, tick the problems, submit, read the key; nothing is stored."""

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.samples = load_samples()
        self.sample: Sample | None = None
        self.choices: list[PracticeChoice] = []
        self.result: PracticeResult | None = None
        self.setWindowTitle("练习示例案件")

        self.sample_combo = QComboBox()
        for sample in self.samples:
            self.sample_combo.addItem(sample.label)
        sample_label = QLabel("示例案件(&S)：")
        sample_label.setBuddy(self.sample_combo)
        intro = QLabel("阅读案件材料，勾选你认为本案存在的问题，然后点“提交”与答案要点对照。")
        intro.setStyleSheet("color: #616161;")
        top = QHBoxLayout()
        top.addWidget(sample_label)
        top.addWidget(self.sample_combo, 1)
        top.addSpacing(16)
        top.addWidget(intro)

        self.summary = CaseSummary()
        self.evidence_chain = EvidenceChainView()
        self.case_tabs = QTabWidget()
        self.case_tabs.addTab(self.summary, "基本情况与事实")
        self.case_tabs.addTab(self.evidence_chain, "证据与程序事件")

        self.choice_tree = QTreeWidget()
        self.choice_tree.setHeaderLabels(["问题", "结果"])
        self.choice_tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.choice_tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.choice_tree.header().setStretchLastSection(False)
        self.choice_tree.itemChanged.connect(self._update_ticked_count)
        self.ticked_label = QLabel()
        self.note_edit = QPlainTextEdit()
        self.note_edit.setPlaceholderText("笔记（可选）：写下你的判断理由，提交后与答案要点对照。")
        self.note_edit.setMaximumHeight(90)
        answer_page = QWidget()
        answer_layout = QVBoxLayout(answer_page)
        answer_layout.addWidget(QLabel("本案存在哪些问题？（可多选，按严重程度分组；悬停可看法律依据）"))
        answer_layout.addWidget(self.choice_tree, 1)
        answer_layout.addWidget(self.ticked_label)
        answer_layout.addWidget(self.note_edit)

        self.result_view = QTextBrowser()
        self.result_view.setOpenLinks(False)
        self.evaluation_panel = FlagsPanel()
        self.answer_tabs = QTabWidget()
        self.answer_tabs.addTab(answer_page, "作答")
        self.answer_tabs.addTab(self.result_view, "对照结果")
        self.answer_tabs.addTab(self.evaluation_panel, "程序评查结果")
        self.score_label = QLabel()
        self.score_label.setStyleSheet("font-size: 18px; font-weight: bold;")
        answer_box = QGroupBox("你的判断")
        answer_box_layout = QVBoxLayout(answer_box)
        answer_box_layout.addWidget(self.score_label)
        answer_box_layout.addWidget(self.answer_tabs, 1)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.case_tabs)
        splitter.addWidget(answer_box)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        remember_splitter(splitter, "training")

        self.submit_button = QPushButton("提交(&T)")
        self.submit_button.setDefault(True)
        self.retry_button = QPushButton("重新作答(&A)")
        self.evaluation_button = QPushButton("查看程序评查结果(&V)")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setText("关闭")
        for button in (self.submit_button, self.retry_button, self.evaluation_button):
            self.buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.buttons)
        fit_to_screen(self, 1280, 800)

        self.submit_button.clicked.connect(self.submit)
        self.retry_button.clicked.connect(self.retry)
        self.evaluation_button.clicked.connect(self.show_evaluation)
        self.buttons.rejected.connect(self.reject)
        self.sample_combo.currentIndexChanged.connect(self.load_sample)
        if self.samples:
            self.load_sample(0)
        else:
            self.submit_button.setEnabled(False)
            self.score_label.setText("没有可用的示例案件。")
            self._set_answered(False)

    # --- public -------------------------------------------------------------------------------------------------
    def select_sample(self, name: str) -> Sample:
        """Show the sample whose case file is `<name>.json` (e.g. "criminal.arrest_review")."""
        index = next(number for number, sample in enumerate(self.samples) if sample.name == name)
        self.sample_combo.setCurrentIndex(index)
        return self.samples[index]

    def item_of(self, rule: str) -> QTreeWidgetItem:
        return next(item for item in self._choice_items() if item.data(0, RULE_ROLE) == rule)

    def ticked(self) -> set[str]:
        return {str(item.data(0, RULE_ROLE)) for item in self._choice_items()
                if item.checkState(0) == Qt.CheckState.Checked}

    @Slot(int)
    def load_sample(self, index: int) -> None:
        if not 0 <= index < len(self.samples):
            return
        sample = self.samples[index]
        self.sample = sample
        self.summary.set_case(sample.case)
        self.evidence_chain.set_case(sample.case)
        deadlines = compute_deadlines(sample.case, sample.key.today, self.services.context.calendar)
        self.choices = practice_choices(sample.case, self.services.context.rulebook, deadlines)
        self.note_edit.clear()
        self._fill_choices()
        self.retry()

    @Slot()
    def retry(self) -> None:
        """Answer the same sample again: ticks cleared, results hidden."""
        self.result = None
        for item in self._choice_items():
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(0, Qt.CheckState.Unchecked)
            item.setText(1, "")
            item.setForeground(0, QBrush())
        self.result_view.clear()
        self.evaluation_panel.set_results([], [])
        self.score_label.setText("尚未提交")
        self._set_answered(False)
        self.answer_tabs.setCurrentIndex(0)

    @Slot()
    def submit(self) -> PracticeResult | None:
        if self.sample is None:
            return None
        result = grade_practice(self.sample.key, self.ticked())
        self.result = result
        save_result(self.services.database, self.services.actor, result)
        outcome_of = {line.rule: line for line in result.lines}
        for item in self._choice_items():
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsUserCheckable)
            line = outcome_of.get(str(item.data(0, RULE_ROLE)))
            if line is not None:
                colour = QBrush(QColor(OUTCOME_COLOURS[line.outcome]))
                item.setText(1, line.outcome_label)
                item.setForeground(0, colour)
                item.setForeground(1, colour)
        self.score_label.setText(f"得分 {result.score} / 100")
        self.result_view.setHtml(self._result_html(result))
        evaluation = evaluate_case(self.sample.case, self.sample.key.today, self.services.context)
        self.evaluation_panel.set_results(evaluation.flags, evaluation.deadlines)
        self._set_answered(True)
        self.answer_tabs.setCurrentWidget(self.result_view)
        return result

    @Slot()
    def show_evaluation(self) -> None:
        self.answer_tabs.setCurrentWidget(self.evaluation_panel)

    # --- internals ----------------------------------------------------------------------------------------------
    def _set_answered(self, answered: bool) -> None:
        self.submit_button.setEnabled(not answered and self.sample is not None)
        self.retry_button.setEnabled(answered)
        self.evaluation_button.setEnabled(answered)
        self.answer_tabs.setTabEnabled(1, answered)
        self.answer_tabs.setTabEnabled(2, answered)

    def _choice_items(self) -> list[QTreeWidgetItem]:
        items = []
        for group in range(self.choice_tree.topLevelItemCount()):
            parent = self.choice_tree.topLevelItem(group)
            items.extend(parent.child(child) for child in range(parent.childCount()))
        return items

    def _fill_choices(self) -> None:
        self.choice_tree.blockSignals(True)
        self.choice_tree.clear()
        bold = QFont(self.choice_tree.font())
        bold.setBold(True)
        for severity, label in SEVERITIES.items():
            choices = [c for c in self.choices if c.severity == severity]
            if not choices:
                continue
            group = QTreeWidgetItem([f"{label}（{len(choices)} 项）"])
            group.setFont(0, bold)
            group.setForeground(0, QBrush(QColor(SEVERITY_COLOURS[severity][0])))
            group.setFlags(Qt.ItemFlag.ItemIsEnabled)
            for choice in choices:
                item = QTreeWidgetItem([choice.title, ""])
                item.setData(0, RULE_ROLE, choice.rule)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                              | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(0, Qt.CheckState.Unchecked)
                basis = choice.legal_basis + ("" if choice.verified else UNVERIFIED_MARK)
                item.setToolTip(0, f"{choice.title}（{choice.rule}）\n依据：{basis}")
                group.addChild(item)
            self.choice_tree.addTopLevelItem(group)
            group.setExpanded(True)
        self.choice_tree.blockSignals(False)
        self._update_ticked_count()

    @Slot()
    def _update_ticked_count(self, *_args: object) -> None:
        self.ticked_label.setText(f"已勾选 {len(self.ticked())} 项")

    def _title(self, rule: str) -> str:
        choice = next((c for c in self.choices if c.rule == rule), None)
        return f"{choice.title}（{rule}）" if choice else rule

    def _articles(self, rule: str) -> str:
        """The basis of a problem and the text of its articles, so the trainee reads why it is one."""
        choice = next((c for c in self.choices if c.rule == rule), None)
        if choice is None or not choice.legal_basis.strip():
            return ""
        basis = choice.legal_basis + ("" if choice.verified else UNVERIFIED_MARK)
        return (f"<p style='color:#424242; margin-left:12px;'>依据：{html.escape(basis)}</p>"
                f"{articles_html(choice.legal_basis)}")

    def _result_html(self, result: PracticeResult) -> str:
        expected = len(result.found) + len(result.missed)
        parts = [f"<p>应发现问题 {expected} 项：已发现 {len(result.found)} 项，遗漏 {len(result.missed)} 项；"
                 f"误选 {len(result.wrong)} 项。得分 = 已发现 ÷（应发现 + 误选）× 100。</p>"]
        if not result.lines:
            parts.append("<p>本案没有需要发现的问题，你也没有勾选任何问题。</p>")
        for line in result.lines:
            colour = OUTCOME_COLOURS[line.outcome]
            explanation = (f"<br><span style='color:#424242;'>说明：{html.escape(line.explanation)}</span>"
                           if line.explanation else "")
            parts.append(f"<p><b style='color:{colour};'>【{line.outcome_label}】</b>"
                         f"{html.escape(self._title(line.rule))}{explanation}</p>{self._articles(line.rule)}")
        if result.notes:
            parts.append("<h4>答案要点的其他说明</h4>")
            parts.extend(f"<p><b>{html.escape(self._title(rule))}</b>：{html.escape(text)}</p>"
                         for rule, text in result.notes)
        note = self.note_edit.toPlainText().strip()
        if note:
            parts.append(f"<h4>你的笔记</h4><p>{html.escape(note).replace(chr(10), '<br>')}</p>")
        return "".join(parts)

