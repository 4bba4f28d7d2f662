"""Property-based fuzzing of the importers: a case JSON file, an Excel case register, a checklist workbook and a
holiday calendar, mutated at random. Whatever arrives, the importer either accepts it or refuses it with the
error type the CLI and GUI turn into a message (exit 2); never another exception. A refused import changes nothing
in the database."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import itertools
import json
import sqlite3
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from desktop_app.core.case_format import CaseFormatError, case_to_dict
from desktop_app.core.case_register import COLUMNS
from desktop_app.core.checklist_model import ChecklistSection
from desktop_app.core.checklists import load_builtin_templates
from desktop_app.core.datafile import DataFileError
from desktop_app.paths import user_calendar_file
from desktop_app.reports.checklist_workbook import TemplateWorkbookError, export_template_xlsx, import_template_xlsx
from desktop_app.services.container import Services, open_services
from desktop_app.services.errors import ServiceError
from desktop_app.services.preferences import install_calendar
from tests.factories import make_case


def fuzz(examples: int) -> settings:
    """Reproducible runs (a failure found once is found again), without time limits on a busy machine."""
    return settings(max_examples=examples, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                           HealthCheck.data_too_large])

#: What the CLI and the GUI report as bad input; anything else escaping an importer is a bug.
REFUSALS = (CaseFormatError, ServiceError, DataFileError, TemplateWorkbookError)


@pytest.fixture(scope="module")
def shared(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Services, Path]]:
    folder = tmp_path_factory.mktemp("fuzz")
    services = open_services(str(folder / "fuzz.db"))
    yield services, folder
    services.close()


def fingerprint(services: Services) -> list[tuple[str, int, int]]:
    """Every table's row count and highest rowid: any write by a refused import shows."""
    path = services.database.display_path
    with sqlite3.connect(path) as conn:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table' "
                                             "AND name NOT LIKE 'sqlite_%'")]
        return [(t, *conn.execute(f'SELECT count(*), coalesce(max(rowid), 0) FROM "{t}"').fetchone()) for t in tables]


# --- values JSON can hold, hostile ones included ----------------------------------------------------------------
SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=30), st.sampled_from(["", " ", "2026-02-30", "2026-03-02", "9999-01-01", "E1", "E1 ", "pass",
                                            "criminal.prosecution_review", "physical", "\ud800", "＝1+1"]),
)
VALUES = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=4)
                      | st.dictionaries(st.text(max_size=8), inner, max_size=4), max_leaves=12)
#: Tokens a JSON text may carry that no Python value produces when dumped.
RAW_TOKENS = st.sampled_from(["1e400", "-1e400", "Infinity", "NaN", "9" * 5000, '"\\ud800"', '"\\udfff x"',
                              "[" * 50 + "]" * 50, "{}", '""', "true", "null", "0.0", "-0"])


