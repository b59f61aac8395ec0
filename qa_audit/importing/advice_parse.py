"""Parsing and validating an advice requests/returns file (pure: no database, no Qt).

One row per request; key ``plan_ref + service + requested_date``.  Whether each
``plan_ref`` is in the register needs the database: the caller passes the known
refs to :func:`problems_for_unknown_plans`.

Choices where the contract is silent (the same as the register's where they
apply): every repeat of a key after its first occurrence is reported, naming
the first row; unknown extra columns are ignored and listed in
``ParsedAdvice.ignored_columns``; ``received_date`` on the same day as
``requested_date`` is fine, earlier is a bad cell (reported on received_date);
``rows`` holds only rows without problems.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from qa_audit.domain.plan_ref import plan_ref_key
from qa_audit.errors import RowProblem
from qa_audit.importing.register_parse import PLAN_REF_SYNONYMS, check_plan_ref
from qa_audit.importing.tabular import (
    CellProblems,
    Table,
    cell_text,
    is_blank,
    match_headers,
)
from qa_audit.importing.values import parse_date, parse_service

__all__ = ["ADVICE_FIELDS", "AdviceRow", "ParsedAdvice", "parse_advice",
           "problems_for_unknown_plans"]

#: field -> header synonyms (the field name itself always matches too)
ADVICE_FIELDS: dict[str, list[str]] = {
    "plan_ref": list(PLAN_REF_SYNONYMS),
    "service": ["Service", "Advice Service", "Advice Type", "Advice From", "Agency"],
    "requested_date": ["Date Requested", "Requested", "Request Date", "Requested Date",
                       "Advice Requested", "Date Advice Requested"],
    "received_date": ["Date Received", "Received", "Returned", "Date Returned",
                      "Received Date", "Returned Date", "Advice Received",
                      "Date Advice Received", "Advice Returned"],
}
REQUIRED_FIELDS: tuple[str, ...] = ("plan_ref", "service", "requested_date")


@dataclass(frozen=True, slots=True)
class AdviceRow:
    """One valid advice row; ``received_date`` None = not returned yet."""

    plan_ref: str
    service: str
    requested_date: dt.date
    received_date: dt.date | None
    row: int
    #: the file's header of the plan_ref column, for messages about this row
    plan_ref_header: str = field(default="plan_ref", compare=False, repr=False)

    @property
    def key(self) -> tuple[str, str, dt.date]:
        return (self.plan_ref, self.service, self.requested_date)


@dataclass
class ParsedAdvice:
    """Result of :func:`parse_advice`; import only when ``problems`` is empty."""

    rows: list[AdviceRow]
    problems: list[RowProblem]
    ignored_columns: list[str] = field(default_factory=list)
    header_of: dict[str, str] = field(default_factory=dict)  # field -> header in file
    rows_read: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems


def parse_advice(table: Table, mapping: Mapping[str, str] | None = None) -> ParsedAdvice:
    """Validate every row of an advice table."""
    match = match_headers(table.headers, ADVICE_FIELDS, mapping, required=REQUIRED_FIELDS,
                          header_row=table.header_row)
    col = match.column_of
    header_of = match.header_of(table.headers)
    problems: list[RowProblem] = list(match.problems)
    rows: list[AdviceRow] = []
    i_ref = col.get("plan_ref")
    i_service = col.get("service")
    i_requested = col.get("requested_date")
    i_received = col.get("received_date")
    ref_header = header_of.get("plan_ref", "plan_ref")
    first_row_of: dict[tuple[str, str, dt.date], int] = {}

    for n, cells in enumerate(table.rows):
        row_no = table.row_numbers[n]
        bad = CellProblems(row_no)

        plan_ref: str | None = None
        if i_ref is not None:
            raw = cells[i_ref]
            try:
                plan_ref = check_plan_ref(cell_text(raw))
            except ValueError as err:
                bad.add(i_ref, ref_header, raw, str(err))

        service: str | None = None
        if i_service is not None:
            raw = cells[i_service]
            if is_blank(raw):
                bad.add(i_service, header_of["service"], raw, "service is blank (required)")
            else:
                try:
                    service = parse_service(raw)
                except ValueError as err:
                    bad.add(i_service, header_of["service"], raw, str(err))

        requested: dt.date | None = None
        if i_requested is not None:
            raw = cells[i_requested]
            if is_blank(raw):
                bad.add(i_requested, header_of["requested_date"], raw,
                        "requested_date is blank (required)")
            else:
                try:
                    requested = parse_date(raw)
                except ValueError as err:
                    bad.add(i_requested, header_of["requested_date"], raw, str(err))

        received: dt.date | None = None
        if i_received is not None and not is_blank(raw := cells[i_received]):
            try:
                received = parse_date(raw)
            except ValueError as err:
                bad.add(i_received, header_of["received_date"], raw, str(err))
            else:
                if requested is not None and received < requested:
                    bad.add(i_received, header_of["received_date"], raw,
                            f"received_date is before requested_date ({requested.isoformat()})")

        if plan_ref is not None and service is not None and requested is not None:
            key = (plan_ref_key(plan_ref), service, requested)
            first = first_row_of.get(key)
            if first is None:
                first_row_of[key] = row_no
            else:
                bad.add(i_ref if i_ref is not None else -1, ref_header, plan_ref,
                        f"same plan_ref, service and requested_date as row {first}")

        if bad:
            problems.extend(bad.problems())
            continue
        if plan_ref is None or service is None or requested is None:
            continue  # a required column is missing (reported on row 1)
        rows.append(AdviceRow(plan_ref, service, requested, received, row_no, ref_header))

    return ParsedAdvice(rows=rows, problems=problems, ignored_columns=list(match.unknown),
                        header_of=header_of, rows_read=len(table.rows))


def problems_for_unknown_plans(
    rows: Iterable[AdviceRow], known_refs: set[str] | frozenset[str],
) -> list[RowProblem]:
    """One problem per row whose plan_ref is not in ``known_refs`` (the register's refs,
    compared by :func:`plan_ref_key`)."""
    keys = {plan_ref_key(ref) for ref in known_refs}
    return [
        RowProblem(r.row, r.plan_ref_header, r.plan_ref, "plan_ref is not in the plan register")
        for r in rows
        if plan_ref_key(r.plan_ref) not in keys
    ]
