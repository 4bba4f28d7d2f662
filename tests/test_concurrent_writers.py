"""Several programs writing one database at once (imports, edits, on SQLite a backup taken meanwhile) never corrupt
it: every write that reported success is there, the audit chain holds, and on SQLite `PRAGMA integrity_check` says
ok for the file and every backup. Run on an SQLite file and on a PostgreSQL server."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

from sqlalchemy import text

from desktop_app.services.audit import verify_chain
from desktop_app.services.backups import integrity_problem
from desktop_app.services.container import open_services

WRITER = textwrap.dedent("""
    import sys
    from desktop_app.services.container import open_services
    from tests.factories import make_case

    db, name, mode = sys.argv[1:4]
    services = open_services(db)
    if mode == "import":  # batches of cases in one transaction each
        for batch in range(6):
            cases = [make_case(f"京朝检刑诉〔2026〕{name}-{batch}-{i}号") for i in range(20)]
            services.cases.import_cases(services.actor, cases)
    elif mode == "backup":
        from pathlib import Path
        from desktop_app.services.backups import backup_database
        for n in range(5):
            backup_database(services.database, Path(sys.argv[4]) / f"b{n}.db")
    else:  # one case per transaction, and its checklist answered
        for i in range(15):
            case_no = f"京朝检刑诉〔2026〕{name}-{i}号"
            services.cases.create(services.actor, make_case(case_no))
            view = services.inspections.open(services.actor, case_no, "self")
            for item in view.template.items[:3]:
                services.inspections.answer(services.actor, view.info.id, item.id, "pass", name)
    print("done", flush=True)
""")


def test_concurrent_writers_and_a_backup_leave_a_sound_file(tmp_path: Path, db_target: str) -> None:
    db = db_target
    on_sqlite = "://" not in db
    open_services(db).close()
    root = Path(__file__).resolve().parents[1]
    env = {"PYTHONPATH": str(root), "CASECHECK_HOME": str(tmp_path / "home"), "PATH": "/usr/bin:/bin"}
    jobs = [("a", "import"), ("b", "import"), ("c", "edit"), ("d", "edit")] + ([("e", "backup")] if on_sqlite else [])
    writers = [subprocess.Popen([sys.executable, "-c", WRITER, db, name, mode, str(tmp_path)], cwd=root, env=env,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for name, mode in jobs]
    for writer in writers:
        out, err = writer.communicate(timeout=300)
        assert writer.returncode == 0 and "done" in out, err[-2000:]
    if on_sqlite:
        with sqlite3.connect(db) as raw:
            assert raw.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    services = open_services(db)
    try:
        with services.database.engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM cases")).scalar_one() == 2 * 120 + 2 * 15
            assert conn.execute(text("SELECT count(*) FROM answers")).scalar_one() == 2 * 15 * 3
        assert verify_chain(services.database).first_broken is None
    finally:
        services.close()
    for n in range(5 if on_sqlite else 0):
        assert integrity_problem(tmp_path / f"b{n}.db") is None
