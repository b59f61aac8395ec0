"""The analysts' export written with pandas: one row per agreed answer, XLSX or CSV.

pandas is the natural tool for a flat table Power BI and Excel read, but it is left
out of the desktop bundle (build.spec: 40 MB with numpy, the bundle must stay under
150 MB), so it is imported only here, when an export is written, and a missing
pandas is a clear :class:`~qa_audit.errors.UserError`, not a traceback.
"""

from __future__ import annotations

import importlib.util
import os
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from qa_audit.domain.answers import AnswerRow
from qa_audit.errors import UserError

__all__ = ["COLUMNS", "PANDAS_MISSING", "SUFFIXES", "XLSX_MAX_ROWS", "check_out_path",
           "pandas_missing", "records", "write_answers"]

PANDAS_MISSING = (
    "The analysts' export needs pandas, left out of the desktop bundle to keep it small; "
    "run `qa-audit report answers` from the installed command line.")

SUFFIXES = (".xlsx", ".csv")

#: An Excel sheet's rows below its header (1,048,576 in all); a CSV has no such limit.
XLSX_MAX_ROWS = 1_048_575

#: The built-in columns, in order (custom plan fields follow, by name).
COLUMNS = (
    "session", "session_date", "rubric", "rubric_version", "plan_ref", "plan_type", "team",
    "year_group", "phase", "primary_need", "setting_type", "direct_payments", "request_date",
    "issue_date", "advice_service", "advice_requested", "section", "question_id", "question",
    "value", "value_label", "shortfall", "agencies", "overall_grade", "overall_band",
)
_WIDEST = 60  # characters: a question's text wraps beyond this in Excel


def pandas_missing() -> bool:
    """True when pandas cannot be imported (the desktop bundle leaves it out)."""
    if "pandas" in sys.modules:
        return sys.modules["pandas"] is None
    return importlib.util.find_spec("pandas") is None


def check_out_path(out: str | Path) -> Path:
    """``--out`` as a path: an ``.xlsx`` or ``.csv`` name, refused otherwise."""
    path = Path(out)
    if path.suffix.lower() not in SUFFIXES:
        raise UserError(f"--out {path.name}: the analysts' export is written as .xlsx "
                        "(Excel) or .csv (Power BI, any tool); give a name ending in one.")
    return path


def _yes_no(value: bool | None) -> str | None:
    return None if value is None else "yes" if value else "no"


def records(rows: Sequence[AnswerRow]) -> tuple[list[str], list[dict[str, Any]]]:
    """(columns, one dict a row): the built-in columns, then the plans' custom fields
    (``custom_NAME`` where a name is a built-in column's). No caseworker: staff names."""
    custom = sorted({name for r in rows for name in r.plan.custom})
    custom_cols = {n: f"custom_{n}" if n in COLUMNS else n for n in custom}
    out = []
    for r in rows:
        p = r.plan
        row: dict[str, Any] = {
            "session": r.session, "session_date": r.session_date, "rubric": r.rubric_id,
            "rubric_version": r.rubric_version, "plan_ref": r.plan_ref,
            "plan_type": p.plan_type, "team": p.team, "year_group": p.year_group,
            "phase": p.phase, "primary_need": p.primary_need, "setting_type": p.setting_type,
            "direct_payments": _yes_no(p.direct_payments), "request_date": p.request_date,
            "issue_date": p.issue_date, "advice_service": r.service,
            "advice_requested": r.requested_date, "section": r.section,
            "question_id": r.question_id, "question": r.question, "value": r.value,
            "value_label": r.value_label, "shortfall": _yes_no(r.shortfall),
            "agencies": ";".join(r.agencies) or None, "overall_grade": r.overall,
            "overall_band": r.band,
        }
        for name, col in custom_cols.items():
            row[col] = p.custom.get(name)
        out.append(row)
    return [*COLUMNS, *custom_cols.values()], out


def write_answers(rows: Sequence[AnswerRow], out: str | Path, *,
                  progress: Callable[[int, str], None] | None = None) -> Path:
    """Write the rows to ``out`` (.xlsx or .csv by its suffix), all or nothing: a
    temporary file beside it is renamed over it once complete."""
    path = check_out_path(out)
    if pandas_missing():
        raise UserError(PANDAS_MISSING)
    if path.suffix.lower() == ".xlsx" and len(rows) > XLSX_MAX_ROWS:
        raise UserError(f"{len(rows):,} agreed answers are more than an Excel sheet holds "
                        f"({XLSX_MAX_ROWS:,} rows); write a .csv, or a shorter period.")
    # deferred: pandas (with numpy) is heavy and absent from the desktop bundle
    import pandas as pd

    if progress:
        progress(60, "Building the table")
    columns, data = records(rows)
    frame = pd.DataFrame(data, columns=columns)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=".answers-", suffix=path.suffix, dir=path.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        if progress:
            progress(80, "Writing the file")
        if path.suffix.lower() == ".csv":
            # BOM: Excel opens UTF-8 as such only with it; dates print as ISO
            frame.to_csv(tmp, index=False, encoding="utf-8-sig", date_format="%Y-%m-%d")
        else:
            _write_xlsx(pd, frame, tmp)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return path


def _write_xlsx(pd: Any, frame: Any, path: Path) -> None:
    """A header row, frozen below it, a filter, widths to fit, dates as Excel dates
    (pandas gives every date cell ``date_format``).

    XlsxWriter, not openpyxl: on a county's year (38,390 answers) it wrote the sheet in
    12 s with 80 MB more memory, openpyxl in 20 s with 325 MB more (docs/board.md)."""
    with pd.ExcelWriter(path, engine="xlsxwriter", date_format="yyyy-mm-dd") as writer:
        frame.to_excel(writer, sheet_name="Answers", index=False)
        sheet = writer.sheets["Answers"]
        sheet.freeze_panes(1, 0)
        sheet.autofilter(0, 0, len(frame), len(frame.columns) - 1)
        for i, name in enumerate(frame.columns):
            values = frame[name].dropna().head(500)
            widest = max([len(str(name)), *(len(str(v)) for v in values)])
            sheet.set_column(i, i, min(widest, _WIDEST) + 2)
