"""Offline exchange between workstations: a zip of `casecheck.case/1` files (answers included) and a manifest.

A team lead gathers cases from prosecutors' machines this way. Importing is all or nothing, like any import.
"""

from __future__ import annotations

import datetime as dt
import json
import zipfile
import zlib
from collections.abc import Callable, Sequence
from pathlib import Path

from desktop_app import __version__
from desktop_app.core.case import Case
from desktop_app.core.case_format import CaseFormatError, case_from_dict, case_to_dict, loads_strict
from desktop_app.core.i18n import tr
from desktop_app.core.limits import BUNDLE_MEMBER_RATIO, BUNDLE_TOTAL_BYTES, MB
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


#: What reading a damaged archive can raise: a changed byte fails the CRC or the inflater, a cut file the zip index.
_DAMAGED = (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError, OSError, UnicodeDecodeError)


def _check_sizes(archive: zipfile.ZipFile, source: str) -> None:
    """Refuse a zip bomb before inflating anything: the declared sizes in all, and each member's compression ratio."""
    total = sum(info.file_size for info in archive.infolist())
    if total > BUNDLE_TOTAL_BYTES.value:
        raise CaseFormatError([f"{source}: (file): " + tr(
            f"交换包解压后过大（{total / MB:.0f} MB，上限 {BUNDLE_TOTAL_BYTES.value / MB:.0f} MB，"
            f"可用环境变量 {BUNDLE_TOTAL_BYTES.env} 调整）",
            f"the bundle unpacks to {total / MB:.0f} MB; the limit is {BUNDLE_TOTAL_BYTES.value / MB:.0f} MB "
            f"(set {BUNDLE_TOTAL_BYTES.env} to change)")])
    for info in archive.infolist():
        if info.file_size > 1024 * 1024 and info.file_size > BUNDLE_MEMBER_RATIO.value * max(info.compress_size, 1):
            raise CaseFormatError([f"{source}!{info.filename[:200]}: (file): " + tr(
                f"压缩比异常（超过 {BUNDLE_MEMBER_RATIO.value} 倍），疑似压缩炸弹，已拒绝",
                f"compression ratio above {BUNDLE_MEMBER_RATIO.value}: refused as a possible zip bomb")])


def _member(archive: zipfile.ZipFile, name: str, source: str) -> str:
    """One member's text; a damaged or missing member is bad input naming the member, never an internal error."""
    where = f"{source}!{name[:200]}"
    try:
        return archive.read(name).decode("utf-8")
    except KeyError:
        raise CaseFormatError([f"{where}: (file): " + tr("交换包中没有此文件", "not in the bundle")]) from None
    except _DAMAGED as exc:
        raise CaseFormatError([f"{where}: (file): " + tr(f"交换包已损坏（{exc}）", f"the bundle is damaged ({exc})")]) \
            from None


def read_bundle(path: Path) -> list[Case]:
    source = str(path)
    try:
        archive = zipfile.ZipFile(path)
    except _DAMAGED as exc:
        raise CaseFormatError([f"{source}: (file): " + tr(f"不是有效的交换包：{exc}", f"not a bundle: {exc}")]) from None
    with archive:
        _check_sizes(archive, source)
        manifest = loads_strict(_member(archive, "manifest.json", source), f"{source}!manifest.json")
        if not isinstance(manifest, dict) or manifest.get("format") != BUNDLE_FORMAT:
            raise CaseFormatError([f"{source}: manifest.json: format: " + tr(f"应为 {BUNDLE_FORMAT}", f"must be {BUNDLE_FORMAT}")])
        names = manifest.get("cases", [])
        if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
            raise CaseFormatError([f"{source}: manifest.json: cases: " + tr("应为文件名（字符串）的列表",
                                                                             "must be a list of member names")])
        cases: list[Case] = []
        problems: list[str] = []
        for name in names:
            try:
                member = f"{source}!{name}"
                cases.append(case_from_dict(loads_strict(_member(archive, name, source), member), member))
            except CaseFormatError as exc:
                problems.extend(exc.problems)
        if problems:
            raise CaseFormatError(problems)
        return cases


def import_bundle(services: Services, path: Path, warn: Callable[[str], None] | None = None) -> int:
    cases = read_bundle(path)
    return services.cases.import_cases(services.actor, cases, source=str(path)[:128], warn=warn)
