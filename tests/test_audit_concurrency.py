"""Two programs writing to one database at once (the window and a `casecheck` command, say) keep one audit chain.

Every unit of work first updates the `audit_head` row, so the second writer waits for the first to commit before it
reads the last hash; on PostgreSQL's read-committed transactions that row lock is what prevents a fork."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from desktop_app.services.audit import verify_chain
from desktop_app.services.container import open_services

WRITER = textwrap.dedent("""
    import sys
    from desktop_app.services.container import open_services
    from tests.factories import make_case

    services = open_services(sys.argv[1])
    for i in range(25):
        services.cases.create(services.actor, make_case(f"京朝检刑诉〔2026〕{sys.argv[2]}-{i}号"))
    print("done", flush=True)
""")


def test_concurrent_writers_do_not_fork_the_chain(db_target: str, tmp_path: Path) -> None:
    db = db_target
    open_services(db).close()
    root = Path(__file__).resolve().parents[1]
    env = {"PYTHONPATH": str(root), "CASECHECK_HOME": str(tmp_path / "home"), "PATH": "/usr/bin:/bin"}
    writers = [subprocess.Popen([sys.executable, "-c", WRITER, db, str(n)], cwd=root, env=env,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for n in (1, 2)]
    for writer in writers:
        out, err = writer.communicate(timeout=120)
        assert writer.returncode == 0 and "done" in out, err[-2000:]
    services = open_services(db)
    report = verify_chain(services.database)
    services.close()
    assert report.first_broken is None and report.entries == 50
