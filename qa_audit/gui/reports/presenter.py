"""The Reports page's decisions, with no Qt: choices offered, what is enabled, what it says.

The controller (``pages/reports_page.py``) reads the widgets into plain values,
asks this module, and writes the answers back; tested without a QApplication
(``tests/unit/test_reports_presenter.py``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from qa_audit.errors import UserError
from qa_audit.gui.models.excerpt_rows import APPROVED, ExcerptRow
from qa_audit.services.report_output import ReportOutcome, ReportRequest
from qa_audit.services.sessions import SessionInfo

__all__ = [
    "BREAKDOWN_CHOICES",
    "REPORT_KINDS",
    "KindControls",
    "ReportForm",
    "breakdown_choices",
]

#: (kind, label) in the order offered.
REPORT_KINDS: tuple[tuple[str, str], ...] = (
    ("key-issues", "Key issues (one panel session)"),
    ("trend", "Trend (months, for the board)"),
    ("health", "Health advice deep dive (months)"),
    ("themes", "Themes for trainers (months)"),
    ("timeliness", "Timeliness (months, for the board)"),
    ("scorecard", "Scorecard (quarters, for the board)"),
)
#: the kinds that cover one rubric (the rest: a session, or every rubric of the period)
RUBRIC_KINDS = frozenset({"trend", "scorecard"})
#: built-in plan fields the key issues report can break percent good down by
BREAKDOWN_CHOICES: tuple[tuple[str, str | None], ...] = (
    ("No breakdown", None), ("Team", "team"), ("Phase", "phase"),
    ("Primary need", "primary_need"), ("Setting type", "setting_type"),
    ("Plan type", "plan_type"), ("Year group", "year_group"),
    ("Direct payments", "direct_payments"),
)
NO_SESSIONS = "No sessions yet"
DEFAULT_RUBRIC_CHOICE = "The latest session's rubric in the period"
NO_OUTCOME_TEXT = "Generate a report to see its headline and figures here."
FAULT_SUFFIX = "\n\nThis is a fault in the program; the details are in the log."


def _plural(count: int, word: str) -> str:
    return f"{count:,} {word}{'s' * (count != 1)}"


# ------------------------------------------------------------------ choices


def breakdown_choices(custom: list[str]) -> list[tuple[str, str | None]]:
    """Built-in fields, then the register's custom plan fields."""
    return [*BREAKDOWN_CHOICES, *((f"{name} (own field)", name) for name in custom)]


def session_choices(infos: list[SessionInfo]) -> list[tuple[str, str | None]]:
    """(label, session name) newest first; one placeholder when there are none."""
    if not infos:
        return [(NO_SESSIONS, None)]
    return [(f"{i.name} ({i.date:%d/%m/%Y}, {i.status})", i.name) for i in infos]


def rubric_choices(infos: list[SessionInfo]) -> list[tuple[str, str | None]]:
    """The trend's rubric picker: the default rule, then every rubric with sessions."""
    return [(DEFAULT_RUBRIC_CHOICE, None),
            *((rid, rid) for rid in sorted({i.rubric_id for i in infos}))]


@dataclass(frozen=True)
class KindControls:
    """Which of the report's choices apply to the chosen kind (and are not locked)."""

    breakdown: bool
    session: bool
    months: bool
    rubric: bool


def kind_controls(kind: str, *, has_sessions: bool, busy: bool = False) -> KindControls:
    """Key issues is about one session; the others cover months; the trend and the
    scorecard pick a rubric."""
    if busy:
        return KindControls(breakdown=kind == "key-issues", session=False, months=False,
                            rubric=False)
    by_session = kind == "key-issues"
    return KindControls(breakdown=by_session, session=by_session and has_sessions,
                        months=not by_session, rubric=kind in RUBRIC_KINDS)


# ------------------------------------------------------------------ the request


