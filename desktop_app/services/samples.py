"""The training library: the shipped sample cases and those a trainer imported, each with its answer key.

Shipped samples live in the program's `resources/samples/`; imported ones in the per-user data folder
(`samples/` under it), which a reinstall or an upgrade of the program leaves alone and which serves every database
on the workstation. An imported sample whose file name is taken by a shipped one is shown after it under its own
name, so a trainer's pack never hides or replaces a shipped sample.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from desktop_app.core.case import CASE_TYPES, Case
from desktop_app.core.case_format import CaseFormatError, load_case_file
from desktop_app.core.datafile import resources_dir
from desktop_app.core.training import AnswerKey, AnswerKeyError, load_answer_key, sample_pairs
from desktop_app.paths import data_dir

log = logging.getLogger("casecheck")

BUILTIN, IMPORTED = "builtin", "imported"
ORIGINS: dict[str, str] = {BUILTIN: "程序自带", IMPORTED: "已导入"}


@dataclass(frozen=True)
class Sample:
    #: The case file's name without `.json`, e.g. "criminal.arrest_review".
    name: str
    case: Case
    key: AnswerKey
    origin: str = BUILTIN
    case_path: Path | None = None
    key_path: Path | None = None

    @property
    def label(self) -> str:
        mark = "" if self.origin == BUILTIN else "（已导入）"
        return f"{CASE_TYPES.get(self.case.case_type, self.case.case_type)}：{self.case.title}{mark}"


def builtin_samples_dir() -> Path:
    return resources_dir() / "samples"


def imported_samples_dir() -> Path:
    """Where imported samples are kept: the per-user data folder, which survives reinstalling the program."""
    return data_dir() / "samples"


def load_samples() -> list[Sample]:
    """Shipped, then imported samples; a broken pair is left out (and logged) rather than stopping practice."""
    samples: list[Sample] = []
    for origin, folder in ((BUILTIN, builtin_samples_dir()), (IMPORTED, imported_samples_dir())):
        if not folder.is_dir():
            continue
        for case_path, key_path in sample_pairs(folder):
            try:
                samples.append(Sample(case_path.stem, load_case_file(case_path), load_answer_key(key_path), origin,
                                      case_path, key_path))
            except (CaseFormatError, AnswerKeyError) as exc:
                log.warning("示例案件 %s 无法读取：%s", case_path.name, exc)
    return samples


def find_sample(name: str) -> Sample | None:
    return next((s for s in load_samples() if s.name == name), None)
