"""Checklist walks (自查 / 部门核查 / 评查): each answer is its own transaction, safe on disk once acknowledged.

One person has one inspection of each kind per case, pinned to the template version it started with.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from db.engine import Database
from db.models import AnswerRecord, CaseRecord, ChecklistTemplateVersion, GradeOverride, Inspection, User, table_of
from desktop_app.core.case import ANSWER_VALUES, Answer
from desktop_app.core.checklist_model import INSPECTION_KINDS, ChecklistTemplate
from desktop_app.core.i18n import tr
from desktop_app.core.scoring import GRADE_CODES
from desktop_app.services import audit, permissions
from desktop_app.services.actors import Actor
from desktop_app.services.errors import NotFound, ServiceError
from desktop_app.services.locking import check_version
from desktop_app.services.templates import TemplateService
from desktop_app.services.uow import UnitOfWork


@dataclass(frozen=True)
class InspectionInfo:
    id: int
    case_no: str
    kind: str
    kind_label: str
    inspector: str
    template_version_id: int
    template_id: str
    template_version: str
    updated_at: dt.datetime
    #: The version read (optimistic lock): `answer` and `override_grade` take it back and return the next one.
    version: int = 1


@dataclass(frozen=True)
class InspectionView:
    info: InspectionInfo
    template: ChecklistTemplate
    answers: dict[str, Answer]


@dataclass(frozen=True)
class OverrideInfo:
    grade_code: str
    reason: str
    proposed_code: str
    score: float
    by: str
    at: dt.datetime


#: Called inside an answer's or override's transaction with the case id, to recompute what is stored about it.
CaseChanged = Callable[[Session, int], None]


def _check_inspection_version(session: Session, inspection: Inspection, expected: int | None) -> None:
    check_version(session, inspection.version, expected, what_zh="该检查记录", what_en="This inspection",
                  entity="inspection", key=str(inspection.id))


class InspectionService:
    def __init__(self, database: Database, templates: TemplateService, on_case_changed: CaseChanged | None = None
                 ) -> None:
        self.database = database
        self.templates = templates
        self.on_case_changed = on_case_changed

    def _changed(self, session: Session, case_id: int) -> None:
        if self.on_case_changed is not None:
            session.flush()
            self.on_case_changed(session, case_id)

    def open(self, actor: Actor, case_no: str, kind: str = "self") -> InspectionView:
        """The actor's inspection of this kind, started now against the current template version if new."""
        if kind not in INSPECTION_KINDS:
            raise ServiceError(tr(f"未知的检查方式 {kind!r}", f"unknown inspection kind {kind!r}"))
        with UnitOfWork(self.database) as uow:
            case = self._case(uow.session, case_no)
            permissions.check(actor, f"inspection.{kind}", case, uow.session)
            inspection = uow.session.scalar(select(Inspection).where(
                Inspection.case_id == case.id, Inspection.user_id == actor.id, Inspection.kind == kind))
            if inspection is None:
                version_id, _ = self.templates.current(case.case_type)
                inspection = Inspection(case_id=case.id, user_id=actor.id, kind=kind, template_version_id=version_id)
                uow.session.add(inspection)
                uow.session.flush()
                audit.record(uow.session, actor, "inspection.start", "inspection", str(inspection.id),
                             {"case_no": case_no, "kind": kind, "template_version_id": version_id})
                self._changed(uow.session, case.id)
                uow.commit()
            inspection_id = inspection.id
        return self.view(inspection_id)

    def view(self, inspection_id: int) -> InspectionView:
        with self.database.sessions() as session:
            info = self._info(session, inspection_id)
            answers = {a.item_id: Answer(a.value, a.note) for a in session.scalars(
                select(AnswerRecord).where(AnswerRecord.inspection_id == inspection_id))}
        return InspectionView(info=info, template=self.templates.version(info.template_version_id), answers=answers)

    def for_case(self, case_no: str) -> list[InspectionInfo]:
        """Every inspection of a case (all people, all kinds), for the side-by-side view."""
        with self.database.sessions() as session:
            case = self._case(session, case_no)
            return self._infos(session, Inspection.case_id == case.id)

    def latest_for_case(self, case_no: str) -> InspectionView | None:
        """The most recently answered inspection, which reports and `evaluate --case` score."""
        infos = self.for_case(case_no)
        if not infos:
            return None
        return self.view(max(infos, key=lambda i: i.updated_at).id)

    def import_answers(self, session: Session, actor: Actor, batch: list[tuple[int, str, dict[str, Answer]]]) -> None:
        """Answers that came inside case files become the importer's 自查, inside the import's own transaction.

        Item ids are kept as given, so exporting a case again returns exactly the answers that were imported.
        """
        batch = [entry for entry in batch if entry[2]]
        if not batch:
            return
        versions: dict[str, int] = {}
        for _, case_type, _ in batch:
            if case_type not in versions:
                versions[case_type] = session.scalars(
                    select(ChecklistTemplateVersion.id).where(ChecklistTemplateVersion.template_id == case_type)
                    .order_by(ChecklistTemplateVersion.id.desc()).limit(1)).one()
        inspections_t = table_of(Inspection)
        ids = session.scalars(
            insert(inspections_t).returning(inspections_t.c.id, sort_by_parameter_order=True),
            [{"case_id": case_id, "user_id": actor.id, "kind": "self", "template_version_id": versions[case_type]}
             for case_id, case_type, _ in batch]).all()
        session.execute(insert(table_of(AnswerRecord)), [
            {"inspection_id": inspection_id, "item_id": item_id, "value": a.value, "note": a.note}
            for inspection_id, (_, _, answers) in zip(ids, batch, strict=True) for item_id, a in answers.items()])

    def answer(self, actor: Actor, inspection_id: int, item_id: str, value: str | None, note: str = "",
               expected_version: int | None = None) -> int:
        """Record (or with value None, clear) one answer in its own transaction, with its audit entry.

        Returns the inspection's new version. The walk passes the version it holds, so an answer given in a window
        that another program has since written to is refused (EditConflict) instead of overwriting; answering on
        with the returned version never conflicts with one's own earlier answers."""
        if value is not None and value not in ANSWER_VALUES:
            raise ServiceError(tr(f"未知的答案 {value!r}", f"unknown answer {value!r}"))
        with UnitOfWork(self.database) as uow:
            inspection = uow.session.get(Inspection, inspection_id)
            if inspection is None:
                raise NotFound(tr(f"检查记录 {inspection_id} 不存在", f"inspection {inspection_id} not found"))
            if inspection.user_id != actor.id:
                raise ServiceError(tr("只能填写本人的检查记录", "only your own inspection can be answered"))
            permissions.check(actor, f"inspection.{inspection.kind}", uow.session.get(CaseRecord, inspection.case_id),
                              uow.session)
            _check_inspection_version(uow.session, inspection, expected_version)
            template = self.templates.version(inspection.template_version_id)
            if template.item(item_id) is None:
                raise ServiceError(tr(f"检查项 {item_id} 不在该检查表中", f"item {item_id} is not in the checklist"))
            record = uow.session.scalar(select(AnswerRecord).where(
                AnswerRecord.inspection_id == inspection_id, AnswerRecord.item_id == item_id))
            old = [record.value, record.note] if record else None
            if value is None:
                if record is not None:
                    uow.session.delete(record)
            elif record is None:
                uow.session.add(AnswerRecord(inspection_id=inspection_id, item_id=item_id, value=value, note=note))
            else:
                record.value, record.note, record.answered_at = value, note, dt.datetime.now()
            inspection.updated_at = dt.datetime.now()
            audit.record(uow.session, actor, "inspection.answer", "inspection", str(inspection_id),
                         {"item": item_id, "answer": [old, [value, note] if value else None]})
            self._changed(uow.session, inspection.case_id)
            uow.commit()
            return inspection.version

    def override_grade(self, actor: Actor, inspection_id: int, grade_code: str, reason: str,
                       proposed_code: str, score: float, expected_version: int | None = None) -> int:
        """A reviewer replaces the proposed grade; the written reason is required and kept in the audit trail.

        Two reviewers overriding the same inspection: the one holding an older `expected_version` gets EditConflict.
        Returns the inspection's new version."""
        if grade_code not in GRADE_CODES:
            raise ServiceError(tr(f"未知的等次 {grade_code!r}", f"unknown grade {grade_code!r}"))
        if not reason.strip():
            raise ServiceError(tr("改变拟评等次必须写明理由", "a reason is required to override the grade"))
        with UnitOfWork(self.database) as uow:
            inspection = uow.session.get(Inspection, inspection_id)
            if inspection is None:
                raise NotFound(tr(f"检查记录 {inspection_id} 不存在", f"inspection {inspection_id} not found"))
            permissions.check(actor, "grade.override", uow.session.get(CaseRecord, inspection.case_id), uow.session)
            _check_inspection_version(uow.session, inspection, expected_version)
            # The override is a row of its own; counting the inspection up makes it part of the inspection's version
            # without touching `updated_at`, which picks the inspection that reports score.
            inspection.version = inspection.version + 1
            row = uow.session.scalar(select(GradeOverride).where(GradeOverride.inspection_id == inspection_id))
            old = [row.grade_code, row.reason] if row else None
            if row is None:
                row = GradeOverride(inspection_id=inspection_id, user_id=actor.id, grade_code=grade_code,
                                    reason=reason.strip(), proposed_code=proposed_code, score=score)
                uow.session.add(row)
            else:
                row.grade_code, row.reason, row.user_id = grade_code, reason.strip(), actor.id
                row.proposed_code, row.score = proposed_code, score
            audit.record(uow.session, actor, "grade.override", "inspection", str(inspection_id),
                         {"grade": [old, [grade_code, reason.strip()]], "proposed": proposed_code, "score": score})
            self._changed(uow.session, inspection.case_id)
            uow.commit()
            return inspection.version

    def latest_for_cases(self, case_nos: Sequence[str]) -> dict[str, InspectionView]:
        """`latest_for_case` of many cases in three queries, by 案号 (cases nobody inspected are left out): what an
        export of the whole register reads, where a few queries per case cost more than scoring it."""
        with self.database.sessions() as session:
            by_case: dict[str, list[InspectionInfo]] = {}
            for info in self._infos(session, CaseRecord.case_no.in_(list(case_nos))):
                by_case.setdefault(info.case_no, []).append(info)
            latest = {no: max(infos, key=lambda i: i.updated_at) for no, infos in by_case.items()}
            answers: dict[int, dict[str, Answer]] = {info.id: {} for info in latest.values()}
            for inspection_id, item_id, value, note in session.execute(
                    select(AnswerRecord.inspection_id, AnswerRecord.item_id, AnswerRecord.value, AnswerRecord.note)
                    .where(AnswerRecord.inspection_id.in_(list(answers))).order_by(AnswerRecord.id)):
                answers[inspection_id][item_id] = Answer(value, note)
        templates = {i: self.templates.version(i) for i in {info.template_version_id for info in latest.values()}}
        return {no: InspectionView(info=info, template=templates[info.template_version_id], answers=answers[info.id])
                for no, info in latest.items()}

    def override_of(self, inspection_id: int) -> OverrideInfo | None:
        return self.overrides_of([inspection_id]).get(inspection_id)

    def overrides_of(self, inspection_ids: Sequence[int]) -> dict[int, OverrideInfo]:
        """The grade overrides of these inspections, by inspection id (those without one are left out)."""
        with self.database.sessions() as session:
            rows = session.execute(
                select(GradeOverride.inspection_id, GradeOverride.grade_code, GradeOverride.reason,
                       GradeOverride.proposed_code, GradeOverride.score, User.display_name, GradeOverride.at)
                .outerjoin(User, User.id == GradeOverride.user_id)
                .where(GradeOverride.inspection_id.in_(list(inspection_ids))))
            return {row[0]: OverrideInfo(row[1], row[2], row[3], row[4], row[5] or "", row[6]) for row in rows}

    @staticmethod
    def _case(session: Session, case_no: str) -> CaseRecord:
        case = session.scalar(select(CaseRecord).where(CaseRecord.case_no == case_no))
        if case is None:
            raise NotFound(tr(f"案件 {case_no} 不存在", f"case {case_no} not found"))
        return case

    def _info(self, session: Session, inspection_id: int) -> InspectionInfo:
        infos = self._infos(session, Inspection.id == inspection_id)
        if not infos:
            raise NotFound(tr(f"检查记录 {inspection_id} 不存在", f"inspection {inspection_id} not found"))
        return infos[0]

    @staticmethod
    def _infos(session: Session, where: Any) -> list[InspectionInfo]:
        """The inspections matching `where` (by kind, then id), read in one query of plain columns: reports ask
        for every case's, and loading four ORM objects each (with the template's content) cost more than scoring."""
        stmt = (select(Inspection.id, CaseRecord.case_no, Inspection.kind, User.display_name,
                       ChecklistTemplateVersion.id, ChecklistTemplateVersion.template_id,
                       ChecklistTemplateVersion.version, Inspection.updated_at, Inspection.version)
                .join(CaseRecord, CaseRecord.id == Inspection.case_id)
                .join(User, User.id == Inspection.user_id)
                .join(ChecklistTemplateVersion, ChecklistTemplateVersion.id == Inspection.template_version_id)
                .where(where).order_by(Inspection.kind, Inspection.id))
        return [InspectionInfo(id=row[0], case_no=row[1], kind=row[2], kind_label=INSPECTION_KINDS[row[2]],
                               inspector=row[3], template_version_id=row[4], template_id=row[5],
                               template_version=row[6], updated_at=row[7], version=row[8]) for row in session.execute(stmt)]
