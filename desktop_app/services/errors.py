"""Errors a person can act on, raised by services and shown as plain messages by the GUI and the CLI."""

from __future__ import annotations

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
