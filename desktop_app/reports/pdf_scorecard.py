"""The 评查意见书 (inspection opinion) as PDF: one per case, or many cases in one file for printing.

The six numbered parts follow the shape reviewers write by hand, so a printed opinion can go into the case file
as it is. Pages carry the 案号 and "第 X 页 共 Y 页" counted per case, also in a combined file, because cases are
separated and filed individually after printing. The "共 Y 页" figure is drawn as a PDF form filled in once the
case's last page is known, so even a combined file of thousands of cases is rendered in a single pass.
"""

from __future__ import annotations

import contextlib
import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.shapes import Drawing, Rect, String
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from desktop_app.core.case import ANSWER_VALUES, INVESTIGATORS, POSSIBLE_SENTENCES
from desktop_app.core.checklist_model import PROBLEM_HEADINGS
from desktop_app.core.checklists import item_states
from desktop_app.core.laws import article_excerpts
from desktop_app.core.rectification import RECTIFICATION_STATUSES
from desktop_app.core.results import SEVERITIES
from desktop_app.core.scorecard import Scorecard
from desktop_app.reports import cjk_wrap
from desktop_app.reports.fonts import register_cjk_font
from desktop_app.reports.output import CancelledFn, ProgressFn, Ticker, atomic_output, audit_stamp

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN_X = 20 * mm
MARGIN_TOP = 24 * mm
MARGIN_BOTTOM = 20 * mm
BODY_WIDTH = PAGE_WIDTH - 2 * MARGIN_X
cjk_wrap.install()
CHINESE_ORDINALS = "一二三四五六七八九十"
UNVERIFIED = "（条文待核实）"
_UNSAFE_NAME = re.compile(r'[<>:"/\\|?*\x00-\x1f]')
_RESERVED_NAMES = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}


def _styles() -> dict[str, ParagraphStyle]:
    font = register_cjk_font()
    body = ParagraphStyle("body", fontName=font, fontSize=10.5, leading=17, wordWrap="CJK", spaceAfter=3)
    return {
        "body": body,
        "title": ParagraphStyle("title", parent=body, fontSize=20, leading=28, alignment=TA_CENTER, spaceAfter=4),
        "subtitle": ParagraphStyle("subtitle", parent=body, fontSize=11, alignment=TA_CENTER, spaceAfter=10,
                                   textColor=colors.HexColor("#404040")),
        "h1": ParagraphStyle("h1", parent=body, fontSize=13.5, leading=22, spaceBefore=10, spaceAfter=4),
        "h2": ParagraphStyle("h2", parent=body, fontSize=11, leading=18, spaceBefore=4, spaceAfter=2),
        "item": ParagraphStyle("item", parent=body, leftIndent=12, firstLineIndent=0),
        "muted": ParagraphStyle("muted", parent=body, leftIndent=12, textColor=colors.HexColor("#606060")),
        "cell": ParagraphStyle("cell", parent=body, fontSize=9, leading=13, spaceAfter=0),
        "note": ParagraphStyle("note", parent=body, fontSize=8.5, leading=12, spaceAfter=0, leftIndent=6,
                               textColor=colors.HexColor("#404040")),
        "head": ParagraphStyle("head", parent=body, fontSize=9, leading=13, spaceAfter=0, alignment=TA_CENTER),
    }


def _p(text: Any, style: ParagraphStyle) -> Paragraph:
    return Paragraph(escape(str(text)).replace("\n", "<br/>"), style)


def _with_code(text: str, code: str, style: ParagraphStyle) -> Paragraph:
    """`text` as people read it, with the rule or item id it comes from as a small grey line underneath."""
    return Paragraph(f"{escape(text)}<br/><font size='7' color='#808080'>{escape(code)}</font>", style)


def _basis(basis: str, verified: bool) -> str:
    return f"{basis}{'' if verified else UNVERIFIED}" if basis else "—"


def _date(value: Any) -> str:
    return value.isoformat() if value is not None else "—"