def field_paths(data: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    paths = [prefix]
    if isinstance(data, dict):
        for key, value in data.items():
            paths.extend(field_paths(value, (*prefix, key)))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            paths.extend(field_paths(value, (*prefix, index)))
    return paths


def replaced(data: Any, path: tuple[Any, ...], value: Any) -> Any:
    if not path:
        return value
    copy = dict(data) if isinstance(data, dict) else list(data)
    copy[path[0]] = replaced(copy[path[0]], path[1:], value)
    return copy


BASE_CASE = case_to_dict(make_case())
BASE_CASE["answers"] = {"PR-EV-01": {"value": "pass", "note": "已核对"}}
BASE_PATHS = field_paths(BASE_CASE)
NUMBER = "@@N@@"  # replaced by a fresh number for each example
SERIAL = itertools.count(1)


@st.composite
def case_texts(draw: st.DrawFn) -> str:
    data: Any = BASE_CASE
    if draw(st.booleans()):  # free keys the format keeps as they are: most of these import
        data = {**data, "facts": {draw(st.text(max_size=10)): draw(VALUES)},
                "evidence": [{**e, "attributes": {**e.get("attributes", {}), "note_x": draw(VALUES)}}
                             for e in data["evidence"]]}
    for _ in range(draw(st.integers(0, 3))):
        path = draw(st.sampled_from(BASE_PATHS))
        try:
            data = replaced(data, path, draw(VALUES))
        except (IndexError, KeyError, TypeError):
            pass
        if isinstance(data, dict) and draw(st.booleans()):
            data = {**data, draw(st.text(max_size=10)): draw(VALUES)}
    if isinstance(data, dict) and data.get("case_no") == BASE_CASE["case_no"]:  # a new 案号, or it is a duplicate
        data = {**data, "case_no": f"京朝检刑诉〔2026〕{NUMBER}号"}
    text = json.dumps(data, ensure_ascii=draw(st.booleans()))
    choice = draw(st.integers(0, 3))
    if choice == 1:  # splice a raw token in place of some value
        token = draw(RAW_TOKENS)
        position = draw(st.integers(0, len(text)))
        colon = text.find(": ", position)
        if colon > 0:
            end = min((i for i in (text.find(",", colon), text.find("}", colon)) if i > 0), default=len(text))
            text = text[:colon + 2] + token + text[end:]
    elif choice == 2:  # a duplicated key
        text = text.replace('"title"', '"title": "x", "title"', 1)
    elif choice == 3:  # a few characters cut, doubled or inserted
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(st.text(max_size=3)) + text[at + draw(st.integers(0, 3)):]
    return text


@fuzz(400)
@given(text=case_texts())
def test_fuzzed_case_json_is_imported_or_refused_cleanly(shared: tuple[Services, Path], text: str) -> None:
    services, folder = shared
    path = folder / "fuzz.json"
    path.write_text(text.replace(NUMBER, str(next(SERIAL))), encoding="utf-8", errors="surrogatepass")
    before = fingerprint(services)
    try:
        services.cases.import_files(services.actor, [path])
    except REFUSALS:
        event("refused")
        assert fingerprint(services) == before
    else:  # accepted: it must be storable and print back as valid JSON
        event("imported")
        from desktop_app.core.case_format import load_case_file

        case = load_case_file(path)
        assert json.loads(json.dumps(case_to_dict(services.cases.get(case.case_no)), allow_nan=False))


# --- the Excel case register ------------------------------------------------------------------------------------
CELLS = st.one_of(st.none(), st.text(max_size=20).map(lambda t: ILLEGAL_CHARACTERS_RE.sub("", t)), st.integers(-10**6, 10**20), st.floats(allow_nan=False),
                  st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31)), st.booleans(),
                  st.sampled_from(["审查起诉", "criminal.prosecution_review", "是", "否", "2026-03-02", "=1+1"]))
HEADER_NAMES = [name for names in COLUMNS.values() for name in names] + list(COLUMNS) + ["备注", ""]


@st.composite
def registers(draw: st.DrawFn) -> bytes:
    headers = draw(st.lists(st.sampled_from(HEADER_NAMES), min_size=1, max_size=8))
    if draw(st.booleans()):
        headers = ["案号", "案件名称", "案件类型", "承办检察官", "受理日期", *headers]
    workbook = Workbook()
    workbook.properties.created = workbook.properties.modified = dt.datetime(2026, 3, 20)  # the same bytes each run
    sheet = workbook.active
    sheet.append(headers)
    for _ in range(draw(st.integers(0, 4))):
        sheet.append(draw(st.lists(CELLS, max_size=len(headers) + 1)))
    out = io.BytesIO()
    workbook.save(out)
    data = out.getvalue()
    if draw(st.integers(0, 4)) == 0:  # a damaged file
        position = draw(st.integers(0, 10**6)) % len(data)  # the draws must not depend on the file's length
        data = data[:position] + bytes([data[position] ^ draw(st.integers(1, 255))]) + data[position + 1:]
    return data


@fuzz(300)
@given(data=registers())
def test_fuzzed_case_register_is_imported_or_refused_cleanly(shared: tuple[Services, Path], data: bytes) -> None:
    services, folder = shared
    path = folder / "register.xlsx"
    path.write_bytes(data)
    before = fingerprint(services)
    try:
        services.cases.import_files(services.actor, [path])
        event("imported")
    except REFUSALS:
        event("refused")
        assert fingerprint(services) == before


