"""Black-box driver for the acceptance tests written from the shared specs.

Everything goes through the command line (in-process `desktop_app.cli.main([...])`, or a real subprocess where the
exit code and stderr of a separate process matter). Case files are written into the test's temporary folder, the
data folder is a throw-away one (CASECHECK_HOME) and every database lives in the temporary folder too.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

TODAY = "2026-03-20"
FORMAT = "casecheck.case/1"

# Full names of the instruments named in rules-catalog.md (abbreviations there, full names in `legal_basis`).
CPL = r"中华人民共和国刑事诉讼法"
RULES = r"人民检察院刑事诉讼规则"
CPL_INTERP = r"最高人民法院关于适用[〈《]中华人民共和国刑事诉讼法[〉》]的解释"
EDATA = r"最高人民法院、最高人民检察院、公安部关于办理刑事案件收集提取和审查判断电子数据若干问题的规定"
MLA_LAW = r"中华人民共和国国际刑事司法协助法"
EXTRADITION = r"中华人民共和国引渡法"
DEFAMATION = r"最高人民法院、最高人民检察院关于办理利用信息网络实施诽谤等刑事案件适用法律若干问题的解释"
CRIMINAL_LAW = r"中华人民共和国刑法"
TERMINATION = r"最高人民法院关于严格规范终结本次执行程序的规定[（(]试行[）)]"
CIVIL_INTERP = r"最高人民法院关于适用[〈《]中华人民共和国民事诉讼法[〉》]的解释"
FOOD_SAFETY = r"中华人民共和国食品安全法"
CONSUMER = r"中华人民共和国消费者权益保护法"

DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass
class Run:
    rc: int
    out: str
    err: str

    def json(self) -> Any:
        return json.loads(self.out)


def no_traceback(text: str) -> bool:
    return "Traceback (most recent call last)" not in text


def case(case_type: str = "criminal.prosecution_review", **fields: Any) -> dict[str, Any]:
    """A minimal valid case of the given type; keyword arguments add or replace fields."""
    data: dict[str, Any] = {
        "format": FORMAT,
        "case_no": "京朝检刑诉〔2026〕123号",
        "title": "张某某盗窃案",
        "case_type": case_type,
        "prosecutor": "王某某",
        "received_on": "2026-03-02",
    }
    data.update(fields)
    return data


def ev(eid: str, category: str, collected_on: str = "2026-01-10", **attributes: Any) -> dict[str, Any]:
    return {
        "id": eid,
        "category": category,
        "title": f"证据{eid}",
        "collected_on": collected_on,
        "source": "某公安分局",
        "attributes": attributes,
    }


def evt(kind: str, date: str, **extra: Any) -> dict[str, Any]:
    return {"kind": kind, "date": date, **extra}


def flags(result: dict[str, Any], rule: str) -> list[dict[str, Any]]:
    return [f for f in result["flags"] if f["rule"] == rule]


def rule_ids(result: dict[str, Any]) -> list[str]:
    return [f["rule"] for f in result["flags"]]


def periods(result: dict[str, Any], rule: str) -> list[dict[str, Any]]:
    return [d for d in result["deadlines"] if d["rule"] == rule]


def one_period(result: dict[str, Any], rule: str) -> dict[str, Any]:
    found = periods(result, rule)
    assert len(found) == 1, f"expected one {rule} period, got {found}"
    return found[0]


def one_flag(result: dict[str, Any], rule: str) -> dict[str, Any]:
    found = flags(result, rule)
    assert len(found) == 1, f"expected exactly one {rule} flag, got {[f['rule'] for f in result['flags']]}"
    return found[0]


def basis_part(basis: str, instrument: str) -> str:
    """The article text that follows the full instrument name `《instrument》` in a legal basis (up to the next 《)."""
    match = re.search("《" + instrument + "》", basis)
    assert match, f"legal basis {basis!r} does not name 《{instrument}》 in full"
    rest = basis[match.end():]
    nxt = rest.find("《")
    return rest if nxt < 0 else rest[:nxt]


def assert_basis(basis: str, *cites: tuple[str, list[str]]) -> None:
    for instrument, articles in cites:
        part = basis_part(basis, instrument)
        for article in articles:
            assert article in part, f"{article} not cited after 《{instrument}》 in {basis!r}"


class CLI:
    """Runs `casecheck` commands with a private home folder, on the database `db` (what `--db` takes: an SQLite
    file path or a password-free PostgreSQL URL); `another_database(name)` makes one more of the same kind."""

    def __init__(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
                 db: str, another_database: Callable[[str], str]):
        self.tmp = tmp_path
        self.home = tmp_path / "home"
        self.home.mkdir(exist_ok=True)
        self.db = db
        self.another_database = another_database
        self._capsys = capsys
        self.monkeypatch = monkeypatch
        self._n = 0
        monkeypatch.setenv("CASECHECK_HOME", str(self.home))
        monkeypatch.delenv("CASECHECK_DB", raising=False)

    # -- running ---------------------------------------------------------------------------------------------------
    def run(self, *args: str | os.PathLike[str]) -> Run:
        """In-process `casecheck ARGS` (the same as `python -m desktop_app.cli ARGS`)."""
        from desktop_app.cli import main

        self._capsys.readouterr()
        try:
            rc = main([str(a) for a in args])
        except SystemExit as exc:  # argparse usage errors
            code = exc.code
            rc = code if isinstance(code, int) else (0 if code is None else 2)
        captured = self._capsys.readouterr()
        return Run(int(rc or 0), captured.out, captured.err)

    def sub(self, *args: str | os.PathLike[str], env: dict[str, str | None] | None = None) -> Run:
        """`python -m desktop_app.cli ARGS` in a separate process with no display (`env` values of None remove a
        variable)."""
        full_env = dict(os.environ)
        full_env["CASECHECK_HOME"] = str(self.home)
        for key in ("CASECHECK_DB", "DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
            full_env.pop(key, None)
        for key, value in (env or {}).items():
            if value is None:
                full_env.pop(key, None)
            else:
                full_env[key] = value
        proc = subprocess.run(
            [sys.executable, "-m", "desktop_app.cli", *[str(a) for a in args]],
            capture_output=True,
            text=True,
            encoding="utf-8",
            env=full_env,
            cwd=str(Path(__file__).resolve().parents[2]),
            timeout=120,
        )
        return Run(proc.returncode, proc.stdout, proc.stderr)

    # -- files -----------------------------------------------------------------------------------------------------
    def write(self, data: Any, name: str | None = None) -> Path:
        self._n += 1
        path = self.tmp / (name or f"case{self._n}.json")
        if isinstance(data, str):
            path.write_text(data, encoding="utf-8")
        else:
            path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
        return path

    def write_text(self, text: str, name: str) -> Path:
        path = self.tmp / name
        path.write_text(text, encoding="utf-8")
        return path

    # -- evaluate --------------------------------------------------------------------------------------------------
    def evaluate(self, data: dict[str, Any], today: str = TODAY, calendar: Path | None = None) -> dict[str, Any]:
        path = self.write(data)
        args: list[str | os.PathLike[str]] = ["evaluate", path, "--today", today, "--format", "json"]
        if calendar is not None:
            args += ["--calendar", calendar]
        run = self.run(*args)
        assert run.rc == 0, f"evaluate exited {run.rc}: {run.err}"
        result = run.json()
        assert result["format"] == "casecheck.result/1"
        return result
