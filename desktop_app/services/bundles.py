"""Offline exchange between workstations: a zip of `casecheck.case/1` files (answers included) and a manifest.

A team lead gathers cases from prosecutors' machines this way. Importing is all or nothing, like any import.
"""

from __future__ import annotations

import datetime as dt
import json
import zipfile
from collections.abc import Sequence
from pathlib import Path

from desktop_app import __version__
from desktop_app.core.case import Case
from desktop_app.core.case_format import CaseFormatError, case_from_dict, case_to_dict
from desktop_app.core.i18n import tr
from desktop_app.services.cases import safe_file_name
from desktop_app.services.container import Services

BUNDLE_FORMAT = "casecheck.bundle/1"


def case_with_answers(services: Services, case_no: str) -> Case:
    """The case as stored, with the answers of its latest inspection, as a case file carries them."""
    case = services.cases.get(case_no)
    view = services.inspections.latest_for_case(case_no)
    if view is not None:
        case.answers = dict(view.answers)
    return case


def export_bundle(services: Services, case_nos: Sequence[str], out: Path) -> int:
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".part")
    names: list[str] = []
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for index, case_no in enumerate(case_nos):
            name = f"cases/{index:06d}-{safe_file_name(case_no)}.json"
            archive.writestr(name, json.dumps(case_to_dict(case_with_answers(services, case_no)),
                                              ensure_ascii=False, indent=2))
            names.append(name)
        manifest = {"format": BUNDLE_FORMAT, "created_at": dt.datetime.now().isoformat(timespec="seconds"),
                    "created_by": services.actor.display_name, "program_version": __version__, "cases": names}
        archive.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=2))
    tmp.replace(out)
    return len(names)


def read_bundle(path: Path) -> list[Case]:
    source = str(path)
    try:
        archive = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as exc:
        raise CaseFormatError([f"{source}: (file): " + tr(f"不是有效的交换包：{exc}", f"not a bundle: {exc}")]) from None
    with archive:
        try:
            manifest = json.loads(archive.read("manifest.json").decode("utf-8"))
        except (KeyError, ValueError) as exc:
            raise CaseFormatError([f"{source}: manifest.json: " + tr(f"缺失或无法解析（{exc}）", f"missing or bad ({exc})")]) \
                from None
        if not isinstance(manifest, dict) or manifest.get("format") != BUNDLE_FORMAT:
            raise CaseFormatError([f"{source}: manifest.json: format: " + tr(f"应为 {BUNDLE_FORMAT}", f"must be {BUNDLE_FORMAT}")])
        cases: list[Case] = []
        problems: list[str] = []
        for name in manifest.get("cases", []):
            try:
                cases.append(case_from_dict(json.loads(archive.read(name).decode("utf-8")), f"{source}!{name}"))
            except CaseFormatError as exc:
                problems.extend(exc.problems)
            except (KeyError, ValueError) as exc:
                problems.append(f"{source}!{name}: (file): {exc}")
        if problems:
            raise CaseFormatError(problems)
        return cases


def import_bundle(services: Services, path: Path) -> int:
    cases = read_bundle(path)
    return services.cases.import_cases(services.actor, cases, source=str(path)[:128])