@dataclass(frozen=True)
class ReportForm:
    """The Generate tab's values (months as ``YYYY-MM``)."""

    kind: str
    folder: str
    session: str | None
    from_month: str
    to_month: str
    xlsx: bool
    json: bool
    rubric: str | None
    by: str | None

    def request(self, names: tuple[str, ...] = ()) -> ReportRequest:
        """The request these values make (``names``: the redaction list, so no listed name
        reaches a file name); UserError when no folder is given."""
        folder_text = self.folder.strip()
        if not folder_text:
            raise UserError("Choose the folder to write the report to.")
        key_issues = self.kind == "key-issues"
        return ReportRequest(
            kind=self.kind, folder=Path(folder_text).expanduser(),
            session=self.session if key_issues else None,
            from_month=self.from_month, to_month=self.to_month,
            xlsx=self.xlsx, json=self.json,
            rubric=self.rubric if self.kind in RUBRIC_KINDS else None,
            by=self.by if key_issues else None, names=names)


def replace_question(request: ReportRequest) -> str | None:
    """Ask before overwriting: the files of ``request`` that already exist (None: none do)."""
    existing = [p.name for p in request.targets() if p is not None and p.exists()]
    if not existing:
        return None
    one = len(existing) == 1
    return (f"{', '.join(existing)} already exist{'s' if one else ''} in "
            f"{request.folder}. Replace {'it' if one else 'them'}?")


def stage_text(stage: str) -> str:
    """A progress stage as the status line shows it (with an ellipsis)."""
    return f"{stage}…" if stage and not stage.endswith("…") else stage


def written_text(outcome: ReportOutcome) -> str:
    pages = outcome.files.pages
    return f"Written: {outcome.files.pdf.name} ({pages} page{'s' * (pages != 1)})."


def failure_text(message: str, user_error: bool) -> str:
    """What the message box says: the user's error, or a fault pointing at the log."""
    return message if user_error else message + FAULT_SUFFIX


@dataclass(frozen=True)
class OutcomeView:
    """The Result box: headline, the files line, and the tables to preview."""

    headline: str
    files: str
    tables: list[tuple[str, str]]  # (label with row count, table name)


def outcome_view(outcome: ReportOutcome | None) -> OutcomeView:
    if outcome is None:
        return OutcomeView(NO_OUTCOME_TEXT, "", [])
    files = outcome.files
    written = [files.pdf.name] + [p.name for p in (files.xlsx, files.json) if p]
    return OutcomeView(
        f"{outcome.figures.title}: {outcome.figures.headline()}",
        f"In {files.pdf.parent}: {', '.join(written)}",
        [(f"{name} ({len(rows)})", name) for name, rows in outcome.figures.tables().items()])


def xlsx_path(chosen: str) -> Path:
    """The export file the user chose, with ``.xlsx`` added when they left it off."""
    path = Path(chosen)
    return path if path.suffix.lower() == ".xlsx" else path.with_name(path.name + ".xlsx")


# ------------------------------------------------------------------ excerpts and names


def excerpt_count_text(waiting: int, approved: int) -> str:
    text = f"{_plural(waiting, 'excerpt')} awaiting approval"
    return text + (f"; {approved} approved here" if approved else "")


@dataclass(frozen=True)
class ExcerptControls:
    text: str
    editable: bool  # the text box and Approve
    withdraw: bool


def excerpt_controls(row: ExcerptRow | None) -> ExcerptControls:
    """An approved excerpt can only be withdrawn; any other can be edited and approved."""
    if row is None:
        return ExcerptControls("", editable=False, withdraw=False)
    approved = row.status == APPROVED
    return ExcerptControls(row.text, editable=not approved, withdraw=approved)


def next_pending(rows: list[ExcerptRow | None], after: int) -> int | None:
    """The id of the first excerpt after row ``after`` not yet approved, or None."""
    for row in rows[after + 1:]:
        if row is not None and row.status != APPROVED:
            return row.excerpt.id
    return None


NAMES_WHERE = ("Kept in this database with the panel's data: every member's reports, exports "
               "and approved excerpts redact these names. Changes are logged with your name.")


def names_count_text(count: int, *, saved: bool = False) -> str:
    return f"{'Saved: ' if saved else ''}{count} name{'s' * (count != 1)} in the list."


def names_saved_text(count: int, added: int, removed: int) -> str:
    """What a save of the names list did."""
    if not added and not removed:
        return f"No change: {names_count_text(count)}"
    return f"Saved ({added} added, {removed} removed): {names_count_text(count)}"
