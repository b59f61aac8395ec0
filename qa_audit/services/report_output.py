"""A report as files: what the user asked for, its figures, and the files written.

Used by the Reports page (in a worker thread) and free of Qt: a request names
its files from the report kind and the session or period only (the session name
is redacted with the names list first, so no child's name reaches a file name);
``produce_report`` computes the figures once (``services.reports``, the board's
timeliness and scorecard from ``services.board_reports``) and
``reporting.render.generate`` writes the PDF, spreadsheet and JSON
all-or-nothing.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from qa_audit.errors import UserError
from qa_audit.reporting.redaction import redact
from qa_audit.reporting.render import GeneratedReport, ReportFigures, ReportMeta, generate
from qa_audit.services import board_reports, reports
from qa_audit.storage.engine import Database

__all__ = [
    "ReportOutcome",
    "ReportRequest",
    "compute_figures",
    "export_xlsx",
    "produce_report",
    "slug",
]


@dataclass(frozen=True)
class ReportRequest:
    """What the user asked for; ``stem`` names the files (no personal data)."""

    kind: str
    folder: Path
    session: str | None = None
    from_month: str | None = None
    to_month: str | None = None
    xlsx: bool = False
    json: bool = False
    rubric: str | None = None  # the trend's one rubric (None: the latest session's)
    by: str | None = None  # key issues: break percent good down by this plan field
    names: tuple[str, ...] = ()  # the database's redaction list, for the file names

    @property
    def stem(self) -> str:
        if self.kind == "key-issues":
            return f"{self.kind}-{slug(self.session or 'session', self.names)}"
        scope = (f"-{slug(self.rubric, self.names)}"
                 if self.kind in ("trend", "scorecard") and self.rubric else "")
        return f"{self.kind}{scope}-{self.from_month}-to-{self.to_month}"

    def targets(self) -> tuple[Path, Path | None, Path | None]:
        base = self.folder / self.stem
        return (base.with_suffix(".pdf"), base.with_suffix(".xlsx") if self.xlsx else None,
                base.with_suffix(".json") if self.json else None)


@dataclass(frozen=True)
class ReportOutcome:
    request: ReportRequest
    figures: ReportFigures
    files: GeneratedReport
    meta: ReportMeta


def slug(text: str, names: tuple[str, ...] = ()) -> str:
    """A file-name part: redacted (dates and listed names masked), letters, digits and ``-``."""
    cleaned = redact(text, names)
    cleaned = re.sub(r"\[[a-zA-Z. ]+\]", "", cleaned)  # drop the masks themselves
    return re.sub(r"[^A-Za-z0-9]+", "-", cleaned).strip("-") or "report"


def compute_figures(db: Database, request: ReportRequest) -> ReportFigures:
    if request.kind == "key-issues":
        if not request.session:
            raise UserError("Choose a session for the key issues report.")
        return reports.key_issues(db, request.session, by=request.by)
    if not request.from_month or not request.to_month:
        raise UserError("Choose the first and last month of the report.")
    if request.kind == "trend":
        return reports.trend(db, request.from_month, request.to_month, rubric_id=request.rubric)
    if request.kind == "scorecard":  # the board's, as ``report scorecard``
        return board_reports.scorecard(db, request.from_month, request.to_month,
                                       rubric_id=request.rubric)
    if request.kind == "timeliness":
        return board_reports.timeliness(db, request.from_month, request.to_month)
    compute: dict[str, Callable[[Database, str, str], ReportFigures]] = {
        "health": reports.health, "themes": reports.themes}
    if request.kind not in compute:
        raise UserError(f"Unknown report {request.kind!r}.")
    return compute[request.kind](db, request.from_month, request.to_month)


def produce_report(db: Database, request: ReportRequest, *,
                   progress: Callable[[int, str], None]) -> ReportOutcome:
    """Compute the figures and write the files (run in a ``workers.Job``)."""
    progress(0, "Computing the figures")
    figures = compute_figures(db, request)
    meta = reports.report_meta(db)
    progress(10, "Laying out the PDF")
    pdf, xlsx, json_path = request.targets()
    files = generate(request.kind, figures, pdf, xlsx, json_path, meta=meta,
                     progress=lambda pct, stage: progress(10 + pct * 90 // 100, stage))
    return ReportOutcome(request, figures, files, meta)


def export_xlsx(figures: ReportFigures, meta: ReportMeta, path: Path, *,
                progress: Callable[[int, str], None]) -> Path:
    """Write the figures' workbook to ``path`` all-or-nothing (a temporary file, then moved)."""
    from qa_audit.reporting import xlsx as xlsx_writer  # deferred: openpyxl is heavy

    progress(0, "Writing the spreadsheet")
    if not path.parent.is_dir():
        raise UserError(f"Cannot write {path}: the folder {path.parent} does not exist.")
    try:
        fd, name = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=".xlsx", dir=path.parent)
        os.close(fd)
    except OSError as exc:
        raise UserError(f"Cannot write {path}: {exc.strerror or exc}.") from exc
    tmp = Path(name)
    try:
        xlsx_writer.write_xlsx(figures, tmp, meta)
        progress(90, "Saving")
        os.replace(tmp, path)
    except OSError as exc:
        raise UserError(f"Cannot write {path}: {exc.strerror or exc}.") from exc
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()
    progress(100, "Done")
    return path
