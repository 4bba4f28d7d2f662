"""Scorecard exports for the GUI and the CLI: build each case's scorecard and hand it to the Excel or PDF writer.

Cases are read a batch at a time (a few queries per batch, not a dozen per case) and scored one at a time as the
writer asks for them, so exporting tens of thousands of cases keeps one batch in memory besides the writer's own
running totals.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from desktop_app.core.case import Case
from desktop_app.core.evaluation import assess_case
from desktop_app.core.i18n import tr
from desktop_app.core.rectification import RectificationItem, build_rectification_list
from desktop_app.core.scorecard import Scorecard
from desktop_app.core.scoring import apply_override
from desktop_app.reports.errors import ExportCancelled
from desktop_app.services.audit import current_head
from desktop_app.services.cases import CaseQuery
from desktop_app.services.container import Services
from desktop_app.services.errors import ServiceError
from desktop_app.services.inspections import InspectionView, OverrideInfo
from desktop_app.services.rectifications import overlay_lines

ProgressFn = Callable[[int, int], None]
CancelledFn = Callable[[], bool]
FORMATS = ("xlsx", "pdf")
LAYOUTS = ("per_case", "combined")


#: Cases read together for an export: a few queries per batch instead of a dozen per case.
CARD_BATCH = 500


def build_scorecard(services: Services, case_no: str, today: dt.date, audit_head: str | None = None) -> Scorecard:
    """The scorecard of a case's latest inspection (or of its flags alone when nobody has walked it yet).

    `audit_head` is the printed audit head when the caller read it already (once for a whole export)."""
    case = services.cases.get(case_no)
    view = services.inspections.latest_for_case(case_no)
    override = services.inspections.override_of(view.info.id) if view else None
    head = current_head(services.database).printed() if audit_head is None else audit_head
    card = _assemble(services, case, view, override, today, head)
    card.rectification = services.rectifications.overlay(case_no, card.rectification)
    return card


def _assemble(services: Services, case: Case, view: InspectionView | None, override: OverrideInfo | None,
              today: dt.date, audit_head: str) -> Scorecard:
    """A scorecard from what was read about the case; its 整改清单 lines are the derived ones, before what people
    recorded on them is laid over."""
    context = services.context
    template = view.template if view else context.templates.get(case.case_type)
    answers = view.answers if view else dict(case.answers)
    assessment = assess_case(case, today, context, answers=answers, template=template)
    score = assessment.score
    if override is not None:
        score = apply_override(score, override.grade_code, override.reason)
    return Scorecard(
        case=case,
        template=template,
        answers=answers,
        inspection_kind=view.info.kind if view else "self",
        inspector=view.info.inspector if view else services.actor.display_name,
        evaluation=assessment.evaluation,
        score=score,
        rectification=build_rectification_list(
            case, template, answers, assessment.evaluation.flags, today, context.scheme, heading_of=context.heading_of,
            states=assessment.states),
        generated_on=today,
        scheme_title=context.scheme.title,
        audit_head=audit_head,
    )


def sync_rectifications(services: Services, case_no: str, today: dt.date) -> list[RectificationItem]:
    """Store the case's current rectification lines (keeping what people recorded) and return them."""
    card = build_scorecard(services, case_no, today)
    services.rectifications.sync(services.actor, case_no, card.rectification)
    return services.rectifications.overlay(case_no, card.rectification)


def _cards(services: Services, case_nos: Sequence[str], today: dt.date, progress: ProgressFn | None,
           cancelled: CancelledFn | None) -> Iterator[Scorecard]:
    """The scorecards in the order asked for, each exactly as `build_scorecard` makes it, read a batch at a time.

    A case the batch read does not return (unknown, or not visible to this person) is built alone, which raises
    the same error a single export would."""
    head = current_head(services.database).printed()  # nothing an export does adds audit entries
    done = 0
    for start in range(0, len(case_nos), CARD_BATCH):
        chunk = list(dict.fromkeys(case_nos[start:start + CARD_BATCH]))
        if cancelled and cancelled():
            raise ExportCancelled()
        cases = {case.case_no: case for case in services.cases.iter_cases(CaseQuery(case_nos=tuple(chunk)))}
        views = services.inspections.latest_for_cases(list(cases))
        overrides = services.inspections.overrides_of([view.info.id for view in views.values()])
        stored = services.rectifications.stored_lines(list(cases))
        for case_no in case_nos[start:start + CARD_BATCH]:
            if cancelled and cancelled():
                raise ExportCancelled()
            case = cases.get(case_no)
            if case is None:
                yield build_scorecard(services, case_no, today, head)
            else:
                view = views.get(case_no)
                card = _assemble(services, case, view, overrides.get(view.info.id) if view else None, today, head)
                card.rectification = overlay_lines(card.rectification, stored.get(case_no, {}))
                yield card
            done += 1
            if progress:
                progress(done, len(case_nos))


def export_scorecards(services: Services, case_nos: Sequence[str], fmt: str, out_path: Path,
                      layout: str = "combined", progress: ProgressFn | None = None,
                      cancelled: CancelledFn | None = None, today: dt.date | None = None) -> list[Path]:
    """Write scorecards; per_case writes one file per case into the folder `out_path`.

    xlsx combined is the aggregate workbook (汇总, 按检察官, …); pdf combined is one PDF with every case.
    Raises ExportCancelled when `cancelled()` turns true; no half-written file is left behind.
    """
    if fmt not in FORMATS:
        raise ServiceError(tr(f"未知的导出格式 {fmt!r}（可选 xlsx、pdf）", f"unknown format {fmt!r} (xlsx, pdf)"))
    if layout not in LAYOUTS:
        raise ServiceError(tr(f"未知的导出方式 {layout!r}", f"unknown layout {layout!r}"))
    if not case_nos:
        raise ServiceError(tr("没有符合条件的案件可导出", "no cases match the selection"))
    today = today or services.derived.today()
    out_path = Path(out_path)
    if layout == "per_case":
        return _export_per_case(services, case_nos, fmt, out_path, today, progress, cancelled)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    cards = _cards(services, case_nos, today, progress, cancelled)
    if fmt == "xlsx":
        from desktop_app.reports.excel_aggregate import write_aggregate_workbook

        write_aggregate_workbook(cards, out_path, today=today, cancelled=cancelled, total=len(case_nos))
    elif len(case_nos) == 1:
        from desktop_app.reports.pdf_scorecard import write_case_pdf

        write_case_pdf(next(cards), out_path)  # one case: its own title, not 汇编
    else:
        from desktop_app.reports.pdf_scorecard import write_combined_pdf

        write_combined_pdf(cards, out_path, cancelled=cancelled, total=len(case_nos))
    return [out_path]


def _export_per_case(services: Services, case_nos: Sequence[str], fmt: str, out_dir: Path, today: dt.date,
                     progress: ProgressFn | None, cancelled: CancelledFn | None) -> list[Path]:
    from desktop_app.reports.excel_case import write_case_workbook
    from desktop_app.reports.pdf_scorecard import write_case_pdf
    from desktop_app.services.cases import safe_file_name

    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    try:
        for card in _cards(services, case_nos, today, progress, cancelled):
            path = out_dir / f"{safe_file_name(card.case.case_no)}.{fmt}"
            if fmt == "xlsx":
                write_case_workbook(card, path)
            else:
                write_case_pdf(card, path)
            written.append(path)
    except ExportCancelled:
        for path in written:
            path.unlink(missing_ok=True)
        raise
    return written
