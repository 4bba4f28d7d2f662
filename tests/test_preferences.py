"""Replacing the holiday calendar re-derives the periods of every case; a bad calendar changes nothing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from desktop_app.core.datafile import DataFileError
from desktop_app.paths import user_calendar_file
from desktop_app.services.board import deadline_board
from desktop_app.services.cases import CaseQuery
from desktop_app.services.container import open_services
from desktop_app.services.preferences import choose_grading, install_calendar, rederive_all, reset_calendar
from tests.factories import make_case


def test_an_imported_calendar_moves_due_dates_and_persists(services, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                           db_target: str) -> None:
    case = make_case(in_custody=False, received_on=dt.date(2026, 3, 2))
    services.cases.create(services.actor, case)
    assert deadline_board(services.database, dt.date(2026, 3, 20))[0].due == dt.date(2026, 4, 2)
    calendar = tmp_path / "cal.yaml"
    calendar.write_text("format: casecheck.calendar/1\nweekends_are_rest_days: true\nyears:\n  2026:\n"
                        "    source: 测试\n    holidays: [2026-04-02..2026-04-03]\n", encoding="utf-8")
    install_calendar(services, calendar)
    assert rederive_all(services) == 1
    assert deadline_board(services.database, dt.date(2026, 3, 20))[0].due == dt.date(2026, 4, 6)
    assert user_calendar_file().exists()
    reopened = open_services(db_target)
    assert reopened.context.calendar.is_rest_day(dt.date(2026, 4, 2))
    reopened.close()
    reset_calendar(services)
    rederive_all(services)
    assert deadline_board(services.database, dt.date(2026, 3, 20))[0].due == dt.date(2026, 4, 2)


def test_a_bad_calendar_is_refused_and_nothing_changes(services, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "bad.yaml"
    bad.write_text("format: casecheck.calendar/1\nyears:\n  2026:\n    holidays: [2026-04-31]\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="bad.yaml:4"):
        install_calendar(services, bad)
    assert not user_calendar_file().exists()


def test_grading_scheme_changes_the_labels(services) -> None:  # type: ignore[no-untyped-def]
    assert "2026" in choose_grading(services, "2026")
    assert set(services.context.scheme.labels.values()) >= {"基本合格"}
    assert services.cases.count(CaseQuery(case_nos=("nothing",))) == 0