def _table(styles: dict[str, ParagraphStyle], headers: Sequence[str] | None, rows: Sequence[Sequence[Any]],
           widths: Sequence[float], notes: Sequence[str] | None = None) -> Table:
    """A grid whose cells are CJK-wrapping paragraphs; widths are fractions of the text width.

    `notes[i]`, when not empty, is set in a full-width row under row i, so that a long note is not squeezed into
    a narrow column beside short dates.
    """
    data: list[list[Any]] = []
    if headers:
        data.append([_p(h, styles["head"]) for h in headers])
    spans: list[int] = []
    for number, row in enumerate(rows):
        data.append([v if isinstance(v, Flowable) else _p(v, styles["cell"]) for v in row])
        if notes and notes[number]:
            spans.append(len(data))
            data.append([_p(notes[number], styles["note"])] + [""] * (len(row) - 1))
    # splitInRow: a row taller than a page (a very long note) continues on the next page instead of failing.
    table = Table(data, colWidths=[w * BODY_WIDTH for w in widths], repeatRows=1 if headers else 0, splitInRow=1)
    commands: list[tuple[Any, ...]] = [("SPAN", (0, row), (-1, row)) for row in spans] + [
        ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#8C8C8C")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    if headers:
        commands.append(("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#E4EAF4")))
    table.setStyle(TableStyle(commands))
    return table


# ------------------------------------------------------------------------------------------------- page furniture


class _Pages:
    """Which case each page belongs to, so the header shows its 案号 and the footer counts its pages."""

    def __init__(self, ticker: Ticker | None) -> None:
        self.ticker = ticker
        self.group = -1
        self.case_no = ""
        self.title = ""
        self.start_page = 1
        self.audit_head = ""

    def close_group(self, canvas: Canvas, last_page: int) -> None:
        """Fill in the "共 Y 页" form of the case that ended on `last_page`."""
        if self.group < 0:
            return
        canvas.beginForm(f"pages{self.group}")
        canvas.setFont(register_cjk_font(), 9)
        canvas.setFillColor(colors.HexColor("#404040"))
        canvas.drawString(0, 0, f"共 {last_page - self.start_page + 1} 页")
        canvas.endForm()
        if self.ticker is not None:
            self.ticker.step()

    def decorate(self, canvas: Canvas, _doc: BaseDocTemplate) -> None:
        """Header (document title and 案号) and footer (page number within the case), drawn at each page end."""
        if self.group < 0:  # an export with no cases: a single page saying so, nothing to number
            return
        font = register_cjk_font()
        canvas.saveState()
        canvas.setFont(font, 9)
        canvas.setFillColor(colors.HexColor("#404040"))
        top = PAGE_HEIGHT - MARGIN_TOP + 8 * mm
        canvas.drawString(MARGIN_X, top, self.title)
        canvas.drawRightString(PAGE_WIDTH - MARGIN_X, top, f"案号：{self.case_no}")
        canvas.setStrokeColor(colors.HexColor("#8C8C8C"))
        canvas.setLineWidth(0.5)
        canvas.line(MARGIN_X, top - 2.5 * mm, PAGE_WIDTH - MARGIN_X, top - 2.5 * mm)
        bottom = MARGIN_BOTTOM - 10 * mm
        page = canvas.getPageNumber() - self.start_page + 1
        canvas.drawRightString(PAGE_WIDTH / 2 - 1 * mm, bottom, f"第 {page} 页")
        canvas.drawRightString(PAGE_WIDTH - MARGIN_X, bottom, audit_stamp(self.audit_head))
        # The form ("共 Y 页") is drawn at the origin, so move the origin to just right of the page number.
        canvas.translate(PAGE_WIDTH / 2 + 1 * mm, bottom)
        canvas.doForm(f"pages{self.group}")
        canvas.restoreState()


class _CaseStart(Flowable):
    """Zero-size marker at the top of a case: switches header and page count to that case."""

    def __init__(self, pages: _Pages, case_no: str, title: str) -> None:
        super().__init__()
        self.pages, self.case_no, self.title = pages, case_no, title
        self.width = self.height = 0

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        pages = self.pages
        if pages.ticker is not None:
            pages.ticker.check()
        page = self.canv.getPageNumber()
        pages.close_group(self.canv, page - 1)
        pages.group += 1
        pages.case_no, pages.title, pages.start_page = self.case_no, self.title, page


