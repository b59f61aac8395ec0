"""Parsing and validating a plan register file (pure: no database, no Qt).

``parse_register(read_table(path), parse_map_args(args.map))`` gives the valid
rows and one :class:`~qa_audit.errors.RowProblem` per bad cell.  The import is
all or nothing: the caller writes ``rows`` only when ``problems`` is empty.

Choices where the contract is silent:

* A ``plan_ref`` repeated within the file: every occurrence after the first is
  reported (column plan_ref, reason naming the first row); refs compare exactly
  after stripping surrounding spaces.
* ``plan_ref`` must be 1-64 printable characters.  Text fields (setting,
  setting_type, team, caseworker) are stripped, blank becomes ``None``, and more
  than :data:`TEXT_MAX` characters is a bad cell.
* Extra columns that match no field are ignored and listed in
  ``ParsedRegister.ignored_columns`` (the scored-audits import, by contrast,
  rejects them).
* Header problems and missing required columns are reported on row 1 (the
  column is the field name for a missing column); the rows are still checked so
  that one run reports everything.
* ``rows`` holds only rows without problems.
* ``request_date`` equal to ``issue_date`` is allowed; only later is a bad row.
  The problem is reported on the request_date column.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from qa_audit.errors import RowProblem
from qa_audit.services.tabular import (
    CellProblems,
    HeaderMatch,
    Table,
    cell_text,
    is_blank,
    match_headers,
)
from qa_audit.services.values import (
    parse_bool,
    parse_date,
    parse_plan_type,
    parse_primary_need,
    parse_year_group,
    phase_for_year_group,
)

__all__ = ["PLAN_FIELDS", "PLAN_REF_MAX", "TEXT_MAX", "ParsedRegister", "PlanRow",
           "check_plan_ref", "parse_register"]

PLAN_REF_MAX = 64
TEXT_MAX = 255

PLAN_REF_SYNONYMS: tuple[str, ...] = (
    "Person ID", "Child ID", "EHCP Ref", "Plan Ref", "Plan Reference", "EHCP Reference",
    "EHCP ID", "Plan ID", "EHC Plan Ref", "Pseudonymous ID",
)

#: field -> header synonyms (the field name itself always matches too)
PLAN_FIELDS: dict[str, list[str]] = {
    "plan_ref": list(PLAN_REF_SYNONYMS),
    "issue_date": ["Date Issued", "EHCP Issue Date", "Issue Date", "Plan Issue Date",
                   "Date of Issue", "Final Plan Date", "Date Plan Issued"],
    "request_date": ["Request Date", "Date of Request", "Assessment Request Date",
                     "Request for Assessment Date", "Date Requested"],
    "plan_type": ["Plan Type", "EHCP Type", "Type of Plan"],
    "year_group": ["NCY", "Year Group", "National Curriculum Year", "NC Year"],
    "primary_need": ["Primary Need", "Primary SEN Need", "Primary Need Type", "Primary SEN"],
    "setting": ["Establishment", "School", "Setting Name", "Establishment Name",
                "School Name", "Provision"],
    "setting_type": ["Setting Type", "Establishment Type", "School Type", "Provision Type"],
    "team": ["Team", "SEN Team", "Area Team", "Locality Team"],
    "caseworker": ["Caseworker", "Case Worker", "Case Officer", "SEN Officer",
                   "Caseworker Name"],
    "direct_payments": ["Direct Payments", "Direct Payment", "DP"],
}
REQUIRED_FIELDS: tuple[str, ...] = ("plan_ref", "issue_date")
_TEXT_FIELDS: tuple[str, ...] = ("setting", "setting_type", "team", "caseworker")


@dataclass(frozen=True, slots=True)
class PlanRow:
    """One valid register row; ``row`` is its spreadsheet row number."""

    plan_ref: str
    issue_date: dt.date
    request_date: dt.date | None
    plan_type: str
    year_group: int | None
    phase: str | None
    primary_need: str | None
    setting: str | None
    setting_type: str | None
    team: str | None
    caseworker: str | None
    direct_payments: bool | None
    row: int


@dataclass
class ParsedRegister:
    """Result of :func:`parse_register`; import only when ``problems`` is empty."""

    rows: list[PlanRow]
    problems: list[RowProblem]
    ignored_columns: list[str] = field(default_factory=list)
    header_of: dict[str, str] = field(default_factory=dict)  # field -> header in file
    rows_read: int = 0  # non-blank data rows in the file

    @property
    def ok(self) -> bool:
        return not self.problems


def check_plan_ref(text: str) -> str:
    """A stripped plan reference, or ``ValueError`` (blank, too long, control characters)."""
    ref = text.strip()
    if not ref:
        raise ValueError("plan_ref is blank (required)")
    if len(ref) > PLAN_REF_MAX:
        raise ValueError(f"plan_ref is longer than {PLAN_REF_MAX} characters")
    if not ref.isprintable():
        raise ValueError("plan_ref contains tabs, line breaks or other control characters")
    return ref


def parse_register(table: Table, mapping: Mapping[str, str] | None = None) -> ParsedRegister:
    """Validate every row of a plan register table."""
    match: HeaderMatch = match_headers(
        table.headers, PLAN_FIELDS, mapping, required=REQUIRED_FIELDS,
        header_row=table.header_row,
    )
    col = match.column_of
    header_of = match.header_of(table.headers)
    problems: list[RowProblem] = list(match.problems)
    rows: list[PlanRow] = []

    i_ref = col.get("plan_ref")
    i_issue = col.get("issue_date")
    i_request = col.get("request_date")
    i_type = col.get("plan_type")
    i_year = col.get("year_group")
    i_need = col.get("primary_need")
    i_dp = col.get("direct_payments")
    text_cols = [(f, col[f]) for f in _TEXT_FIELDS if f in col]
    first_row_of: dict[str, int] = {}

    def fail(bad: CellProblems, index: int, field_name: str, reason: str, raw: object) -> None:
        bad.add(index, header_of[field_name], raw, reason)

    for n, cells in enumerate(table.rows):
        row_no = table.row_numbers[n]
        bad = CellProblems(row_no)

        plan_ref: str | None = None
        if i_ref is not None:
            raw = cells[i_ref]
            try:
                plan_ref = check_plan_ref(cell_text(raw))
            except ValueError as err:
                fail(bad, i_ref, "plan_ref", str(err), raw)
            else:
                first = first_row_of.get(plan_ref)
                if first is None:
                    first_row_of[plan_ref] = row_no
                else:
                    fail(bad, i_ref, "plan_ref", f"plan_ref repeated (first on row {first})", raw)

        issue_date: dt.date | None = None
        if i_issue is not None:
            raw = cells[i_issue]
            if is_blank(raw):
                fail(bad, i_issue, "issue_date", "issue_date is blank (required)", raw)
            else:
                try:
                    issue_date = parse_date(raw)
                except ValueError as err:
                    fail(bad, i_issue, "issue_date", str(err), raw)

        request_date: dt.date | None = None
        if i_request is not None and not is_blank(raw := cells[i_request]):
            try:
                request_date = parse_date(raw)
            except ValueError as err:
                fail(bad, i_request, "request_date", str(err), raw)
            else:
                if issue_date is not None and request_date > issue_date:
                    fail(bad, i_request, "request_date",
                         f"request_date is after issue_date ({issue_date.isoformat()})", raw)

        plan_type = "new"
        if i_type is not None:
            raw = cells[i_type]
            try:
                plan_type = parse_plan_type(raw)
            except ValueError as err:
                fail(bad, i_type, "plan_type", str(err), raw)

        year_group: int | None = None
        if i_year is not None and not is_blank(raw := cells[i_year]):
            try:
                year_group = parse_year_group(raw)
            except ValueError as err:
                fail(bad, i_year, "year_group", str(err), raw)

        primary_need: str | None = None
        if i_need is not None and not is_blank(raw := cells[i_need]):
            try:
                primary_need = parse_primary_need(raw)
            except ValueError as err:
                fail(bad, i_need, "primary_need", str(err), raw)

        direct_payments: bool | None = None
        if i_dp is not None and not is_blank(raw := cells[i_dp]):
            try:
                direct_payments = parse_bool(raw)
            except ValueError as err:
                fail(bad, i_dp, "direct_payments", str(err), raw)

        texts: dict[str, str | None] = dict.fromkeys(_TEXT_FIELDS)
        for field_name, index in text_cols:
            value = cell_text(cells[index])
            if len(value) > TEXT_MAX:
                fail(bad, index, field_name, f"longer than {TEXT_MAX} characters", value[:40] + "…")
            elif value:
                texts[field_name] = value

        if bad:
            problems.extend(bad.problems())
            continue
        if plan_ref is None or issue_date is None:
            continue  # a required column is missing (reported on row 1)
        rows.append(PlanRow(
            plan_ref=plan_ref,
            issue_date=issue_date,
            request_date=request_date,
            plan_type=plan_type,
            year_group=year_group,
            phase=phase_for_year_group(year_group),
            primary_need=primary_need,
            setting=texts["setting"],
            setting_type=texts["setting_type"],
            team=texts["team"],
            caseworker=texts["caseworker"],
            direct_payments=direct_payments,
            row=row_no,
        ))

    return ParsedRegister(
        rows=rows,
        problems=problems,
        ignored_columns=list(match.unknown),
        header_of=header_of,
        rows_read=len(table.rows),
    )
