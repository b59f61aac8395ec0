"""Spreadsheet export of a report's figures: one sheet per table (pandas + openpyxl).

The first sheet, "About", says which report, database, time and change-log chain
head the figures come from. Every other sheet is one of the figures object's
``tables()``. Every string cell -- and every column heading -- goes through
:func:`~qa_audit.services.values.neutralise_formula`, so text typed by a user
(an action, a strengths note, an excerpt) can never run as a spreadsheet formula.
Numbers stay numbers; a missing figure is an empty cell.
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


def write_xlsx(figures: ReportFigures, path: Path, meta: ReportMeta) -> None:
    """Write the figures' tables to an .xlsx workbook at ``path``."""
    import pandas as pd

    about = [
        {"item": "report", "value": figures.title},
        {"item": "headline", "value": figures.headline()},
        {"item": "database", "value": meta.database},
        {"item": "produced", "value": meta.produced_text},
        {"item": "change log chain head", "value": meta.chain_head},
        {"item": "note", "value": "Plans are identified by pseudonymous reference only; "
                                  "quoted excerpts are approved and redacted."},
    ]
    taken: set[str] = set()
    with pd.ExcelWriter(path, engine="openpyxl") as writer:
        for name, rows in [("About", about), *figures.tables().items()]:
            frame = pd.DataFrame([{str(k): _safe(v) for k, v in row.items()} for row in rows])
            if frame.empty and not len(frame.columns):
                frame = pd.DataFrame({"(no rows)": []})
            frame.columns = [_safe(str(c)) for c in frame.columns]
            title = sheet_name(name, taken)
            frame.to_excel(writer, sheet_name=title, index=False)
            sheet = writer.sheets[title]
            sheet.freeze_panes = "A2"
            for i, column in enumerate(frame.columns, start=1):
                values = [str(column)] + [str(v) for v in frame.iloc[:, i - 1].tolist()
                                          if v is not None]
                longest = max((len(v) for v in values), default=8)
                letter = sheet.cell(row=1, column=i).column_letter
                sheet.column_dimensions[letter].width = min(_MAX_WIDTH, max(8, longest + 2))