class _DocumentEnd(Flowable):
    """Zero-size marker after the last case: its page is the last one, so the last total can be filled in."""

    def __init__(self, pages: _Pages) -> None:
        super().__init__()
        self.pages = pages
        self.width = self.height = 0

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.pages.close_group(self.canv, self.canv.getPageNumber())


# ------------------------------------------------------------------------------------------------- the opinion


def _document_title(card: Scorecard) -> str:
    return f"案件质量{card.inspection_label}意见书"


def _basic_facts(card: Scorecard, styles: dict[str, ParagraphStyle]) -> list[Flowable]:
    case = card.case
    pairs: list[tuple[str, str]] = [
        ("案号", case.case_no), ("案件名称", case.title),
        ("案件类型", case.case_type_label), ("承办检察官", case.prosecutor),
        ("承办部门", case.department or "—"), ("受理日期", _date(case.received_on)),
        ("办结日期", _date(case.closed_on)), ("登记证据", f"{len(case.evidence)} 项"),
    ]
    if case.is_criminal:
        pairs += [
            ("涉嫌罪名", "、".join(case.charges) or "—"), ("羁押状态", "在押" if case.in_custody else "未羁押"),
            ("可能判处刑罚", POSSIBLE_SENTENCES.get(case.possible_sentence or "", "—")),
            ("侦查（调查）机关", INVESTIGATORS.get(case.investigated_by or "", "—")),
            ("认罪认罚", "是" if case.plea_agreement else "否"), ("速裁程序", "是" if case.fast_track else "否"),
        ]
    rows = [[*pairs[i], *(pairs[i + 1] if i + 1 < len(pairs) else ("", ""))] for i in range(0, len(pairs), 2)]
    return [_table(styles, None, rows, (0.19, 0.31, 0.19, 0.31))]


def _method(card: Scorecard, styles: dict[str, ParagraphStyle]) -> list[Flowable]:
    text = (f"本次为{card.inspection_label}，检查人：{card.inspector or '（未填写）'}，"
            f"检查日期：{card.generated_on.isoformat()}。")
    if card.template is None:
        text += "本案类型暂无检查表，仅依据风险规则和办案期限进行检查。"
    else:
        states = item_states(card.template, card.case, card.answers)
        applicable = [s for s in states if s.applicable]
        answers = Counter(s.value for s in applicable)
        text += (f"依据《{card.template.title}》（版本 {card.template.version}）逐项检查，共 {len(states)} 项，"
                 f"本案适用 {len(applicable)} 项：{ANSWER_VALUES['pass']} {answers['pass']} 项，"
                 f"{ANSWER_VALUES['fail']} {answers['fail']} 项，{ANSWER_VALUES['unsure']} {answers['unsure']} 项，"
                 f"{ANSWER_VALUES['na']} {answers['na']} 项，未作答 {answers[None]} 项。")
    text += "同时运行风险规则，核算法定办案期限。"
    if card.scheme_title:
        text += f"评分标准：{card.scheme_title}。"
    return [_p(text, styles["body"])]


def _problems(card: Scorecard, styles: dict[str, ParagraphStyle]) -> list[Flowable]:
    story: list[Flowable] = []
    for index, heading in enumerate(PROBLEM_HEADINGS):
        story.append(_p(f"（{CHINESE_ORDINALS[index]}）{heading}", styles["h2"]))
        found = [d for d in card.score.deductions if d.heading == heading]
        if not found:
            story.append(_p("未发现问题。", styles["muted"]))
        for number, deduction in enumerate(found, 1):
            story.append(_p(f"{number}. {deduction.text}（{deduction.source}，扣 {deduction.points:g} 分）"
                            f"依据：{_basis(deduction.legal_basis, deduction.verified)}", styles["item"]))
    return story


