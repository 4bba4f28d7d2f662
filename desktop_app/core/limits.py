"""Size limits on every file the program reads, and caps on what a message quotes.

A file from another workstation or a mail attachment may be huge or hostile (a zip bomb, a register of millions of
rows, a 50 MB string). Each limit is a documented setting with a default: an environment variable of the same name
raises or lowers it for one workstation (see the README, "安全导入的限制").
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from desktop_app.core.i18n import tr

MB = 1024 * 1024


@dataclass(frozen=True)
class Limit:
    """One setting: its environment variable, its default and the unit it is counted in."""

    env: str
    default: int
    unit: str

    @property
    def value(self) -> int:
        raw = os.environ.get(self.env, "").strip()
        try:
            return int(raw) if raw else self.default
        except ValueError:
            return self.default


CASE_JSON_BYTES = Limit("CASECHECK_MAX_CASE_JSON_BYTES", 20 * MB, "bytes")
XLSX_BYTES = Limit("CASECHECK_MAX_XLSX_BYTES", 50 * MB, "bytes")
XLSX_ROWS = Limit("CASECHECK_MAX_XLSX_ROWS", 200_000, "rows")
CALENDAR_BYTES = Limit("CASECHECK_MAX_CALENDAR_BYTES", 1 * MB, "bytes")
#: Other YAML data files (checklists, rule packs, grading schemes) are larger than a calendar but never huge.
DATA_FILE_BYTES = Limit("CASECHECK_MAX_DATA_FILE_BYTES", 10 * MB, "bytes")
BUNDLE_TOTAL_BYTES = Limit("CASECHECK_MAX_BUNDLE_BYTES", 2048 * MB, "bytes")
BUNDLE_MEMBER_RATIO = Limit("CASECHECK_MAX_BUNDLE_RATIO", 200, "uncompressed size / compressed size")
YAML_ALIASES = Limit("CASECHECK_MAX_YAML_ALIASES", 100, "aliases per file")
BACKUPS_KEPT = Limit("CASECHECK_BACKUPS_KEPT", 10, "backups")

ALL_LIMITS = (CASE_JSON_BYTES, XLSX_BYTES, XLSX_ROWS, CALENDAR_BYTES, DATA_FILE_BYTES, BUNDLE_TOTAL_BYTES,
              BUNDLE_MEMBER_RATIO, YAML_ALIASES, BACKUPS_KEPT)

#: What one message may quote of a value, and how many problems one refusal lists.
QUOTE_CHARS = 80
MAX_PROBLEMS = 50
#: The longest case number (案号 in practice stay under 40 characters); longer ones break file names.
CASE_NO_CHARS = 64


def quote(value: object) -> str:
    """`repr(value)` cut to QUOTE_CHARS, so a 50 MB value never ends up in a message."""
    text = repr(value)
    if len(text) <= QUOTE_CHARS:
        return text
    return text[:QUOTE_CHARS] + tr(f"…（共 {len(text)} 个字符）", f"… ({len(text)} characters)")


def capped(problems: list[str]) -> list[str]:
    """The first MAX_PROBLEMS problems and a line saying how many more there are."""
    if len(problems) <= MAX_PROBLEMS:
        return problems
    rest = len(problems) - MAX_PROBLEMS
    return [*problems[:MAX_PROBLEMS], tr(f"…另有 {rest} 处", f"… and {rest} more")]


def size_problem(path: Path, limit: Limit) -> str | None:
    """A message when the file is larger than the limit allows (None when it fits or cannot be measured)."""
    try:
        size = path.stat().st_size
    except OSError:
        return None
    if size <= limit.value:
        return None
    return tr(f"文件过大（{size / MB:.1f} MB，上限 {limit.value / MB:.1f} MB，可用环境变量 {limit.env} 调整）",
              f"file too large ({size / MB:.1f} MB; the limit is {limit.value / MB:.1f} MB, set {limit.env} to change)")