# --- the trainers' checklist workbook ---------------------------------------------------------------------------
_FULL = load_builtin_templates()["criminal.arrest_review"]
#: A few items keep each example quick; the reader's paths are the same for three rows as for eighty.
TEMPLATE = dataclasses.replace(_FULL, sections=(ChecklistSection(_FULL.sections[0].title, _FULL.sections[0].items[:3]),))


@pytest.fixture(scope="module")
def template_workbook(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    path = tmp_path_factory.mktemp("tpl") / "t.xlsx"
    export_template_xlsx(TEMPLATE, path)
    return path.read_bytes()


@fuzz(200)
@given(edits=st.lists(st.tuples(st.integers(0, 2), st.integers(1, 6), st.integers(1, 14), CELLS), max_size=6),
       drop_sheet=st.integers(0, 8))
def test_fuzzed_checklist_workbook_is_imported_or_refused_cleanly(
        shared: tuple[Services, Path], template_workbook: bytes, edits: list[tuple[int, int, int, Any]],
        drop_sheet: int) -> None:
    services, folder = shared
    workbook = load_workbook(io.BytesIO(template_workbook))
    for sheet_index, row, column, value in edits:
        workbook.worksheets[sheet_index].cell(row=row, column=column).value = value
    if drop_sheet < len(workbook.worksheets) and drop_sheet == 0:
        workbook.remove(workbook.worksheets[2])
    path = folder / "template.xlsx"
    workbook.save(path)
    before = fingerprint(services)
    try:
        template = import_template_xlsx(path)
        services.templates.save(services.actor, template)
        event("imported")
    except REFUSALS:
        event("refused")
        assert fingerprint(services) == before


# --- the holiday calendar ---------------------------------------------------------------------------------------
CALENDAR = {"format": "casecheck.calendar/1", "weekends_are_rest_days": True,
            "years": {2026: {"source": "国办发明电〔2025〕7号", "holidays": ["2026-01-01", "2026-02-16"],
                             "workdays": ["2026-02-14"]}}}
CALENDAR_PATHS = field_paths(CALENDAR)
YAML_RAW = st.sampled_from(["&a [*a]", "*undefined", "!!python/object:os.system ls", "2026-02-30", "{", "- - -",
                            "? [a]\n: b", "\t", "'", "1e400", ".inf", "&x " + "[*x]" * 3, "~", "!!binary AAAA"])


@st.composite
def calendar_texts(draw: st.DrawFn) -> str:
    data: Any = CALENDAR
    for _ in range(draw(st.integers(1, 3))):
        try:
            data = replaced(data, draw(st.sampled_from(CALENDAR_PATHS)), draw(VALUES | st.dates()))
        except (IndexError, KeyError, TypeError):
            pass
    text = yaml.safe_dump(data, allow_unicode=True) if draw(st.booleans()) else \
        yaml.safe_dump(data, allow_unicode=False, default_flow_style=True)
    if draw(st.booleans()):
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(YAML_RAW | st.text(max_size=4)) + text[at + draw(st.integers(0, 4)):]
    return text


@fuzz(300)
@given(text=calendar_texts())
def test_fuzzed_calendar_is_installed_or_refused_cleanly(shared: tuple[Services, Path], text: str) -> None:
    services, folder = shared
    path = folder / "calendar.yaml"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    user_calendar_file().unlink(missing_ok=True)
    before = fingerprint(services)
    try:
        install_calendar(services, path)
        event("installed")
    except REFUSALS:
        event("refused")
        assert fingerprint(services) == before
        assert not user_calendar_file().exists()


def test_a_damaged_register_zip_is_refused(shared: tuple[Services, Path]) -> None:
    services, folder = shared
    path = folder / "broken.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<nonsense")
    with pytest.raises(ServiceError):
        services.cases.import_files(services.actor, [path])
