"""Spreadsheet export of a report's figures: one sheet per table (openpyxl, write-only).

The first sheet, "About", says which report, database, time and change-log chain
head the figures come from. Every other sheet is one of the figures object's
``tables()``. Every string cell -- and every column heading -- goes through
:func:`~qa_audit.services.values.neutralise_formula`, so text typed by a user
(an action, a strengths note, an excerpt) can never run as a spreadsheet formula.
Numbers stay numbers; a missing figure is an empty cell.

The workbook is streamed with openpyxl's write-only mode, without pandas: importing
pandas and building a data frame per sheet was most of the cost of a report's
spreadsheet (benchmarks/RESULTS.md). A sheet's columns are every key of its rows, in
the order first seen (as a data frame built from the rows had them).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from qa_audit.reporting.render import ReportFigures, ReportMeta
from qa_audit.services.values import neutralise_formula

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


def write_xlsx(figures: ReportFigures, path: Path, meta: ReportMeta) -> None:
    """Write the figures' tables to an .xlsx workbook at ``path``."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter

    about = [
        {"item": "report", "value": figures.title},
        {"item": "headline", "value": figures.headline()},
        {"item": "database", "value": meta.database},
        {"item": "produced", "value": meta.produced_text},
        {"item": "change log chain head", "value": meta.chain_head},
        {"item": "note", "value": "Plans are identified by pseudonymous reference only; "
                                  "quoted excerpts are approved and redacted."},
    ]
    thin = Side(style="thin")
    head_font, head_border = Font(bold=True), Border(left=thin, right=thin, top=thin,
                                                     bottom=thin)
    head_align = Alignment(horizontal="center", vertical="top")
    book = Workbook(write_only=True)
    taken: set[str] = set()
    for name, table in [("About", about), *figures.tables().items()]:
        rows = [{str(k): _safe(v) for k, v in row.items()} for row in table]
        columns = _columns(rows) or ["(no rows)"]
        values = [[row.get(c) for c in columns] for row in rows]
        sheet = book.create_sheet(sheet_name(name, taken))
        sheet.freeze_panes = "A2"
        for i, column in enumerate(columns):
            texts = [str(_safe(column))] + [str(v[i]) for v in values if v[i] is not None]
            longest = max((len(t) for t in texts), default=8)
            sheet.column_dimensions[get_column_letter(i + 1)].width = min(
                _MAX_WIDTH, max(8, longest + 2))
        header = []
        for column in columns:
            cell = WriteOnlyCell(sheet, value=_safe(column))
            cell.font, cell.border, cell.alignment = head_font, head_border, head_align
            header.append(cell)
        sheet.append(header)
        for v in values:
            sheet.append(v)
    book.save(path)
