"""Errors a person can act on, raised by services and shown as plain messages by the GUI and the CLI."""

from __future__ import annotations

import datetime as dt

from desktop_app.core.limits import capped


class ServiceError(Exception):
    """Bad input or a forbidden action: the message is for people and nothing was changed."""

    def __init__(self, message: str, problems: list[str] | None = None) -> None:
        # A 1,000,000-row register with a mistake in every row must not produce a 200 MB message.
        self.problems = capped(problems or [message])
        super().__init__(message)


class NotFound(ServiceError):
    pass


class PermissionDenied(ServiceError):
    pass


class EditConflict(ServiceError):
    """Someone else saved the record after this user loaded it: nothing was written, the user reloads and redoes.

    `by` and `at` name the last writer (from the audit trail), `version` is the record's version now."""

    def __init__(self, message: str, *, by: str, at: dt.datetime | None, version: int) -> None:
        super().__init__(message)
        self.by = by
        self.at = at
        self.version = version
