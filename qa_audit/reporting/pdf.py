"""PDF of the four reports: picks the layout for a figures object and builds it.

Each report's layout has its own module (:mod:`~qa_audit.reporting.pdf_key_issues`,
:mod:`~qa_audit.reporting.pdf_trend`, :mod:`~qa_audit.reporting.pdf_health`,
:mod:`~qa_audit.reporting.pdf_themes`) on the shared
:class:`~qa_audit.reporting.pdf_report.ReportPdf` base.

Imported lazily by :mod:`qa_audit.reporting.render` (reportlab is slow to import).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from qa_audit.reporting.meta import ReportMeta
from qa_audit.reporting.pdf_health import HealthPdf
from qa_audit.reporting.pdf_key_issues import KeyIssuesPdf
from qa_audit.reporting.pdf_report import ReportPdf
from qa_audit.reporting.pdf_themes import ThemesPdf
from qa_audit.reporting.pdf_trend import TrendPdf

__all__ = ["RENDERERS", "render_pdf"]

RENDERERS: dict[str, type[ReportPdf]] = {
    "key-issues": KeyIssuesPdf, "trend": TrendPdf, "health": HealthPdf, "themes": ThemesPdf,
}


def render_pdf(figures: Any, path: Path, meta: ReportMeta,
               progress: Callable[[float], None] | None = None) -> int:
    """Lay out ``figures`` (of any report kind) as a PDF at ``path``; returns the page count."""
    return RENDERERS[figures.kind](figures, meta).build(path, progress)
