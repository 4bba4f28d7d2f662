"""One unit of work per user action: everything a click changes commits together or not at all.

Modelled on the cosmicpython pattern: `with UnitOfWork(db) as uow: ...; uow.commit()`; leaving the block without
`commit()` rolls back, so an error half way leaves the database exactly as it was.
"""

from __future__ import annotations

from types import TracebackType

from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from db.engine import Database, classify_error
from desktop_app.services.audit import take_write_lock


class UnitOfWork:
    def __init__(self, database: Database) -> None:
        self.database = database
        self._session: Session | None = None

    @property
    def session(self) -> Session:
        if self._session is None:
            raise RuntimeError("UnitOfWork used outside its with-block")
        return self._session

    def __enter__(self) -> UnitOfWork:
        self._session = self.database.sessions()
        try:
            take_write_lock(self._session)
        except DBAPIError as exc:
            self._session.close()
            self._session = None
            problem = classify_error(exc, self.database.display_path)
            if problem is not None:
                raise problem from exc
            raise
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        session = self.session
        try:
            session.rollback()
        finally:
            session.close()
            self._session = None
        if isinstance(exc, DBAPIError):
            problem = classify_error(exc, self.database.display_path)
            if problem is not None:
                raise problem from exc

    def commit(self) -> None:
        try:
            self.session.commit()
        except DBAPIError as exc:
            problem = classify_error(exc, self.database.display_path)
            if problem is not None:
                raise problem from exc
            raise
