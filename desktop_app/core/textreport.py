"""The readable Chinese text of an evaluation, for `casecheck evaluate` and for copying into a work note.

It is written so a prosecutor can act on it without opening the law: every flag says what is wrong, on which
evidence or date, the article behind it, and what to do.
"""

from __future__ import annotations

from desktop_app.core.case import Case
from desktop_app.core.i18n import language, tr
from desktop_app.core.results import SEVERITIES, SEVERITIES_EN, Evaluation, deadline_status_label


def _days(days_left: int | None) -> str:
    if days_left is None:
        return ""
    if days_left < 0:
        return tr(f"，已超期 {-days_left} 天", f", {-days_left} days overdue")
    return tr(f"，剩余 {days_left} 天", f", {days_left} days left")


def evaluation_text(case: Case, evaluation: Evaluation) -> str:
    english = language() == "en"
    severities = SEVERITIES_EN if english else SEVERITIES
    lines = [
        tr(f"案件：{case.case_no}　{case.title}（{case.case_type_label}）",
           f"Case: {case.case_no} {case.title} ({case.case_type})"),
        tr(f"承办检察官：{case.prosecutor}　评估日期：{evaluation.today.isoformat()}",
           f"Prosecutor: {case.prosecutor}  Evaluated as of: {evaluation.today.isoformat()}"),
        "",
        tr(f"一、风险提示（{len(evaluation.flags)} 项）", f"1. Flags ({len(evaluation.flags)})"),
    ]
    if not evaluation.flags:
        lines.append(tr("  未发现问题", "  none"))
    for flag in evaluation.flags:
        unverified = "" if flag.verified else tr("（依据未经核实）", " (basis unverified)")
        lines += [
            f"  [{severities.get(flag.severity, flag.severity)}] {flag.rule}　{flag.title}",
            f"      {tr('说明：', 'What: ')}{flag.message}",
            f"      {tr('依据：', 'Basis: ')}{flag.legal_basis}{unverified}",
        ]
        if flag.suggestion:
            lines.append(f"      {tr('建议：', 'Do: ')}{flag.suggestion}")
    lines += ["", tr(f"二、办案期限（{len(evaluation.deadlines)} 项）", f"2. Periods ({len(evaluation.deadlines)})")]
    if not evaluation.deadlines:
        lines.append(tr("  本类案件无需计算的法定期限", "  no statutory period for this case type"))
    for d in evaluation.deadlines:
        done = tr(f"，完成于 {d.done_on.isoformat()}", f", done {d.done_on.isoformat()}") if d.done_on else ""
        lines.append(f"  {d.name}{tr('：', ': ')}{tr('起算', 'from')} {d.start.isoformat()}{tr('，', ', ')}"
                     f"{tr('届满', 'due')} {d.due.isoformat()}{done}{tr('　【', '  [')}{deadline_status_label(d.status, d.suspended_by, english=english)}"
                     f"{_days(d.days_left)}{tr('】', ']')}")
        lines.append(f"      {tr('依据：', 'Basis: ')}{d.legal_basis}")
        lines += [f"      {note}" for note in d.notes]
    if evaluation.computations:
        lines += ["", tr("三、计算", "3. Computations")]
        lines += [f"  {c.name}{tr('：', ': ')}{c.display()}" for c in evaluation.computations]
    if evaluation.checklist:
        c = evaluation.checklist
        lines += ["", tr(f"检查表：{c.template}（版本 {c.version}）已答 {c.answered} / 适用 {c.total}",
                         f"Checklist: {c.template} (version {c.version}) answered {c.answered} of {c.total}")]
    if evaluation.score is not None:
        lines += ["", tr(f"得分：{evaluation.score:g}　拟评定等次：{evaluation.grade}",
                         f"Score: {evaluation.score:g}  Proposed grade: {evaluation.grade} ({evaluation.grade_code})")]
    lines += [tr(f"注：{note}", f"Note: {note}") for note in evaluation.notes]
    lines += [tr(f"提醒：{warning}", f"Warning: {warning}") for warning in evaluation.warnings]
    return "\n".join(lines)
