"""Writing a report's files: the PDF, and beside it the spreadsheet and the figures JSON.

One entry point, :func:`generate`, used by the CLI and the GUI. It takes figures
already computed (``qa_audit.services.reports``) and only lays them out, so the
PDF, the XLSX and the JSON always show the same numbers.

Each file is written to a temporary file in its destination folder and all are
moved into place only when every one is complete, so a failed or cancelled report
leaves no half-written file and replaces no existing file.

Long work is cancellable: ``progress(percent, stage)`` is called often (while the
PDF is laid out, after each top-level block); if it raises -- e.g. a GUI worker's
``Cancelled`` -- the exception propagates and nothing is written.

reportlab and XlsxWriter are imported only here, when a file is written, so
computing figures (and starting the app) stays fast.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from qa_audit.errors import UserError
from qa_audit.reporting.meta import ReportFigures, ReportMeta

__all__ = ["KINDS", "GeneratedReport", "Progress", "ReportFigures", "ReportMeta", "generate"]

KINDS = ("key-issues", "trend", "health", "themes", "timeliness", "scorecard", "plan-feedback")
#: kinds laid out by ``board_pdf`` (the SEND board's reports), the rest by ``pdf``
BOARD_KINDS = ("timeliness", "scorecard")

Progress = Callable[[int, str], None]


@dataclass(frozen=True)
class GeneratedReport:
    pdf: Path
    pages: int
    xlsx: Path | None = None
    json: Path | None = None

    def describe(self) -> str:
        parts = [f"{self.pdf} ({self.pages} page{'s' if self.pages != 1 else ''})"]
        if self.xlsx:
            parts.append(f"spreadsheet {self.xlsx}")
        if self.json:
            parts.append(f"figures {self.json}")
        return "Report written: " + "; ".join(parts) + "."


class _Staging:
    """Temporary files beside each destination, moved into place together at the end."""

    def __init__(self) -> None:
        self._moves: list[tuple[Path, Path]] = []

    def temp_for(self, path: Path) -> Path:
        folder = path.parent
        if not folder.is_dir():
            raise UserError(f"Cannot write {path}: the folder {folder} does not exist.")
        if path.is_dir():
            raise UserError(f"Cannot write {path}: it is a folder.")
        try:
            fd, name = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=path.suffix, dir=folder)
        except OSError as exc:
            raise UserError(f"Cannot write {path}: {exc.strerror or exc}.") from exc
        os.close(fd)
        self._moves.append((Path(name), path))
        return Path(name)

    def commit(self) -> None:
        for tmp, path in self._moves:
            try:
                os.replace(tmp, path)
            except OSError as exc:
                raise UserError(f"Cannot write {path}: {exc.strerror or exc}.") from exc

    def discard(self) -> None:
        for tmp, _ in self._moves:
            with contextlib.suppress(OSError):
                tmp.unlink()


@contextlib.contextmanager
def _staging() -> Iterator[_Staging]:
    staging = _Staging()
    try:
        yield staging
        staging.commit()
    finally:
        staging.discard()


def _check_targets(paths: list[Path]) -> None:
    seen: set[Path] = set()
    for p in paths:
        resolved = p.resolve()
        if resolved in seen:
            raise UserError(f"{p} is given for two outputs; use a different file for each.")
        seen.add(resolved)


def generate(
    kind: str,
    figures: ReportFigures,
    out_pdf: str | os.PathLike[str],
    xlsx: str | os.PathLike[str] | None = None,
    json_path: str | os.PathLike[str] | None = None,
    *,
    meta: ReportMeta,
    progress: Progress | None = None,
) -> GeneratedReport:
    """Write the PDF (and the XLSX / JSON when asked) of already computed figures."""
    if kind not in KINDS:
        raise ValueError(f"unknown report kind {kind!r} (known: {', '.join(KINDS)})")
    if getattr(figures, "kind", None) != kind:
        raise ValueError(f"figures of kind {getattr(figures, 'kind', None)!r} given for {kind!r}")

    def report(pct: int, stage: str) -> None:
        if progress is not None:
            progress(pct, stage)

    pdf_path = Path(out_pdf)
    xlsx_path = Path(xlsx) if xlsx else None
    json_file = Path(json_path) if json_path else None
    _check_targets([p for p in (pdf_path, xlsx_path, json_file) if p is not None])

    report(0, "Laying out the PDF")
    # deferred (each branch): reportlab is slow to import, needed only when a file is written
    if kind in BOARD_KINDS:
        from qa_audit.reporting.board_pdf import render_pdf
    elif kind == "plan-feedback":  # the caseworker's letter has its own small module
        from qa_audit.reporting.pdf_feedback import render_pdf
    else:
        from qa_audit.reporting.pdf import render_pdf

    with _staging() as staging:
        try:
            pages = render_pdf(
                figures, staging.temp_for(pdf_path), meta,
                progress=lambda f: report(min(80, int(80 * f)), "Laying out the PDF"))
            if xlsx_path is not None:
                report(85, "Writing the spreadsheet")
                # deferred: XlsxWriter is needed only when a spreadsheet is asked for
                from qa_audit.reporting import xlsx as xlsx_writer

                xlsx_writer.write_xlsx(figures, staging.temp_for(xlsx_path), meta)
            if json_file is not None:
                report(95, "Writing the figures")
                data = {**figures.to_json(), "report": {
                    "kind": kind, "title": figures.title, "database": meta.database,
                    "produced": meta.produced.isoformat(), "chain_head": meta.chain_head}}
                staging.temp_for(json_file).write_text(
                    json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n",
                    encoding="utf-8")
        except OSError as exc:  # disk full, permission denied while writing
            raise UserError(f"Cannot write the report: {exc.strerror or exc}.") from exc
    report(100, "Done")
    return GeneratedReport(pdf_path, pages, xlsx_path, json_file)
