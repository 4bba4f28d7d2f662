"""Checklist template versions in the database: the shipped templates are registered once, edits add versions.

An inspection points at the version it was started with, so a template edited later never changes an old
inspection's items or score.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.engine import Database
from db.models import ChecklistTemplateVersion
from desktop_app.core.checklist_model import ChecklistTemplate
from desktop_app.core.checklists import template_from_dict, template_to_dict
from desktop_app.core.i18n import tr
from desktop_app.services import audit, permissions
from desktop_app.services.actors import Actor
from desktop_app.services.errors import NotFound
from desktop_app.services.uow import UnitOfWork


@dataclass(frozen=True)
class TemplateVersionInfo:
    id: int
    template_id: str
    version: str
    title: str
    created_at: dt.datetime
    items: int


def content_hash(template: ChecklistTemplate) -> str:
    data = template_to_dict(template)
    data.pop("version", None)
    return hashlib.sha256(json.dumps(data, ensure_ascii=False, sort_keys=True).encode("utf-8")).hexdigest()


def _info(row: ChecklistTemplateVersion) -> TemplateVersionInfo:
    items = sum(len(s.get("items", [])) for s in row.content.get("sections", []))
    return TemplateVersionInfo(row.id, row.template_id, row.version, row.title, row.created_at, items)


def _next_version(session: Session, template_id: str, wanted: str) -> str:
    taken = set(session.scalars(select(ChecklistTemplateVersion.version)
                                .where(ChecklistTemplateVersion.template_id == template_id)))
    if wanted not in taken:
        return wanted
    n = 2
    while f"{wanted}-r{n}" in taken:
        n += 1
    return f"{wanted}-r{n}"


def store_version(session: Session, template: ChecklistTemplate, user_id: int | None) -> ChecklistTemplateVersion:
    """Add `template` as the newest version unless the newest already has the same content."""
    digest = content_hash(template)
    latest = session.scalar(select(ChecklistTemplateVersion)
                            .where(ChecklistTemplateVersion.template_id == template.id)
                            .order_by(ChecklistTemplateVersion.id.desc()).limit(1))
    if latest is not None and latest.content_hash == digest:
        return latest
    version = _next_version(session, template.id, template.version)
    content = template_to_dict(template)
    content["version"] = version
    row = ChecklistTemplateVersion(template_id=template.id, version=version, title=template.title, content=content,
                                   content_hash=digest, created_by=user_id)
    session.add(row)
    session.flush()
    return row


class TemplateService:
    def __init__(self, database: Database, builtin: dict[str, ChecklistTemplate]) -> None:
        self.database = database
        self.builtin = builtin
        self._synced = False
        #: Parsed versions by (id, content hash): a version is immutable, and an export of 20,000 cases asks for the
        #: same few thousands of times. The hash guards against an id reused after a rolled-back save.
        self._parsed: dict[tuple[int, str], ChecklistTemplate] = {}

    def sync_builtin(self) -> None:
        """Register shipped templates not yet in the database (first start, or a program update)."""
        if self._synced:
            return
        # Looked up first with a plain read: a command that only reads must not write (a read-only archive copy).
        with self.database.sessions() as session:
            stored = {(row[0], row[1]) for row in session.execute(
                select(ChecklistTemplateVersion.template_id, ChecklistTemplateVersion.content_hash))}
        missing = [t for t in self.builtin.values() if (t.id, content_hash(t)) not in stored]
        if missing:
            with UnitOfWork(self.database) as uow:
                for template in missing:
                    store_version(uow.session, template, None)
                uow.commit()
        self._synced = True

    def current(self, template_id: str) -> tuple[int, ChecklistTemplate]:
        self.sync_builtin()
        with self.database.sessions() as session:
            row = session.scalar(select(ChecklistTemplateVersion)
                                 .where(ChecklistTemplateVersion.template_id == template_id)
                                 .order_by(ChecklistTemplateVersion.id.desc()).limit(1))
            if row is None:
                raise NotFound(tr(f"没有案件类型 {template_id} 的检查表", f"no checklist for {template_id}"))
            return row.id, template_from_dict(row.content, f"db:{row.id}")

    def version(self, version_id: int) -> ChecklistTemplate:
        with self.database.sessions() as session:
            digest = session.scalar(select(ChecklistTemplateVersion.content_hash)
                                    .where(ChecklistTemplateVersion.id == version_id))
            if digest is None:
                raise NotFound(tr(f"检查表版本 {version_id} 不存在", f"template version {version_id} not found"))
            key = (version_id, digest)
            if key not in self._parsed:
                content = session.scalar(select(ChecklistTemplateVersion.content)
                                         .where(ChecklistTemplateVersion.id == version_id))
                self._parsed[key] = template_from_dict(content, f"db:{version_id}")
            return self._parsed[key]

    def versions(self, template_id: str | None = None) -> list[TemplateVersionInfo]:
        self.sync_builtin()
        with self.database.sessions() as session:
            stmt = select(ChecklistTemplateVersion).order_by(ChecklistTemplateVersion.template_id,
                                                             ChecklistTemplateVersion.id)
            if template_id:
                stmt = stmt.where(ChecklistTemplateVersion.template_id == template_id)
            return [_info(r) for r in session.scalars(stmt)]

    def save(self, actor: Actor, template: ChecklistTemplate) -> TemplateVersionInfo:
        """Store an edited or imported template as a new version (unchanged content adds nothing)."""
        permissions.check(actor, "template.edit")
        self.sync_builtin()
        with UnitOfWork(self.database) as uow:
            row = store_version(uow.session, template, actor.id)
            audit.record(uow.session, actor, "template.save", "template", template.id,
                         {"version": row.version, "title": template.title})
            info = _info(row)
            uow.commit()
            return info