def _risks(card: Scorecard, styles: dict[str, ParagraphStyle]) -> list[Flowable]:
    evaluation = card.evaluation
    story: list[Flowable] = [_p("（一）风险提示", styles["h2"])]
    if evaluation.flags:
        story.append(_table(styles, ("等级", "风险", "说明", "依据"), [
            (SEVERITIES.get(f.severity, f.severity), _with_code(f.title, f.rule, styles["cell"]),
             f.message + (f"\n建议：{f.suggestion}" if f.suggestion else ""), _basis(f.legal_basis, f.verified))
            for f in evaluation.flags
        ], (0.07, 0.30, 0.35, 0.28)))
    else:
        story.append(_p("未发现风险提示。", styles["muted"]))
    story.append(_p("（二）办案期限", styles["h2"]))
    if evaluation.deadlines:
        story.append(_table(styles, ("期限", "起算日", "届满日", "完成日", "状态", "依据"), [
            (d.name, _date(d.start), _date(d.due), _date(d.done_on),
             d.status_label + (f"（剩余 {d.days_left} 天）"
                                                          if d.days_left is not None and d.days_left >= 0 else ""),
             _basis(d.legal_basis, d.verified))
            for d in evaluation.deadlines
        ], (0.17, 0.13, 0.13, 0.13, 0.16, 0.28), notes=["说明：" + "；".join(d.notes) if d.notes else ""
                                                        for d in evaluation.deadlines]))
    else:
        story.append(_p("本案不涉及需计算的法定办案期限。", styles["muted"]))
    if evaluation.computations:
        story.append(_p("（三）计算结果", styles["h2"]))
        for computation in evaluation.computations:
            story.append(_p(f"{computation.name}：{computation.display()}（{computation.rule}）", styles["item"]))
    return story


def _score_chart(card: Scorecard) -> Drawing:
    """Score against the full mark, then the points lost under each heading that lost any."""
    font = register_cjk_font()
    score = card.score
    lost = {h: p for h, p in score.points_by_heading().items() if p > 0}
    full = BODY_WIDTH - 110
    axis_space, bars_height = 16, 14 * len(lost) + 6
    score_y = axis_space + bars_height + 22 if lost else 4
    drawing = Drawing(BODY_WIDTH, score_y + 22)
    fraction = score.score / score.base_score if score.base_score else 0
    drawing.add(String(0, score_y + 3, "得分", fontName=font, fontSize=9))
    drawing.add(Rect(60, score_y, full, 14, fillColor=colors.HexColor("#EEEEEE"), strokeColor=None))
    drawing.add(Rect(60, score_y, full * max(0.0, min(1.0, fraction)), 14,
                     fillColor=colors.HexColor("#4472C4"), strokeColor=None))
    drawing.add(String(66 + full, score_y + 3, f"{score.score:g} / {score.base_score:g}", fontName=font, fontSize=9))
    if lost:
        chart = HorizontalBarChart()
        chart.x, chart.y = 100, axis_space
        chart.width, chart.height = full - 40, bars_height
        chart.data = [list(lost.values())]
        chart.categoryAxis.categoryNames = list(lost)
        chart.categoryAxis.labels.fontName = font
        chart.categoryAxis.labels.fontSize = 8
        chart.categoryAxis.reverseDirection = True
        chart.valueAxis.valueMin = 0
        chart.valueAxis.valueMax = math.ceil(max(lost.values()) * 1.15) or 1  # room for the bar's label
        chart.valueAxis.labels.fontName = font
        chart.valueAxis.labels.fontSize = 7
        chart.bars[0].fillColor = colors.HexColor("#C0504D")
        chart.barLabelFormat = "%g"
        chart.barLabels.fontName = font
        chart.barLabels.fontSize = 7
        chart.barLabels.boxAnchor = "w"
        chart.barLabels.dx = 3
        drawing.add(chart)
        drawing.add(String(0, axis_space + bars_height + 4, "各类问题扣分", fontName=font, fontSize=9))
    return drawing


