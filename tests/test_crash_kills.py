"""Killed without warning, again and again: no acknowledged answer is lost and the file is never corrupt.

A writer answers checklist items in a loop and says "saved" after each call returns; it is killed with SIGKILL at a
random moment (while starting, between answers, in the middle of a transaction), 32 times. After every kill
the file passes `PRAGMA integrity_check` and holds every answer acknowledged so far; at the end the audit chain
is intact.

Starting Python and importing the program takes a second or more on a busy machine, so the writers are forked from
one warmed-up process: each kill still ends a real process in the middle of its work, and the test stays well
under a minute.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from desktop_app.core.case import Case
from desktop_app.services.audit import verify_chain
from desktop_app.services.container import open_services

CASE_NO = "京朝检刑诉〔2026〕77号"
REPO = Path(__file__).resolve().parents[1]
KILLS = 32

#: Reads "go ROUND" lines; forks a writer for each that answers every item from that round on until killed.
ZYGOTE = r"""
import os, sys
from desktop_app.services.container import open_services

def write(db, case_no, round_no):
    services = open_services(db)
    view = services.inspections.open(services.actor, case_no, "self")
    values = ("pass", "fail", "na", "unsure")
    while True:
        for item in view.template.items:
            services.inspections.answer(services.actor, view.info.id, item.id, values[round_no % 4], f"round {round_no}")
            os.write(1, f"saved {item.id} {round_no}\n".encode())
        round_no += 1

print("ready", flush=True)
for line in sys.stdin:
    pid = os.fork()
    if pid == 0:
        try:
            write(sys.argv[1], sys.argv[2], int(line.split()[1]))
        finally:
            os._exit(1)
    print(f"child {pid}", flush=True)
    os.waitpid(pid, 0)
    print("dead", flush=True)
"""


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_repeated_kills_lose_no_acknowledged_answer(tmp_path: Path) -> None:
    database = tmp_path / "crash.db"
    services = open_services(str(database))
    services.cases.create(services.actor, Case(case_no=CASE_NO, title="陈某某盗窃案",
                                               case_type="criminal.prosecution_review", prosecutor="钱某",
                                               received_on=dt.date(2026, 3, 2)))
    services.close()
    zygote = subprocess.Popen([sys.executable, "-c", ZYGOTE, str(database), CASE_NO], cwd=REPO,
                              env={**os.environ, "CASECHECK_HOME": str(tmp_path / "home")},
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    watchdog = threading.Timer(120, zygote.kill)  # never hang the run if something stalls
    watchdog.start()
    rng = random.Random(20260320)
    acknowledged: dict[str, int] = {}
    total_acks = 0
    try:
        assert zygote.stdin is not None and zygote.stdout is not None
        assert zygote.stdout.readline().strip() == "ready"
        for kill in range(KILLS):
            zygote.stdin.write(f"go {kill * 1000}\n")
            zygote.stdin.flush()
            pid = int(zygote.stdout.readline().split()[1])
            wanted = rng.choice([0, 0, 1, 2, 3, 5, 8, 13, 21])
            if wanted == 0:
                time.sleep(rng.uniform(0, 0.4))  # while it starts up or opens its inspection
            seen = 0
            while seen < wanted:
                _, item_id, round_no = zygote.stdout.readline().split()
                acknowledged[item_id] = max(acknowledged.get(item_id, -1), int(round_no))
                seen += 1
            time.sleep(rng.uniform(0, 0.02))  # somewhere inside the next answer's transaction
            os.kill(pid, signal.SIGKILL)
            for line in zygote.stdout:
                if line.strip() == "dead":
                    break
                _, item_id, round_no = line.split()  # acknowledged before the kill landed
                acknowledged[item_id] = max(acknowledged.get(item_id, -1), int(round_no))
            total_acks += seen
            check_file(database, acknowledged)
    finally:
        watchdog.cancel()
        zygote.kill()
        _, errors = zygote.communicate()
    assert total_acks > KILLS, errors
    reopened = open_services(str(database))
    try:
        assert verify_chain(reopened.database).first_broken is None
    finally:
        reopened.close()


def check_file(database: Path, acknowledged: dict[str, int]) -> None:
    with sqlite3.connect(database) as raw:
        assert raw.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        stored = {item: int(note.split()[1]) for item, note in raw.execute("SELECT item_id, note FROM answers")}
    lost = {item: r for item, r in acknowledged.items() if stored.get(item, -1) < r}
    assert not lost, f"acknowledged but not in the database: {lost}"
