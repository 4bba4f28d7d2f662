"""A team on one database: several programs write at once — each answers its own case, and all of them edit the
same case and override the grade of the same inspection. Counted: writes attempted, conflicts reported, updates
lost (must be 0: every acknowledged write is either the newest or was seen by the write after it), and the audit
chain verifies afterwards.

Runs on SQLite, and on PostgreSQL on the throw-away server of the `db_target` fixture."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

from sqlalchemy import func, select

from db.models import AnswerRecord, AuditEntry
from desktop_app.services.audit import verify_chain
from desktop_app.services.container import open_services
from tests.factories import make_case

WRITERS = 4
ROUNDS = 8
SHARED = "京朝检刑诉〔2026〕共享号"

WRITER = textwrap.dedent("""
    import json, random, sys, time
    from desktop_app.services.actors import ensure_user
    from desktop_app.services.container import open_services
    from desktop_app.services.errors import EditConflict

    db, name, rounds, shared, inspection_id = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4], int(sys.argv[5])
    services = open_services(db)
    with services.database.sessions() as session:
        services.actor = ensure_user(session, name, "评查员" + name, "reviewer")
        session.commit()
    own = f"京朝检刑诉〔2026〕{name}号"
    report = {"attempted": 0, "conflicts": 0, "own_conflicts": 0, "case": [], "grade": [], "answers": {}}
    random.seed(name)
    view = services.inspections.open(services.actor, own, "review")
    version, items = view.info.version, [item.id for item in view.template.items]
    for r in range(rounds):
        for item in items[r * 2:r * 2 + 2]:  # answers saved as they are given, on this writer's own case
            report["attempted"] += 1
            value = random.choice(["pass", "fail", "na"])
            try:
                version = services.inspections.answer(services.actor, view.info.id, item, value, "",
                                                      expected_version=version)
                report["answers"][item] = value
            except EditConflict:
                report["own_conflicts"] += 1
        case, seen = services.cases.get_with_version(shared)  # the shared case, as an editor loads it
        time.sleep(random.random() * 0.02)
        case.title = f"共享案件 {name}-{r}"
        report["attempted"] += 1
        try:
            services.cases.update(services.actor, shared, case, expected_version=seen)
            report["case"].append([seen, case.title])
        except EditConflict:
            report["conflicts"] += 1
        seen = services.inspections.view(inspection_id).info.version  # the shared inspection's grade
        time.sleep(random.random() * 0.02)
        report["attempted"] += 1
        try:
            after = services.inspections.override_grade(services.actor, inspection_id, "flawed", f"{name}-{r}",
                                                        "qualified", 80.0, expected_version=seen)
            report["grade"].append([seen, f"{name}-{r}"])
            assert after == seen + 1
        except EditConflict:
            report["conflicts"] += 1
    services.close()
    print(json.dumps(report), flush=True)
""")


def _lost(writes: list[list[object]]) -> int:
    """Acknowledged writes made on the same version as another acknowledged write: one of each such pair was
    overwritten by a writer that had not seen it (optimistic locking lets exactly one write per version through)."""
    return len(writes) - len({int(str(w[0])) for w in writes})


def _newest(writes: list[list[object]]) -> object:
    return max(writes, key=lambda w: int(str(w[0])))[1]


def test_writers_at_once_lose_no_update_and_keep_one_audit_chain(db_target: str, tmp_path: Path) -> None:
    services = open_services(db_target)
    names = [f"w{n}" for n in range(WRITERS)]
    services.cases.import_cases(services.actor, [make_case(SHARED)] + [make_case(f"京朝检刑诉〔2026〕{n}号") for n in names])
    shared_inspection = services.inspections.open(services.actor, SHARED, "self").info.id
    first_version = services.cases.get_with_version(SHARED)[1]
    services.close()
    root = Path(__file__).resolve().parents[1]
    env = {"PYTHONPATH": str(root), "CASECHECK_HOME": str(tmp_path / "home"), "PATH": "/usr/bin:/bin"}
    writers = [subprocess.Popen([sys.executable, "-c", WRITER, db_target, name, str(ROUNDS), SHARED,
                                 str(shared_inspection)], cwd=root, env=env, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True) for name in names]
    reports = []
    for writer in writers:
        out, err = writer.communicate(timeout=600)
        assert writer.returncode == 0, err[-3000:]
        reports.append(json.loads(out.strip().splitlines()[-1]))

    attempted = sum(r["attempted"] for r in reports)
    conflicts = sum(r["conflicts"] for r in reports)
    case_writes = [w for r in reports for w in r["case"]]
    grade_writes = [w for r in reports for w in r["grade"]]
    lost = _lost(case_writes) + _lost(grade_writes)
    services = open_services(db_target)
    try:
        final_case, final_version = services.cases.get_with_version(SHARED)
        override = services.inspections.override_of(shared_inspection)
        with services.database.sessions() as session:
            for r, name in zip(reports, names, strict=True):
                stored = services.inspections.for_case(f"京朝检刑诉〔2026〕{name}号")
                answers = services.inspections.view(next(i.id for i in stored if i.kind == "review")).answers
                lost += sum(1 for item, value in r["answers"].items() if answers[item].value != value)
            answered = session.scalar(select(func.count(AnswerRecord.id)))
            updates = session.scalar(select(func.count(AuditEntry.id)).where(
                AuditEntry.action == "case.update", AuditEntry.entity_key == SHARED))
        report = verify_chain(services.database)
    finally:
        services.close()
    summary = (f"{WRITERS} writers on {'postgresql' if '://' in db_target else 'sqlite'}: {attempted} writes attempted, "
               f"{len(case_writes) + len(grade_writes) + sum(len(r['answers']) for r in reports)} acknowledged, "
               f"{conflicts} conflicts reported, {lost} updates lost, audit chain {report.entries} entries "
               f"{'ok' if report.ok else 'BROKEN at ' + str(report.first_broken)}")
    print(summary)
    assert lost == 0, summary
    assert sum(r["own_conflicts"] for r in reports) == 0, summary  # answers as you go never conflict with oneself
    assert answered == sum(len(r["answers"]) for r in reports), summary  # different cases: every answer stored
    # The last acknowledged write is what is stored, and every acknowledged write left one audit entry.
    assert final_case.title == _newest(case_writes), summary
    assert override is not None and override.reason == _newest(grade_writes), summary
    assert updates == len(case_writes) and final_version == first_version + len(case_writes), summary
    assert attempted == WRITERS * ROUNDS * 4
    assert len(case_writes) + len(grade_writes) + conflicts == WRITERS * ROUNDS * 2, summary
    assert report.ok, summary