def _grade(card: Scorecard, styles: dict[str, ParagraphStyle]) -> list[Flowable]:
    score = card.score
    story: list[Flowable] = [
        # One block (not a nested KeepTogether, which platypus treats as never fitting) so the chart stays
        # with the score line and both stay with the part's heading.
        Table([[_p(f"得分：{score.score:g} 分（满分 {score.base_score:g} 分）；拟评定等次：{score.proposed_label}。",
                   styles["body"])], [_score_chart(card)]],
              colWidths=[BODY_WIDTH], style=[("LEFTPADDING", (0, 0), (-1, -1), 0),
                                             ("RIGHTPADDING", (0, 0), (-1, -1), 0)]),
        _p("理由：", styles["body"]),
    ]
    story += [_p(f"{n}. {reason}", styles["item"]) for n, reason in enumerate(score.reasons, 1)]
    if score.override:
        story.append(_p(f"复核改定等次：{score.override.grade}（原拟评定为{score.proposed_label}）。"
                        f"改定理由：{score.override.reason}", styles["body"]))
    return story


def _other(card: Scorecard, styles: dict[str, ParagraphStyle]) -> list[Flowable]:
    items = card.rectification
    if not items:
        story: list[Flowable] = [_p("本案无需整改事项。", styles["body"])]
    else:
        counts = Counter(item.status for item in items)
        summary = "、".join(f"{label} {counts[code]} 项" for code, label in RECTIFICATION_STATUSES.items())
        story = [
            _p(f"整改清单共 {len(items)} 项（{summary}），请责任人在整改期限内整改并反馈；不予整改的须写明理由。",
               styles["body"]),
            _table(styles, ("序号", "问题", "责任人", "整改期限", "状态"), [
                (n, _with_code(f"{item.problem}（{item.heading}）", item.key, styles["cell"]), item.owner, _date(item.due),
                 item.status_label + (f"\n理由：{item.reason}" if item.reason else ""))
                for n, item in enumerate(items, 1)
            ], (0.07, 0.53, 0.12, 0.14, 0.14)),
        ]
    day = card.generated_on
    signature = Table([[_p(f"检查人：{card.inspector or '＿＿＿＿＿＿'}", styles["body"]),
                        _p(f"日期：{day.year} 年 {day.month} 月 {day.day} 日", styles["body"])]],
                      colWidths=[BODY_WIDTH / 2, BODY_WIDTH / 2], style=[("LEFTPADDING", (0, 0), (0, 0), 0)])
    return [*story, Spacer(1, 18), signature]


def _cited_bases(card: Scorecard) -> list[str]:
    """Every basis the scorecard prints: failed items, then flags, then periods."""
    evaluation = card.evaluation
    return [
        *(d.legal_basis for d in card.score.deductions),
        *(f.legal_basis for f in evaluation.flags),
        *(d.legal_basis for d in evaluation.deadlines),
    ]


def _appendix(card: Scorecard, styles: dict[str, ParagraphStyle]) -> list[Flowable]:
    """附：法条原文: the text of each cited article the statute library holds, once, in the order first cited."""
    seen: set[str] = set()
    excerpts = []
    for basis in _cited_bases(card):
        for excerpt in article_excerpts(basis):
            if excerpt.heading not in seen:
                seen.add(excerpt.heading)
                excerpts.append(excerpt)
    if not excerpts:
        return [_p("本意见书所引条文均未收入程序自带的法条原文库。", styles["muted"])]
    story: list[Flowable] = [_p("以下为本意见书所引条文的原文（依据国家法律法规数据库文本），供核对。", styles["muted"])]
    for excerpt in excerpts:
        story.append(KeepTogether([_p(excerpt.heading, styles["h2"]), _p(excerpt.body, styles["item"])]))
    return story


