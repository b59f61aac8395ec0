"""Parsing a keyed import file field by field (pure: no database, no Qt).

The annual reviews and feedback imports (CONTRACT.md v2) share one shape: named
fields found by header (synonyms, ``--map``), each cell parsed by its field's
parser, then checks across a row's fields, then a key that must not repeat within
the file. :func:`parse_keyed` does that once and reports every bad cell as
``row R, column C: reason``; the caller writes nothing unless ``problems`` is empty.

Choices where the contract is silent (as the advice import makes them): a key
repeated in the file is reported on every occurrence after the first, naming the
first row, on the plan_ref column; unknown extra columns are ignored and listed in
``ignored_columns``; a missing required column is reported on row 1 and every row
is still checked, so one run reports everything.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from qa_audit.domain.plan_ref import plan_ref_key
from qa_audit.errors import RowProblem
from qa_audit.importing.register_parse import PLAN_REF_SYNONYMS, check_plan_ref
from qa_audit.importing.tabular import CellProblems, Table, cell_text, is_blank, match_headers

__all__ = ["FieldSpec", "ParsedRows", "RowCheck", "parse_keyed", "plan_ref_field"]

#: (field, reason) pairs for one row's values of the fields the file has a column for
#: (each reported on that field's column)
RowCheck = Callable[[Mapping[str, Any]], list[tuple[str, str]]]


@dataclass(frozen=True)
class FieldSpec:
    """How one field is read: header synonyms, the parser of a non-blank cell (raises
    ``ValueError`` with the reason), whether it is required, its value when blank."""

    synonyms: Sequence[str] = ()
    parse: Callable[[Any], Any] = cell_text
    required: bool = False
    default: Any = None


def plan_ref_field() -> FieldSpec:
    """The plan reference, with the register's header synonyms."""
    return FieldSpec(tuple(PLAN_REF_SYNONYMS), check_plan_ref_cell, required=True)


def check_plan_ref_cell(raw: Any) -> str:
    return check_plan_ref(cell_text(raw))


@dataclass
class ParsedRows:
    """Valid rows (field -> value, plus ``row``: the spreadsheet row) and the problems."""

    rows: list[dict[str, Any]]
    problems: list[RowProblem]
    ignored_columns: list[str] = field(default_factory=list)
    header_of: dict[str, str] = field(default_factory=dict)
    rows_read: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems


def parse_keyed(table: Table, specs: Mapping[str, FieldSpec], key: Sequence[str],
                mapping: Mapping[str, str] | None = None, check: RowCheck | None = None,
                ) -> ParsedRows:
    """Validate every row of ``table`` against ``specs``; ``key``: the fields whose values
    identify a row (``plan_ref`` compared case-insensitively)."""
    required = tuple(name for name, spec in specs.items() if spec.required)
    match = match_headers(table.headers, {n: list(s.synonyms) for n, s in specs.items()},
                          mapping, required=required, header_row=table.header_row)
    col = match.column_of
    header_of = match.header_of(table.headers)
    problems: list[RowProblem] = list(match.problems)
    rows: list[dict[str, Any]] = []
    first_row_of: dict[tuple[Any, ...], int] = {}
    key_names = ", ".join(key[:-1]) + f" and {key[-1]}" if len(key) > 1 else key[0]

    for n, cells in enumerate(table.rows):
        row_no = table.row_numbers[n]
        bad = CellProblems(row_no)
        values: dict[str, Any] = {}
        for name, spec in specs.items():
            index = col.get(name)
            raw = cells[index] if index is not None else ""
            if is_blank(raw):
                if spec.required and index is not None:
                    bad.add(index, header_of[name], raw, f"{name} is blank (required)")
                values[name] = spec.default
                continue
            try:
                values[name] = spec.parse(raw)
            except ValueError as err:
                bad.add(index if index is not None else -1, header_of.get(name, name), raw,
                        str(err))
                values[name] = None
        if check is not None:  # on the fields the file has (the rest are checked on merge)
            for name, reason in check({k: v for k, v in values.items() if k in col}):
                index = col.get(name, -1)
                bad.add(index, header_of.get(name, name),
                        cells[index] if index >= 0 else "", reason)
        if all(values.get(k) is not None for k in key):
            ident = tuple(plan_ref_key(values[k]) if k == "plan_ref" else values[k] for k in key)
            first = first_row_of.setdefault(ident, row_no)
            if first != row_no:
                index = col.get("plan_ref", -1)
                bad.add(index, header_of.get("plan_ref", "plan_ref"), values["plan_ref"],
                        f"same {key_names} as row {first}")
        if bad:
            problems.extend(bad.problems())
            continue
        if any(name not in col for name in required):
            continue  # a required column is missing (reported on row 1)
        values["row"] = row_no
        rows.append(values)
    return ParsedRows(rows, problems, list(match.unknown), header_of, len(table.rows))


def problems_for_unknown_plans(rows: Sequence[Mapping[str, Any]], known: set[str],
                               header: str) -> list[RowProblem]:
    """One problem per row whose plan_ref is not among ``known`` (plan_ref_key values)."""
    return [RowProblem(r["row"], header, r["plan_ref"], "plan_ref is not in the plan register")
            for r in rows if plan_ref_key(r["plan_ref"]) not in known]
