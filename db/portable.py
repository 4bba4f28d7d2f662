"""The few SQL expressions that SQLite and PostgreSQL spell differently, written once for the services.

Everything else in the queries is portable SQLAlchemy; these compile per dialect, so a service never asks which
database it is on.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Boolean, String, literal
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.sql.functions import FunctionElement

#: pg_trgm indexes strings by their three-character pieces; a shorter search text has none to look up.
TRIGRAM = 3


class _Contains(FunctionElement[bool]):
    """`column` contains the text (ASCII letters in either case), arguments: column, LIKE pattern, plain text.

    SQLite's LIKE already ignores ASCII case; PostgreSQL's ILIKE does the same and is what a pg_trgm GIN index
    (migration 0014) answers."""

    type = Boolean()
    name = "contains_text"
    inherit_cache = True


class _ShortContains(_Contains):
    """The same for a text shorter than a trigram: on PostgreSQL a plain scan (strpos), since the trigram index holds
    nothing to look such a text up by and would be read from end to end."""

    inherit_cache = True


def _arguments(element: _Contains, compiler: SQLCompiler, **kw: Any) -> list[str]:
    return [compiler.process(clause, **kw) for clause in element.clauses]


@compiles(_Contains)
@compiles(_ShortContains)
def _contains_like(element: _Contains, compiler: SQLCompiler, **kw: Any) -> str:
    column, pattern, _ = _arguments(element, compiler, **kw)
    return f"{column} LIKE {pattern} ESCAPE '\\'"


@compiles(_Contains, "postgresql")
def _contains_ilike(element: _Contains, compiler: SQLCompiler, **kw: Any) -> str:
    column, pattern, _ = _arguments(element, compiler, **kw)
    return f"{column} ILIKE {pattern} ESCAPE '\\'"


@compiles(_ShortContains, "postgresql")
def _contains_strpos(element: _Contains, compiler: SQLCompiler, **kw: Any) -> str:
    column, _, text = _arguments(element, compiler, **kw)
    return f"strpos(lower({column}), lower({text})) > 0"


def like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def contains_text(column: Any, text: str) -> ColumnElement[bool]:
    """The substring search of the register, indexed by trigrams on PostgreSQL when the text is long enough."""
    kind = _Contains if len(text) >= TRIGRAM else _ShortContains
    return kind(column, literal(f"%{like_escape(text)}%", String()), literal(text, String()))