def _case_story(card: Scorecard, styles: dict[str, ParagraphStyle], pages: _Pages) -> list[Flowable]:
    title = _document_title(card)
    story: list[Flowable] = [
        _CaseStart(pages, card.case.case_no, title),
        _p(title, styles["title"]),
        _p(f"{card.case.case_no}　{card.case.title}", styles["subtitle"]),
    ]
    parts: list[tuple[str, Callable[[Scorecard, dict[str, ParagraphStyle]], list[Flowable]]]] = [
        ("案件基本情况", _basic_facts),
        (f"{'检查' if card.inspection_kind != 'review' else '评查'}方式", _method),
        ("发现的问题", _problems),
        ("风险提示与办案期限", _risks),
        ("拟评定等次及理由", _grade),
        ("其他事项", _other),
    ]
    for index, (heading, build) in enumerate(parts):
        content = build(card, styles)
        # Keep each part's heading with its first block, so a heading never ends a page alone.
        story.append(KeepTogether([_p(f"{CHINESE_ORDINALS[index]}、{heading}", styles["h1"]), content[0]]))
        story += content[1:]
    appendix = _appendix(card, styles)
    story.append(KeepTogether([_p("附：法条原文", styles["h1"]), appendix[0]]))
    return story + appendix[1:]


def _build(cards: Iterable[Scorecard], target: Path, ticker: Ticker | None, title: str) -> None:
    styles = _styles()
    pages = _Pages(ticker)
    story: list[Flowable] = []
    for card in cards:
        if ticker is not None:
            ticker.check()
        if story:
            story.append(PageBreak())
        pages.audit_head = card.audit_head
        story += _case_story(card, styles, pages)
    if not story:
        story.append(_p("没有可导出的案件。", styles["body"]))
    story.append(_DocumentEnd(pages))
    doc = BaseDocTemplate(str(target), pagesize=A4, title=title, author="案件质量自查", creator="案件质量自查",
                          leftMargin=MARGIN_X, rightMargin=MARGIN_X, topMargin=MARGIN_TOP,
                          bottomMargin=MARGIN_BOTTOM)
    frame = Frame(MARGIN_X, MARGIN_BOTTOM, BODY_WIDTH, PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM, id="body",
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    doc.addPageTemplates([PageTemplate(id="opinion", frames=[frame], onPageEnd=pages.decorate)])
    doc.build(story)


def write_case_pdf(scorecard: Scorecard, path: str | Path) -> Path:
    """The opinion of one case, written to `path` only once complete."""
    with atomic_output(path) as temp:
        _build([scorecard], temp, None, f"{_document_title(scorecard)} {scorecard.case.case_no}")
    return Path(path)


def write_combined_pdf(
    scorecards: Iterable[Scorecard],
    path: str | Path,
    progress: ProgressFn | None = None,
    cancelled: CancelledFn | None = None,
    total: int | None = None,
) -> Path:
    """Many opinions in one file, each starting on a new page; raises ExportCancelled leaving no file."""
    ticker = Ticker(scorecards, progress, cancelled, total)
    with atomic_output(path) as temp:
        _build(scorecards, temp, ticker, "案件质量检查意见书（汇编）")
    return Path(path)


def safe_file_name(case_no: str) -> str:
    """A file name from a 案号 that every desktop file system accepts (〔〕 and Chinese stay as they are)."""
    name = _UNSAFE_NAME.sub("_", case_no).strip().rstrip(". ")[:120] or "案件"
    return f"_{name}" if name.split(".")[0].upper() in _RESERVED_NAMES else name


def write_pdfs(
    scorecards: Iterable[Scorecard],
    out_dir: str | Path,
    progress: ProgressFn | None = None,
    cancelled: CancelledFn | None = None,
    total: int | None = None,
) -> list[Path]:
    """One opinion per case in `out_dir`, named after its 案号; all appear together at the end, or none on cancel."""
    folder = Path(out_dir)
    ticker = Ticker(scorecards, progress, cancelled, total)
    targets: list[Path] = []
    used: Counter[str] = Counter()
    with contextlib.ExitStack() as pending:
        for card in scorecards:
            ticker.check()
            name = safe_file_name(card.case.case_no)
            used[name] += 1
            if used[name] > 1:
                name = f"{name}（{used[name]}）"
            target = folder / f"{name}.pdf"
            # Each file goes to its own temp file; the stack renames them all once every one is written.
            temp = pending.enter_context(atomic_output(target))
            _build([card], temp, None, f"{_document_title(card)} {card.case.case_no}")
            targets.append(target)
            ticker.step()
        ticker.check()
    return targets
