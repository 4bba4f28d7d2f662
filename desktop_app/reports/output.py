"""Writing report files safely: to a temp file beside the target, renamed into place only when complete.

An export of thousands of cases can be cancelled or fail half-way; a half-written file with the final name would
be mistaken for a finished report, so the target only ever appears whole.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from collections.abc import Callable, Iterable, Iterator, Sized
from pathlib import Path
from typing import Any

from desktop_app.reports.errors import ExportCancelled

ProgressFn = Callable[[int, int], None]
CancelledFn = Callable[[], bool]


@contextlib.contextmanager
def atomic_output(path: str | Path) -> Iterator[Path]:
    """Yield a temp path in the target's folder; on success it replaces `path`, on any error it is removed."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    temp = target.with_name(f".{target.stem}.{secrets.token_hex(4)}{target.suffix}.part")
    # Created here (exclusively, with the usual permissions) so the name is ours; writers then overwrite it.
    temp.open("xb").close()
    try:
        yield temp
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    os.replace(temp, target)


AUDIT_STAMP_LABEL = "审计链校验码"


def audit_stamp(head: str) -> str:
    """The 审计链校验码 line every PDF and workbook prints (empty when the report was not made from a database)."""
    return f"{AUDIT_STAMP_LABEL}：{head}" if head else ""


class Ticker:
    """Reports progress after each item and stops the export when the person cancels."""

    def __init__(self, items: Iterable[Any], progress: ProgressFn | None, cancelled: CancelledFn | None,
                 total: int | None) -> None:
        if total is None:
            total = len(items) if isinstance(items, Sized) else 0
        self.total = total
        self.done = 0
        self._progress = progress
        self._cancelled = cancelled

    def check(self) -> None:
        if self._cancelled is not None and self._cancelled():
            raise ExportCancelled()

    def step(self) -> None:
        self.done += 1
        if self._progress is not None:
            # A total of 0 means "unknown" (a generator of cards); an estimate that was too low never shows > 100 %.
            self._progress(self.done, self.total and max(self.total, self.done))
