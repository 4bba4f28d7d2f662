"""The program's log file, shared by the window and the command line: one per user, rotated so it stays small.

Bugs are written here with their traceback; people are shown a plain message that says where the file is.
"""

from __future__ import annotations

import logging
from logging.handlers import RotatingFileHandler
from pathlib import Path

from desktop_app import paths

log = logging.getLogger("casecheck")
MAX_BYTES = 2 * 1024 * 1024
BACKUPS = 3


def setup_file_logging() -> Path | None:
    """Attach the log file (once); None when the log folder cannot be written, so logging never stops the program."""
    path = paths.log_file()
    target = str(path.resolve())
    if any(isinstance(h, logging.FileHandler) and h.baseFilename == target for h in log.handlers):
        return path
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = RotatingFileHandler(path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8")
    except OSError:
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    return path
