"""The "Import register" wizard's decisions, with no Qt: kinds, checks, mapping problems, texts.

The wizard's pages (``file_pages``, ``run_pages``) read the widgets and the file,
ask this module, and show the answers. ``check_file`` runs in a worker: it reads
the whole file with the chosen mapping through the same parser the import runs
(``parse_register`` / ``parse_advice``), so a file that passes is the file that
gets imported. Tested without Qt (``tests/unit/test_register_import_presenter.py``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from qa_audit.errors import RowProblem
from qa_audit.importing import advice_parse, register_parse
from qa_audit.importing.tabular import Table, normalise_header, read_table
from qa_audit.services import plans
from qa_audit.services.register_import import ImportResult, import_advice, import_plans

__all__ = [
    "KINDS",
    "NOT_IN_FILE",
    "CheckOutcome",
    "RegisterKind",
    "check_file",
    "check_summary",
    "mapping_problems",
    "still_matched",
]

NOT_IN_FILE = "(not in the file)"
_MAX_SHOWN_DETAILS = 15


def plural(count: int, word: str, plural_form: str | None = None) -> str:
    return f"{count:,} {word if count == 1 else (plural_form or word + 's')}"


# ----------------------------------------------------------------- the two kinds


@dataclass(frozen=True)
class RegisterKind:
    """What one kind of import reads: its fields, labels and the import service."""

    key: str  # "plans" or "advice": also the AppContext.notify topic
    title: str
    noun: str  # what the rows are, plural
    fields: Mapping[str, Sequence[str]]
    required: tuple[str, ...]
    labels: Mapping[str, str]
    hints: Mapping[str, str]
    importer: Callable[..., ImportResult]
    done_text: str


KINDS: dict[str, RegisterKind] = {
    "plans": RegisterKind(
        key="plans",
        title="Import plan register",
        noun="plans",
        fields=register_parse.PLAN_FIELDS,
        required=register_parse.REQUIRED_FIELDS,
        labels={
            "plan_ref": "Plan reference", "issue_date": "Issue date",
            "request_date": "Request date", "plan_type": "Plan type",
            "year_group": "Year group (NCY)", "primary_need": "Primary need",
            "setting": "Setting", "setting_type": "Setting type", "team": "Team",
            "caseworker": "Caseworker", "direct_payments": "Direct payments",
        },
        hints={
            "plan_ref": "Pseudonymous reference from the case system (never the child's name)",
            "issue_date": "Date the plan (or amended plan) was issued: DD/MM/YYYY, "
                          "YYYY-MM-DD or an Excel date",
            "request_date": "Request for assessment; it must not be after the issue date",
            "plan_type": "new, amended or review; blank means new",
            "year_group": "N1, N2, R or a whole number from -2 to 14",
            "primary_need": "DfE code: SpLD MLD SLD PMLD SEMH SLCN HI VI MSI PD ASD OTH",
            "direct_payments": "yes/no, y/n, true/false or 1/0",
        },
        importer=import_plans,
        done_text="Plan register",
    ),
    "advice": RegisterKind(
        key="advice",
        title="Import advice requests",
        noun="advice requests",
        fields=advice_parse.ADVICE_FIELDS,
        required=advice_parse.REQUIRED_FIELDS,
        labels={
            "plan_ref": "Plan reference", "service": "Service",
            "requested_date": "Date requested", "received_date": "Date received",
        },
        hints={
            "plan_ref": "Must already be in the plan register",
            "service": "education, ep, paediatrics, salt, ot, physio, camhs, "
                       "health_visiting, school_nursing, social_care or other_health",
            "requested_date": "Date the advice was requested",
            "received_date": "Blank when the advice has not been returned",
        },
        importer=import_advice,
        done_text="Advice requests",
    ),
}


# ------------------------------------------------------------------ checking (in a worker)


@dataclass
class CheckOutcome:
    """What the check page found; nothing has been written."""

    rows_read: int
    valid_rows: int
    problems: list[RowProblem]
    ignored_columns: list[str]
    new_keys: int | None = None  # plans not yet in the register (plan imports only)

    @property
    def bad_rows(self) -> int:
        return len({p.row for p in self.problems})


def read_file(path: Path, progress: Callable[[int, str], None]) -> Table:
    progress(0, "Reading file")
    return read_table(path)


def known_plan_refs(db: Any) -> set[str]:
    return {row.plan_ref for row in plans.list_plans(db)}


def check_file(kind: RegisterKind, path: Path, mapping: Mapping[str, str], db: Any,
               progress: Callable[[int, str], None],
               custom: Mapping[str, str | None] | None = None) -> CheckOutcome:
    """Read and validate the whole file exactly as the import will; write nothing.

    ``custom``: columns kept as custom plan fields (plan imports only).
    """
    progress(5, "Reading file")
    table = read_table(path)
    progress(40, "Checking rows")
    if kind.key == "plans":
        parsed = register_parse.parse_register(table, mapping, custom)
        problems = list(parsed.problems)
        progress(80, "Comparing with the register")
        known = known_plan_refs(db)
        new = sum(1 for ref in parsed.columns["plan_ref"] if ref not in known)
        return CheckOutcome(parsed.rows_read, parsed.valid_count, problems,
                            list(parsed.ignored_columns), new)
    parsed_advice = advice_parse.parse_advice(table, mapping)
    progress(80, "Looking up plan references")
    problems = list(parsed_advice.problems)
    unknown = advice_parse.problems_for_unknown_plans(parsed_advice.rows,
                                                       known_plan_refs(db))
    if unknown:
        problems = sorted(problems + unknown, key=lambda p: (p.row, p.column))
    bad = {p.row for p in unknown}
    valid = sum(1 for r in parsed_advice.rows if r.row not in bad)
    return CheckOutcome(parsed_advice.rows_read, valid, problems,
                        list(parsed_advice.ignored_columns))


# ------------------------------------------------------------------ the mapping page


def mapping_problems(kind: RegisterKind, chosen: Mapping[str, int],
                     header_label: Callable[[int], str] | None) -> list[str]:
    """Why the chosen columns cannot be imported: a required field left out, a column twice.

    ``header_label`` names a column (None when no file is read yet).
    """
    out = []
    missing = [kind.labels.get(f, f) for f in kind.required if f not in chosen]
    if missing:
        out.append("Choose a column for " + ", ".join(missing) + " (required).")
    by_column: dict[int, list[str]] = {}
    for name, index in chosen.items():
        by_column.setdefault(index, []).append(kind.labels.get(name, name))
    for index, names in by_column.items():
        if len(names) > 1 and header_label is not None:
            out.append(f"Column {header_label(index)!r} is chosen for "
                       + " and ".join(names) + "; a column can hold only one field.")
    return out


def still_matched(kind: RegisterKind, headers: Sequence[str],
                  chosen: Mapping[str, int]) -> list[str]:
    """Warn where a field left out is still filled from a column whose header matches."""
    taken = set(chosen.values())
    notes = []
    for name, synonyms in kind.fields.items():
        if name in chosen:
            continue
        keys = {normalise_header(s) for s in (name, *synonyms)}
        for index, header in enumerate(headers):
            if index not in taken and header.strip() and normalise_header(header) in keys:
                notes.append(f"Column {header.strip()!r} matches "
                             f"{kind.labels.get(name, name)} by name and will still be "
                             "read as it; rename it in the file to leave it out.")
    return notes


def with_mnemonic(text: str, used: set[str]) -> str:
    """``Issue date`` -> ``&Issue date`` using a letter not yet taken on the page."""
    reserved = {"b", "n", "c", "f"}  # Back, Next, Cancel, Finish of the wizard
    for i, char in enumerate(text):
        key = char.lower()
        if char.isalpha() and key not in used and key not in reserved:
            used.add(key)
            return text[:i] + "&" + text[i:]
    return text


# ------------------------------------------------------------------ what the pages say


def file_summary(table: Table, name: str, shown: int) -> str:
    """The preview page's line: rows, columns, format, where the header is."""
    fmt = "Excel workbook (first sheet)" if table.format == "xlsx" else "CSV"
    if table.format == "csv":
        sep = {",": "comma", ";": "semicolon", "\t": "tab"}.get(table.delimiter or ",", "comma")
        fmt += f", {table.encoding or 'utf-8'}, {sep}-separated"
    return (f"<b>{name}</b>: {plural(len(table), 'data row')}, "
            f"{plural(len(table.headers), 'column')} ({fmt}). "
            f"Header on row {table.header_row}; showing {shown:,}.")


