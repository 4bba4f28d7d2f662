"""Risk use cases over the register: the 三色码 of one case, disagreements, calibration and sentencing screening.

Calibration and screening run over many cases, so they read only the columns they need with plain SQL (no ORM
objects, no evidence rows) and hand plain rows to the pure models in `desktop_app.core.risk`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from db.engine import Database
from db.models import CaseRecord, EventRecord
from desktop_app.core.case import Case, Event
from desktop_app.core.i18n import tr
from desktop_app.core.risk.calibration import Calibration, Decided, calibrate
from desktop_app.core.risk.sentencing import (
    Screening,
    SentencingSettings,
    load_shipped_settings,
    screen,
    sentencing_row,
)
from desktop_app.core.risk.social_danger import (
    ASSESSED_TYPES,
    COLOURS,
    MANDATORY_INDICATOR,
    ColourChange,
    RiskAssessment,
    SocialDangerModel,
    applies,
    assess,
    colour_changes,
    load_shipped_model,
)
from desktop_app.services.actors import Actor
from desktop_app.services.cases import CaseQuery, CaseService, _filtered
from desktop_app.services.errors import ServiceError

#: The fact under which a prosecutor's reason for deciding against the code is kept (and exported with the case).
REVIEW_FACT = "social_danger_review"
DECISIONS: dict[str, str] = {"approved": "批准逮捕", "rejected": "不批准逮捕"}
#: The decision each colour points to; yellow points to none, so no decision disagrees with it.
POINTS_TO: dict[str, str] = {"red": "approved", "green": "rejected"}
_CRIMINAL = tuple(ASSESSED_TYPES)


@dataclass(frozen=True)
class RiskView:
    """What the 三色码 panel shows for one case."""

    case_no: str
    assessment: RiskAssessment
    changes: list[ColourChange]
    decision: str | None
    disagrees: bool
    #: The reason on record for deciding against the code, if any: {"reason", "colour", "decision", "by", "on"}.
    review: dict[str, Any] | None

    def reason_text(self, model: SocialDangerModel, indicator: str) -> str:
        if indicator == MANDATORY_INDICATOR:
            return "应当逮捕（刑事诉讼法第81条第3款）"
        found = model.indicator(indicator)
        return found.text if found else indicator


def decision_of(case: Case) -> str | None:
    event = next((e for e in reversed(case.events_of("arrest_decided")) if e.outcome in DECISIONS), None)
    return event.outcome if event else None


def disagrees(colour: str, decision: str | None) -> bool:
    return decision is not None and colour in POINTS_TO and POINTS_TO[colour] != decision


class RiskService:
    def __init__(self, database: Database, cases: CaseService, model: SocialDangerModel | None = None,
                 settings: SentencingSettings | None = None) -> None:
        self.database = database
        self.cases = cases
        self.model = model or load_shipped_model()
        self.settings = settings or load_shipped_settings()

    # --- one case ------------------------------------------------------------------------------------------
    def view(self, case_no: str) -> RiskView | None:
        """The code of a case the model applies to; None for other cases."""
        case = self.cases.get(case_no)
        return self.view_of(case)

    def view_of(self, case: Case) -> RiskView | None:
        if not applies(case):
            return None
        assessment = assess(case, self.model)
        decision = decision_of(case)
        review = case.facts.get(REVIEW_FACT)
        return RiskView(case_no=case.case_no, assessment=assessment, changes=colour_changes(case, self.model),
                        decision=decision, disagrees=disagrees(assessment.colour, decision),
                        review=review if isinstance(review, dict) else None)

    def record_disagreement(self, actor: Actor, case_no: str, reason: str, today: dt.date) -> RiskView:
        """Keep why the decision departs from the code; the case update is audited like any other edit."""
        reason = (reason or "").strip()
        if not reason:
            raise ServiceError(tr("决定与三色码不一致时，必须写明理由", "a reason is required"))
        case = self.cases.get(case_no)
        view = self.view_of(case)
        if view is None or not view.disagrees or view.decision is None:
            raise ServiceError(tr("该案的决定与三色码一致，无需说明理由",
                                  "the decision agrees with the code; no reason is needed"))
        facts = dict(case.facts)
        facts[REVIEW_FACT] = {"reason": reason, "colour": view.assessment.colour, "decision": view.decision,
                              "model_version": view.assessment.version, "by": actor.display_name,
                              "on": today.isoformat()}
        self.cases.update(actor, case_no, dataclasses.replace(case, facts=facts))
        updated = self.view(case_no)
        assert updated is not None
        return updated

    # --- many cases ----------------------------------------------------------------------------------------
    def calibration(self, query: CaseQuery) -> Calibration:
        """The code against the recorded decision, over the selected cases that have one."""
        rows = []
        for case in self._light_cases(query):
            decision = decision_of(case)
            if decision is None or not applies(case):
                continue
            result = assess(case, self.model)
            present = frozenset(r.indicator for r in result.reasons)
            rows.append(Decided(case.case_no, case.charges[0] if case.charges else "（未填罪名）",
                                result.colour, decision, present))
        return calibrate(rows)

    def screening(self, query: CaseQuery, min_group_size: int | None = None) -> Screening:
        stmt = _filtered(query, (CaseRecord.case_no, CaseRecord.charges, CaseRecord.facts), self._today()).where(
            CaseRecord.case_type.in_(_CRIMINAL))
        with self.database.sessions() as session:
            rows = [row for case_no, charges, facts in session.execute(stmt)
                    if (row := sentencing_row(case_no, charges, facts, self.settings)) is not None]
        return screen(rows, self.settings, min_group_size)

    def _today(self) -> dt.date:
        """The day the register's figure filters are read for (days left are derived, never stored)."""
        return self.cases.derived.today()

    def _light_cases(self, query: CaseQuery) -> Iterator[Case]:
        """Cases with only the fields the model reads, and their arrest decisions."""
        columns = (CaseRecord.id, CaseRecord.case_no, CaseRecord.case_type, CaseRecord.in_custody,
                   CaseRecord.charges, CaseRecord.possible_sentence, CaseRecord.plea_agreement,
                   CaseRecord.suspect_minor, CaseRecord.facts, CaseRecord.received_on)
        stmt = _filtered(query, columns, self._today()).where(CaseRecord.case_type.in_(_CRIMINAL))
        with self.database.sessions() as session:
            records = session.execute(stmt).all()
            ids = _filtered(query, CaseRecord.id, self._today()).where(CaseRecord.case_type.in_(_CRIMINAL))
            events: dict[int, list[Any]] = {}
            for case_id, when, outcome in session.execute(
                    select(EventRecord.case_id, EventRecord.date, EventRecord.outcome)
                    .where(EventRecord.kind == "arrest_decided", EventRecord.case_id.in_(ids))):
                events.setdefault(case_id, []).append((when, outcome))
        for r in records:
            yield Case(case_no=r.case_no, title="", case_type=r.case_type, prosecutor="", received_on=r.received_on,
                       in_custody=r.in_custody, charges=list(r.charges or []), possible_sentence=r.possible_sentence,
                       plea_agreement=r.plea_agreement, suspect_minor=r.suspect_minor, facts=dict(r.facts or {}),
                       events=[Event(kind="arrest_decided", date=d, outcome=o) for d, o in events.get(r.id, [])])


def colour_label(colour: str) -> str:
    return COLOURS.get(colour, colour)
