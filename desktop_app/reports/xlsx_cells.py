"""Cell and sheet helpers shared by every Excel writer, so all workbooks look alike and are safe to open.

Case titles and notes are typed by people (or imported): a note reading "=HYPERLINK(…)" must stay text, never
become a live formula in a reviewer's Excel. Every writer puts values through `assign`, which is the one place
that guarantees it.
"""

from __future__ import annotations

import datetime as dt
import weakref
from collections.abc import Iterable, Sequence
from typing import Any

from openpyxl.cell import Cell, WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

#: A common Chinese font on Chinese Windows installations; Excel substitutes a similar one elsewhere.
FONT_NAME = "宋体"
#: What makes a spreadsheet read text as a formula, half-width and the full-width forms a Chinese input method types
#: (Excel and WPS convert ＝ to = when a cell is edited).
FORMULA_PREFIXES = ("=", "+", "-", "@", "＝", "＋", "－", "＠")
#: Leading characters a spreadsheet skips before it looks for a formula sign.
_LEADING_BLANKS = " \t\r\n\u3000"
MAX_CELL_TEXT = 32767
DATE_FORMAT = "yyyy-mm-dd"

BODY_FONT = Font(name=FONT_NAME, size=10)
HEADER_FONT = Font(name=FONT_NAME, size=10, bold=True)
TITLE_FONT = Font(name=FONT_NAME, size=14, bold=True)
LABEL_FONT = Font(name=FONT_NAME, size=10, bold=True, color="404040")
HEADER_FILL = PatternFill("solid", fgColor="D9E1F2")
LABEL_FILL = PatternFill("solid", fgColor="F2F2F2")
WRAP = Alignment(wrap_text=True, vertical="top")
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
_THIN = Side(style="thin", color="A6A6A6")
BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)


def assign(cell: Cell, value: Any) -> Cell:
    """Put `value` in `cell`; text that looks like a formula is stored as text, and illegal characters dropped."""
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)[:MAX_CELL_TEXT]
    cell.value = value
    if isinstance(value, str) and looks_like_formula(value):
        cell.data_type = "s"
        cell.quotePrefix = True
    if isinstance(value, dt.date):
        cell.number_format = DATE_FORMAT
    return cell


def looks_like_formula(text: str) -> bool:
    """True for text a spreadsheet could run: a formula sign first, also after leading blanks."""
    return text.lstrip(_LEADING_BLANKS).startswith(FORMULA_PREFIXES)


def styled(cell: Cell, *, font: Font = BODY_FONT, fill: PatternFill | None = None,
           alignment: Alignment = WRAP, border: bool = True, number_format: str | None = None) -> Cell:
    cell.font = font
    cell.alignment = alignment
    if fill is not None:
        cell.fill = fill
    if border:
        cell.border = BORDER
    if number_format is not None:
        cell.number_format = number_format
    return cell


#: Per workbook, the style array each combination of styles resolved to, with the style objects it was made from
#: (kept so their ids, part of the key, are not reused). Resolving a style hashes every font, fill and border
#: afresh, which cost more than writing the cell: a 20,000-case export writes hundreds of thousands of cells.
_STYLE_ARRAYS: weakref.WeakKeyDictionary[Any, dict[tuple[Any, ...], tuple[StyleArray, tuple[Any, ...]]]] = \
    weakref.WeakKeyDictionary()


def stream_cell(ws: Any, value: Any, *, font: Font = BODY_FONT, fill: PatternFill | None = None,
                alignment: Alignment = WRAP, border: bool = True, number_format: str | None = None) -> Cell:
    """A write-only cell holding `value` safely, styled like the normal-mode tables (as `styled` would)."""
    cell = assign(WriteOnlyCell(ws), value)
    arrays = _STYLE_ARRAYS.setdefault(ws.parent, {})
    key = (tuple(cell._style) if cell._style else None, id(font), id(fill), id(alignment), border, number_format)
    known = arrays.get(key)
    if known is None:
        styled(cell, font=font, fill=fill, alignment=alignment, border=border, number_format=number_format)
        arrays[key] = known = (StyleArray(cell._style), (font, fill, alignment))
    else:
        cell._style = StyleArray(known[0])
    return cell


def stream_row(ws: Any, values: Iterable[Any], *, header: bool = False) -> list[Cell]:
    if header:
        return [stream_cell(ws, v, font=HEADER_FONT, fill=HEADER_FILL, alignment=CENTER) for v in values]
    return [stream_cell(ws, v) for v in values]


def write_row(ws: Worksheet, row: int, values: Sequence[Any], *, header: bool = False) -> None:
    for column, value in enumerate(values, 1):
        cell = assign(ws.cell(row=row, column=column), value)
        if header:
            styled(cell, font=HEADER_FONT, fill=HEADER_FILL, alignment=CENTER)
        else:
            styled(cell)


def set_widths(ws: Any, widths: Sequence[float]) -> None:
    """Fixed widths (normal and write-only sheets alike; write-only needs them before the first row)."""
    for index, width in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(index)].width = width


def print_setup(ws: Any, *, landscape: bool = True, title_rows: str | None = None) -> None:
    """A4, fitted to the page width, with the table header repeated on each printed page."""
    ws.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    ws.print_options.horizontalCentered = True
    if title_rows:
        ws.print_title_rows = title_rows


def table_sheet(ws: Worksheet, headers: Sequence[str], rows: Iterable[Sequence[Any]], widths: Sequence[float]) -> None:
    """A plain table from row 1: header, rows, frozen header, auto-filter over all rows, widths, A4 landscape."""
    write_row(ws, 1, headers, header=True)
    last = 1
    for last, values in enumerate(rows, 2):
        write_row(ws, last, values)
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{last}"
    set_widths(ws, widths)
    print_setup(ws, title_rows="1:1")
