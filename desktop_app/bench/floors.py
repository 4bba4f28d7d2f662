"""The floors the benchmark compares against: the same work done with nothing but the underlying library.

A number alone says little; "3.1 ms" is slow or fast only next to what SQLite itself needs for the same query.
So each floor repeats exactly the work of the program's path without the program's logic: the SQL statements the
services really sent, replayed through raw `sqlite3`; the cells of the workbook the program wrote, written again
with openpyxl's write-only mode and no styles; the text of the scorecards drawn by plain reportlab tables; the rows
of the demo database inserted again with `executemany`.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from sqlalchemy import event
from sqlalchemy.engine import Engine

Statement = tuple[str, Any]


@contextmanager
def captured_sql(engine: Engine) -> Iterator[list[Statement]]:
    """Every statement (text and parameters) the engine sends to the driver while the block runs."""
    sent: list[Statement] = []

    def record(conn: Any, cursor: Any, statement: str, parameters: Any, context: Any, executemany: bool) -> None:
        sent.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield sent
    finally:
        event.remove(engine, "before_cursor_execute", record)


def replay(connection: sqlite3.Connection, statements: Sequence[Statement]) -> int:
    """Run the statements through raw sqlite3 and fetch every row; returns the rows read."""
    rows = 0
    for sql, params in statements:
        rows += len(connection.execute(sql, params or ()).fetchall())
    return rows


def raw_connection(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True)


def write_cells_plainly(source: Path, target: Path) -> Callable[[], None]:
    """A job that writes every cell of the workbook `source` to `target`, write-only and unstyled."""
    from openpyxl import Workbook, load_workbook

    book = load_workbook(source, read_only=True)
    sheets = [(sheet.title, [list(row) for row in sheet.iter_rows(values_only=True)]) for sheet in book.worksheets]
    book.close()

    def write() -> None:
        out = Workbook(write_only=True)
        for title, rows in sheets:
            sheet = out.create_sheet(title)
            for row in rows:
                sheet.append(row)
        out.save(target)

    return write


def scorecard_text(card: Any) -> tuple[str, list[list[str]]]:
    """The title and table rows a scorecard prints: facts, checklist answers, flags, periods, rectification."""
    case = card.case
    rows = [[case.case_no, case.title, case.prosecutor, str(case.received_on)]]
    if card.template is not None:
        for section in card.template.sections:
            for item in section.items:
                answer = card.answers.get(item.id)
                rows.append([item.id, item.question, answer.value if answer else "", answer.note if answer else ""])
    evaluation = card.evaluation
    rows += [[f.title, f.message, f.legal_basis, f.severity] for f in evaluation.flags]
    rows += [[d.name, str(d.start), str(d.due), d.status] for d in evaluation.deadlines]
    rows += [[r.key, r.problem, r.basis, r.owner] for r in card.rectification]
    return f"{case.title}（{case.case_no}）", rows


def draw_plainly(pages: Sequence[tuple[str, list[list[str]]]], folder: Path) -> None:
    """One PDF per scorecard text: a title and one wrapped table, in the program's own Chinese font."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table

    from desktop_app.reports.fonts import register_cjk_font

    font = register_cjk_font()
    style = ParagraphStyle("plain", fontName=font, fontSize=9, leading=12, wordWrap="CJK")
    folder.mkdir(parents=True, exist_ok=True)
    for index, (title, rows) in enumerate(pages):
        doc = SimpleDocTemplate(str(folder / f"{index}.pdf"), pagesize=A4)
        cells = [[Paragraph(escape(text), style) for text in row] for row in rows]
        doc.build([Paragraph(escape(title), style), Table(cells, colWidths=[70, 200, 160, 60])])


def copy_rows_plainly(source: Path, target: Path) -> Callable[[], None]:
    """A job that inserts every row of every table of `source` into an empty copy of its schema at `target`."""
    with sqlite3.connect(source) as conn:
        schema = [sql for (sql,) in conn.execute(
            "SELECT sql FROM sqlite_master WHERE type='table' AND sql IS NOT NULL AND name NOT LIKE 'sqlite_%'")]
        tables = [(name, conn.execute(f'SELECT * FROM "{name}"').fetchall()) for (name,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'")]

    def copy() -> None:
        target.unlink(missing_ok=True)
        with sqlite3.connect(target) as out:
            for sql in schema:
                out.execute(sql)
            for name, rows in tables:
                if rows:
                    marks = ",".join("?" * len(rows[0]))
                    out.executemany(f'INSERT INTO "{name}" VALUES ({marks})', rows)

    return copy


def median_seconds(job: Callable[[], Any], repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        job()
        times.append(time.perf_counter() - start)
    times.sort()
    return times[len(times) // 2]
