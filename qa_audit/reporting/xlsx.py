"""Spreadsheet export of a report's figures: one sheet per table (XlsxWriter).

The first sheet, "About", says which report, database, time and change-log chain
head the figures come from. Every other sheet is one of the figures object's
``tables()``. Every string cell -- and every column heading -- goes through
:func:`~qa_audit.importing.values.neutralise_formula`, so text typed by a user
(an action, a strengths note, an excerpt) can never run as a spreadsheet formula;
strings are written with ``write_string`` and XlsxWriter's guessing (text that looks
like a formula, a number or a URL) is off, so a string always stays text.
Numbers stay numbers; a missing figure is an empty cell.

The workbook is written with XlsxWriter, a write-only library: importing openpyxl
was most of the cost of a report's spreadsheet (benchmarks/RESULTS.md), and before
that pandas. A sheet's columns are every key of its rows, in the order first seen
(as a data frame built from the rows had them).
"""

from __future__ import annotations

import datetime as dt
import decimal
import re
from pathlib import Path
from typing import Any

from qa_audit.importing.values import neutralise_formula
from qa_audit.reporting.meta import ReportFigures, ReportMeta

__all__ = ["sheet_name", "write_xlsx"]

_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")
_MAX_WIDTH = 60


def sheet_name(name: str, taken: set[str]) -> str:
    """A valid, unique Excel sheet name (31 characters, none of ``[]:*?/\\``)."""
    base = _BAD_SHEET_CHARS.sub(" ", name).strip().strip("'")[:31] or "Sheet"
    candidate, n = base, 2
    while candidate.casefold() in taken:
        suffix = f" ({n})"
        candidate = base[: 31 - len(suffix)] + suffix
        n += 1
    taken.add(candidate.casefold())
    return candidate


def _safe(value: Any) -> Any:
    return neutralise_formula(value) if isinstance(value, str) else value


def _columns(rows: list[dict[str, Any]]) -> list[str]:
    return list(dict.fromkeys(str(k) for row in rows for k in row))


def _column_pixels(characters: int) -> int:
    """Width of a column ``characters`` wide, in pixels.

    Excel measures widths in digits of the default font (Calibri 11: 7 pixels);
    ``set_column`` would add the cell padding on top, so the stored width is set in
    pixels to stay exactly ``characters`` (as the workbook has always had them).
    """
    return characters * 7


def write_xlsx(figures: ReportFigures, path: Path, meta: ReportMeta) -> None:
    """Write the figures' tables to an .xlsx workbook at ``path``."""
    # deferred: XlsxWriter is loaded only when a workbook is written
    from xlsxwriter.exceptions import FileCreateError
    from xlsxwriter.workbook import Workbook

    about = [
        {"item": "report", "value": figures.title},
        {"item": "headline", "value": figures.headline()},
        {"item": "database", "value": meta.database},
        {"item": "produced", "value": meta.produced_text},
        {"item": "change log chain head", "value": meta.chain_head},
        {"item": "note", "value": "Plans are identified by pseudonymous reference only; "
                                  "quoted excerpts are approved and redacted."},
    ]
    book = Workbook(str(path), {"in_memory": True, "strings_to_formulas": False,
                                "strings_to_numbers": False, "strings_to_urls": False,
                                "nan_inf_to_errors": True})
    head = book.add_format({"bold": True, "border": 1, "align": "center", "valign": "top"})
    formats: dict[type, Any] = {dt.datetime: book.add_format({"num_format": "yyyy-mm-dd h:mm:ss"}),
               dt.date: book.add_format({"num_format": "yyyy-mm-dd"})}
    taken: set[str] = set()
    for name, table in [("About", about), *figures.tables().items()]:
        rows = [{str(k): _safe(v) for k, v in row.items()} for row in table]
        columns = _columns(rows) or ["(no rows)"]
        values = [[row.get(c) for c in columns] for row in rows]
        sheet = book.add_worksheet(sheet_name(name, taken))
        sheet.freeze_panes(1, 0)
        for i, column in enumerate(columns):
            texts = [str(_safe(column))] + [str(v[i]) for v in values if v[i] is not None]
            longest = max((len(t) for t in texts), default=8)
            sheet.set_column_pixels(i, i, _column_pixels(min(_MAX_WIDTH, max(8, longest + 2))))
        for i, column in enumerate(columns):
            sheet.write_string(0, i, str(_safe(column)), head)
        for r, v in enumerate(values, start=1):
            for c, value in enumerate(v):
                _write(sheet, r, c, value, formats)
    try:
        book.close()
    except FileCreateError as exc:  # XlsxWriter wraps the OSError; callers expect it
        cause = exc.args[0] if exc.args else None
        raise cause if isinstance(cause, OSError) else OSError(str(exc)) from exc


def _write(sheet: Any, row: int, col: int, value: Any, formats: dict[type, Any]) -> None:
    """One cell, typed as openpyxl typed it: text, number, boolean, date or nothing."""
    if value is None or value == "":  # an empty cell, not an empty string
        return
    if isinstance(value, str):
        sheet.write_string(row, col, value)
    elif isinstance(value, bool):
        sheet.write_boolean(row, col, value)
    elif isinstance(value, (int, float, decimal.Decimal)):
        sheet.write_number(row, col, value)
    elif isinstance(value, dt.datetime):
        sheet.write_datetime(row, col, value, formats[dt.datetime])
    elif isinstance(value, dt.date):
        sheet.write_datetime(row, col, value, formats[dt.date])
    else:
        raise TypeError(f"cannot write {type(value).__name__} {value!r} to a spreadsheet cell")
