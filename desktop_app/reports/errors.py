"""Errors the report writers raise that callers handle on purpose (not bugs)."""

from __future__ import annotations


class ExportCancelled(Exception):
    """The person cancelled an export; nothing was written (the partial file has been removed)."""

    def __init__(self) -> None:
        super().__init__("导出已取消")
