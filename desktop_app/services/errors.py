"""Errors a person can act on, raised by services and shown as plain messages by the GUI and the CLI."""

from __future__ import annotations


class ServiceError(Exception):
    """Bad input or a forbidden action: the message is for people and nothing was changed."""

    def __init__(self, message: str, problems: list[str] | None = None) -> None:
        self.problems = problems or [message]
        super().__init__(message)


class NotFound(ServiceError):
    pass


class PermissionDenied(ServiceError):
    pass