def check_summary(outcome: CheckOutcome, noun: str) -> str:
    """The check page's verdict: the bad rows, or that every row is valid (and how many new)."""
    ignored = (" Columns not imported: " + ", ".join(outcome.ignored_columns) + "."
               if outcome.ignored_columns else "")
    if outcome.problems:
        return (f"<b>{plural(outcome.bad_rows, 'bad row')}</b> "
                f"({plural(len(outcome.problems), 'problem')}) in "
                f"{plural(outcome.rows_read, 'row')}. <b>Nothing has been written.</b> "
                "Correct the file (or the column choices on the previous page) and choose "
                "Check again; the import is all or nothing." + ignored)
    new = ""
    if outcome.new_keys is not None:
        existing = outcome.valid_rows - outcome.new_keys
        new = (f" {plural(outcome.new_keys, 'plan')} new to the register, "
               f"{existing:,} already in it (updated where they changed).")
    return (f"All {plural(outcome.rows_read, 'row')} are valid.{new} Nothing has been "
            f"written yet: choose Import to add the {noun} to the database." + ignored)


def import_ready(outcome: CheckOutcome | None, failure: str | None) -> bool:
    """Import only a file that was checked, with no problem and at least one row."""
    return (failure is None and outcome is not None and not outcome.problems
            and outcome.valid_rows > 0)


def problems_file(path: Path | None) -> str:
    """Where "Save list…" suggests writing the bad rows."""
    return str(path.with_name(path.stem + " - problems.csv")) if path else ""


def shorten(message: str) -> str:
    lines = message.splitlines()
    if len(lines) <= _MAX_SHOWN_DETAILS + 1:
        return message
    rest = len(lines) - _MAX_SHOWN_DETAILS - 1
    return "\n".join([*lines[:_MAX_SHOWN_DETAILS + 1], f"… and {rest:,} more"])
