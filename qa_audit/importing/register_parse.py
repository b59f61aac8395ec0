"""Parsing and validating a plan register file (pure: no database, no Qt).

``parse_register(read_table(path), parse_map_args(args.map))`` gives the valid
rows and one :class:`~qa_audit.errors.RowProblem` per bad cell.  The import is
all or nothing: the caller writes ``rows`` only when ``problems`` is empty.

Choices where the contract is silent:

* A ``plan_ref`` repeated within the file: every occurrence after the first is
  reported (column plan_ref, reason naming the first row); refs compare
  case-insensitively after stripping surrounding spaces (``domain.plan_ref``).
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
* Custom fields (``--field NAME[=HEADER]``, :func:`parse_field_args`): the column
  is found as ``--map`` finds one (without ``=HEADER``, the header matching NAME
  loosely); a NAME the file has no column for is a command-line error, not a bad
  row. Values are text as the built-in text fields are; blank means the plan
  has no value for the field.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields
from functools import cached_property
from typing import Any

from qa_audit.domain.plan_fields import check_custom_name
from qa_audit.domain.plan_ref import plan_ref_key
from qa_audit.errors import RowProblem, UserError
from qa_audit.importing.tabular import (
    Cell,
    HeaderMatch,
    Table,
    cell_text,
    gc_paused,
    is_blank,
    match_headers,
    normalise_header,
)
from qa_audit.importing.values import (
    parse_bool,
    parse_date,
    parse_plan_type,
    parse_primary_need,
    parse_year_group,
    phase_for_year_group,
)

__all__ = ["PLAN_FIELDS", "PLAN_REF_MAX", "PLAN_ROW_FIELDS", "TEXT_MAX", "ParsedRegister",
           "PlanRow", "check_plan_ref", "parse_field_args", "parse_register"]

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
    "team": ["Team", "SEN Team", "Area Team", "Locality Team", "Locality", "Area",
             "SEN Locality", "Team Name", "Patch", "Quadrant"],
    "caseworker": ["Caseworker", "Case Worker", "Case Officer", "SEN Officer",
                   "Caseworker Name", "EHC Coordinator", "EHCP Coordinator",
                   "Case Coordinator", "Key Worker", "Allocated Worker", "Lead Officer"],
    "direct_payments": ["Direct Payments", "Direct Payment", "DP"],
    "exception": ["Exception", "Exceptions", "20 Week Exception", "20 Weeks Exception",
                  "Reg 13 Exception", "Regulation 13 Exception", "Exception Applies"],
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
    exception: bool | None = None  # a Regulation 13(3) exception: the 20-week limit did not apply


#: the attributes of :class:`PlanRow`, in order: the keys of ``ParsedRegister.columns``
PLAN_ROW_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(PlanRow))


@dataclass
class ParsedRegister:
    """Result of :func:`parse_register`; import only when ``problems`` is empty.

    The valid rows are kept column by column (``columns``: one list per
    :data:`PLAN_ROW_FIELDS` name, all the same length) because the import writes
    them that way; ``rows`` builds :class:`PlanRow` objects only when asked.
    """

    problems: list[RowProblem]
    columns: dict[str, list[Any]] = field(
        default_factory=lambda: {name: [] for name in PLAN_ROW_FIELDS})
    ignored_columns: list[str] = field(default_factory=list)
    header_of: dict[str, str] = field(default_factory=dict)  # field -> header in file
    rows_read: int = 0  # non-blank data rows in the file
    #: custom field -> its value on each valid row (None: blank), as ``columns``
    custom: dict[str, list[str | None]] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def valid_count(self) -> int:
        """How many rows are valid (``len(rows)`` without building them)."""
        return len(self.columns["row"])

    @cached_property
    def rows(self) -> list[PlanRow]:
        """The valid rows in file order."""
        return list(map(PlanRow, *(self.columns[name] for name in PLAN_ROW_FIELDS)))


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


def parse_field_args(items: list[str] | None) -> dict[str, str | None]:
    """``--field NAME[=HEADER]`` arguments -> ``{name: header or None}``.

    ``UserError`` (one clear line) for a name that is not lower-case letters, digits
    and ``_``, a built-in field's name, an empty header or a name given twice.
    """
    out: dict[str, str | None] = {}
    for item in items or []:
        name, sep, header = item.partition("=")
        name, header = name.strip(), header.strip()
        if sep and not header:
            raise UserError(f"--field {item!r}: the header after = is empty "
                            '(use --field NAME or --field NAME="Column header")')
        try:
            check_custom_name(name)
        except ValueError as err:
            raise UserError(f"--field {item!r}: {err}") from None
        if name in out:
            raise UserError(f"--field names {name!r} twice")
        out[name] = header or None
    return out


def _check_custom_columns(headers: list[str], custom: Mapping[str, str | None]) -> None:
    """Each custom field has a column in the file (else a command-line error naming it)."""
    present = {normalise_header(h) for h in headers if h.strip()}
    shown = ", ".join(repr(h) for h in headers if h.strip())
    for name, header in custom.items():
        if normalise_header(header or name) not in present:
            what = f"no column {header!r}" if header else f"no column matching {name!r}"
            hint = "" if header else f' (name one with --field {name}="Column header")'
            raise UserError(f"--field {name}: the file has {what}{hint}; its columns: {shown}")


def _convert(cells: list[Cell], parse: Callable[[Cell], Any]) -> tuple[list[Any], dict[Cell, str]]:
    """Parse a column once per distinct cell (registers repeat dates, needs, teams...).

    Returns the parsed values (``None`` where the cell is bad) and, for each bad
    distinct cell, the reason.
    """
    good: dict[Cell, Any] = {}
    bad: dict[Cell, str] = {}
    for raw in set(cells):
        try:
            good[raw] = parse(raw)
        except ValueError as err:
            bad[raw] = str(err)
    return list(map(good.get, cells)), bad


def _optional(parse: Callable[[Cell], Any]) -> Callable[[Cell], Any]:
    """``parse`` for a cell that may be blank (blank gives ``None``)."""
    def convert(raw: Cell) -> Any:
        return None if is_blank(raw) else parse(raw)
    return convert


def _issue_date(raw: Cell) -> dt.date:
    if is_blank(raw):
        raise ValueError("issue_date is blank (required)")
    return parse_date(raw)


def _text(raw: Cell) -> str | None:
    value = cell_text(raw)
    if len(value) > TEXT_MAX:
        raise ValueError(f"longer than {TEXT_MAX} characters")
    return value or None


def _shown_text(raw: Cell) -> str:
    """How an over-long text cell is quoted in its problem (the first 40 characters)."""
    return cell_text(raw)[:40] + "…"


#: field -> (parser of one cell, how a bad cell is quoted) for the per-cell fields
_PARSERS: dict[str, tuple[Callable[[Cell], Any], Callable[[Cell], object]]] = {
    "issue_date": (_issue_date, cell_text),
    "request_date": (_optional(parse_date), cell_text),
    "plan_type": (parse_plan_type, cell_text),
    "year_group": (_optional(parse_year_group), cell_text),
    "primary_need": (_optional(parse_primary_need), cell_text),
    "direct_payments": (_optional(parse_bool), cell_text),
    "exception": (_optional(parse_bool), cell_text),
    **dict.fromkeys(_TEXT_FIELDS, (_text, _shown_text)),
}
_DEFAULTS: dict[str, object] = {"plan_type": "new"}


def parse_register(table: Table, mapping: Mapping[str, str] | None = None,
                   custom: Mapping[str, str | None] | None = None) -> ParsedRegister:
    """Validate every row of a plan register table.

    Works column by column: each distinct cell of a column is parsed once, and
    rows are only visited one by one where a column has a bad cell, a plan_ref
    repeats or a request date must be compared with its issue date.
    """
    with gc_paused():
        return _parse_register(table, mapping, dict(custom or {}))


def _parse_register(table: Table, mapping: Mapping[str, str] | None,
                    custom: dict[str, str | None]) -> ParsedRegister:
    for name in custom:
        try:
            check_custom_name(name)
        except ValueError as err:
            raise UserError(f"--field {name}: {err}") from None
    _check_custom_columns(table.headers, custom)
    fields_wanted: dict[str, list[str]] = {**PLAN_FIELDS, **{name: [] for name in custom}}
    mapping = {**(mapping or {}),
               **{name: header for name, header in custom.items() if header}}
    match: HeaderMatch = match_headers(
        table.headers, fields_wanted, mapping, required=REQUIRED_FIELDS,
        header_row=table.header_row,
    )
    col = match.column_of
    header_of = match.header_of(table.headers)
    numbers = table.row_numbers
    count = len(table.rows)
    # (data row position, file column, problem): sorted at the end so that each
    # row's problems come together, in column order, as the rows come in the file
    found: list[tuple[int, int, RowProblem]] = []

    def report(n: int, field_name: str, reason: str, shown: object) -> None:
        found.append((n, col[field_name],
                      RowProblem(numbers[n], header_of[field_name], cell_text(shown), reason)))

    def cells_of(field_name: str) -> list[Cell]:
        index = col[field_name]
        return [cells[index] for cells in table.rows]

    values: dict[str, list[Any]] = {}
    if "plan_ref" in col:
        values["plan_ref"] = _plan_refs(cells_of("plan_ref"), numbers, report)
    else:
        values["plan_ref"] = [None] * count
    parsers = {**_PARSERS, **dict.fromkeys(custom, (_text, _shown_text))}
    for field_name, (parse, shown_as) in parsers.items():
        if field_name not in col:
            values[field_name] = [_DEFAULTS.get(field_name)] * count
            continue
        cells = cells_of(field_name)
        values[field_name], bad = _convert(cells, parse)
        if bad:
            for n, raw in enumerate(cells):
                reason = bad.get(raw)
                if reason is not None:
                    report(n, field_name, reason, shown_as(raw))
    if "request_date" in col and "issue_date" in col:
        index = col["request_date"]
        pairs = zip(values["request_date"], values["issue_date"], strict=True)
        for n, (request, issue) in enumerate(pairs):
            if request is not None and issue is not None and request > issue:
                report(n, "request_date",
                       f"request_date is after issue_date ({issue.isoformat()})",
                       table.rows[n][index])
    years = values["year_group"]
    phase_of = {year: phase_for_year_group(year) for year in set(years)}
    values["phase"] = list(map(phase_of.__getitem__, years))
    values["row"] = numbers

    problems: list[RowProblem] = list(match.problems)
    if "plan_ref" not in col or "issue_date" not in col:
        keep: list[int] | None = []  # a required column is missing (reported on row 1)
    elif found:
        bad_rows = {n for n, _, _ in found}
        keep = [n for n in range(count) if n not in bad_rows]
    else:
        keep = None  # every row is valid
    found.sort(key=lambda item: (item[0], item[1]))
    problems += [problem for _, _, problem in found]
    columns = {
        name: list(values[name]) if keep is None else [values[name][n] for n in keep]
        for name in PLAN_ROW_FIELDS
    }
    return ParsedRegister(
        problems=problems,
        columns=columns,
        custom={name: values[name] if keep is None else [values[name][n] for n in keep]
                for name in custom},
        ignored_columns=list(match.unknown),
        header_of=header_of,
        rows_read=count,
    )


_Report = Callable[[int, str, str, object], None]


def _plan_refs(cells: list[Cell], numbers: list[int], report: _Report) -> list[str | None]:
    """Checked plan references (``None`` where bad); a repeat after the first is bad."""
    refs: list[str | None] = []
    for n, raw in enumerate(cells):
        text = raw.strip() if isinstance(raw, str) else cell_text(raw)
        if 0 < len(text) <= PLAN_REF_MAX and text.isprintable():
            refs.append(text)
            continue
        try:
            refs.append(check_plan_ref(text))
        except ValueError as err:
            report(n, "plan_ref", str(err), raw)
            refs.append(None)
    known = {plan_ref_key(ref) for ref in refs if ref is not None}
    if len(known) != sum(ref is not None for ref in refs):
        first_of: dict[str, int] = {}
        for n, ref in enumerate(refs):
            if ref is None:
                continue
            first = first_of.setdefault(plan_ref_key(ref), n)
            if first != n:
                report(n, "plan_ref", f"plan_ref repeated (first on row {numbers[first]})",
                       cells[n])
    return refs
