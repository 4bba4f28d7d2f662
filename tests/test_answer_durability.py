"""An answer the walk has shown as saved survives the program being killed a moment later.

The walk shows an answer as saved once `InspectionService.answer` has returned, so that call must have committed.
A separate process answers item after item and says "saved" after each call; it is killed without warning in the
middle of its work, and every answer it acknowledged must be in the database when it is opened again.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

from db.engine import database_url, sqlite_path
from desktop_app.core.case import Case
from desktop_app.services.container import open_services

CASE_NO = "京朝检刑诉〔2026〕99号"
REPO = Path(__file__).resolve().parents[1]
ACKNOWLEDGEMENTS_BEFORE_KILL = 40

#: Answers every item again and again (the value and the round in the note change each round) until killed.
WRITER = r"""
import sys
from desktop_app.services.container import open_services

services = open_services(sys.argv[1])
view = services.inspections.open(services.actor, sys.argv[2], "self")
values = ("pass", "fail", "na", "unsure")
round_no = 0
while True:
    for item in view.template.items:
        services.inspections.answer(services.actor, view.info.id, item.id, values[round_no % 4], f"round {round_no}")
        print(f"saved {item.id} {round_no}", flush=True)
    round_no += 1
"""


def test_every_acknowledged_answer_survives_a_kill(db_target: str, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("CASECHECK_HOME", str(tmp_path))
    database = db_target
    services = open_services(database)
    services.cases.create(services.actor, Case(case_no=CASE_NO, title="陈某某盗窃案",
                                               case_type="criminal.prosecution_review", prosecutor="钱某",
                                               received_on=dt.date(2026, 3, 2)))
    services.close()

    writer = subprocess.Popen([sys.executable, "-c", WRITER, database, CASE_NO], cwd=REPO,
                              env={**os.environ, "CASECHECK_HOME": str(tmp_path)},
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8")
    watchdog = threading.Timer(60, writer.kill)  # never hang the test run if the writer stalls
    watchdog.start()
    acknowledged: dict[str, int] = {}
    count = 0
    try:
        assert writer.stdout is not None
        for line in writer.stdout:
            _, item_id, round_no = line.split()
            acknowledged[item_id] = int(round_no)
            count += 1
            if count == ACKNOWLEDGEMENTS_BEFORE_KILL:
                writer.kill()  # SIGKILL: no clean-up, no chance to flush anything
                break
    finally:
        watchdog.cancel()
        writer.kill()
        _, errors = writer.communicate()
    assert count == ACKNOWLEDGEMENTS_BEFORE_KILL, f"the writer stopped early: {errors}"

    path = sqlite_path(database_url(database))
    if path is not None:  # a killed writer may leave a torn file; a server keeps its own storage whole
        with sqlite3.connect(path) as raw:
            assert raw.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    reopened = open_services(database)
    try:
        (info,) = reopened.inspections.for_case(CASE_NO)
        answers = reopened.inspections.view(info.id).answers
    finally:
        reopened.close()
    for item_id, round_no in acknowledged.items():
        assert item_id in answers, f"{item_id} was acknowledged but is not in the database"
        saved_round = int(answers[item_id].note.split()[1])
        assert saved_round >= round_no, f"{item_id}: round {round_no} was acknowledged, the database has {saved_round}"
