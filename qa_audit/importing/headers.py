"""Matching an import file's headers to fields: synonyms, ``--map FIELD=HEADER``,
case and spacing ignored (CONTRACT.md "Imports: rules common to all").

Pure: no database, no Qt. Split from ``tabular`` (reading files), which re-exports
these names for the parsers.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from qa_audit.errors import RowProblem, UserError

__all__ = ["HeaderMatch", "column_letter", "match_headers", "normalise_header", "parse_map_args"]


def column_letter(index: int) -> str:
    """Spreadsheet column letter of a 0-based column index (0 -> A, 26 -> AA)."""
    letters = ""
    number = index + 1
    while number:
        number, remainder = divmod(number - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


_HEADER_NOISE = re.compile(r"[\s_\-]+")


def normalise_header(header: str) -> str:
    """Lowercase, stripped, without spaces, ``_`` or ``-`` (``Date-Issued`` -> ``dateissued``)."""
    return _HEADER_NOISE.sub("", str(header).lower())


@dataclass
class HeaderMatch:
    """Which file column holds each field.

    ``column_of``: field -> 0-based column index.  ``unknown``: labels of the
    columns that match no field (``unknown_columns``: their indexes).
    ``missing_required``: required fields with no column.  ``problems``: header
    conflicts (a header matching two fields, two headers for one field) and
    missing required fields, as ``RowProblem`` on row 1 (for a missing field the
    column is the field name).
    """

    column_of: dict[str, int] = field(default_factory=dict)
    unknown: list[str] = field(default_factory=list)
    unknown_columns: list[int] = field(default_factory=list)
    missing_required: list[str] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    header_row: int = 1

    def header_of(self, headers: Sequence[str]) -> dict[str, str]:
        """field -> the header as written in the file (for messages)."""
        return {f: _label(headers, i) for f, i in self.column_of.items()}


def _label(headers: Sequence[str], index: int) -> str:
    header = headers[index].strip()
    return header or f"column {column_letter(index)} (no header)"


def parse_map_args(items: Iterable[str] | Mapping[str, str] | None) -> dict[str, str]:
    """``["FIELD=HEADER", ...]`` from the command line -> ``{field: header}``."""
    if items is None:
        return {}
    if isinstance(items, Mapping):
        return {str(k).strip(): str(v).strip() for k, v in items.items()}
    mapping: dict[str, str] = {}
    for item in items:
        field_name, sep, header = item.partition("=")
        field_name, header = field_name.strip(), header.strip()
        if not sep or not field_name or not header:
            raise UserError(f"--map {item!r}: expected FIELD=HEADER, e.g. plan_ref=\"Child ID\"")
        if field_name in mapping:
            raise UserError(f"--map names field {field_name!r} twice")
        mapping[field_name] = header
    return mapping


def match_headers(
    headers: Sequence[str],
    fields: Mapping[str, Sequence[str]],
    mapping: Mapping[str, str] | None = None,
    *,
    required: Iterable[str] = (),
    field_names_match: bool = True,
    header_row: int = 1,
    map_hint: bool = True,
) -> HeaderMatch:
    """Match file headers to fields.

    ``fields``: field -> synonyms.  Headers match a synonym (or, with
    ``field_names_match``, the field's own name) after :func:`normalise_header`.
    ``mapping`` (``--map FIELD=HEADER``) assigns a header to a field outright: the
    header is found as written, else after normalising, and is then taken out of
    synonym matching.  A mapping naming an unknown field or a header not in the
    file raises ``UserError`` (a command-line mistake, not a file problem).
    ``map_hint``: whether messages suggest ``--map`` (False where there is none).
    """
    result = HeaderMatch(header_row=header_row)
    mapping = dict(mapping or {})
    claimed: dict[int, str] = {}

    for field_name, wanted in mapping.items():
        if field_name not in fields:
            raise UserError(
                f"--map {field_name}={wanted}: unknown field {field_name!r} "
                f"(fields: {', '.join(fields)})"
            )
        index = _find_mapped(headers, wanted, field_name)
        if index in claimed:
            raise UserError(
                f"--map gives column {wanted!r} to both {claimed[index]} and {field_name}"
            )
        claimed[index] = field_name
        result.column_of[field_name] = index

    lookup: dict[str, list[str]] = {}
    for field_name, synonyms in fields.items():
        if field_name in mapping:
            continue
        names = [field_name, *synonyms] if field_names_match else list(synonyms)
        for name in names:
            key = normalise_header(name)
            owners = lookup.setdefault(key, [])
            if field_name not in owners:
                owners.append(field_name)

    found: dict[str, list[int]] = {}
    for index, header in enumerate(headers):
        if index in claimed:
            continue
        label = _label(headers, index)
        owners = lookup.get(normalise_header(header), []) if header.strip() else []
        if not owners:
            result.unknown.append(label)
            result.unknown_columns.append(index)
        elif len(owners) > 1:
            hint = f"; use --map FIELD={header.strip()} to choose" if map_hint else ""
            result.problems.append(RowProblem(
                header_row, label, "",
                f"header matches more than one field ({', '.join(owners)}){hint}",
            ))
        else:
            found.setdefault(owners[0], []).append(index)

    for field_name, indexes in found.items():
        if len(indexes) == 1:
            result.column_of[field_name] = indexes[0]
            continue
        labels = [_label(headers, i) for i in indexes]
        for index in indexes:
            result.problems.append(RowProblem(
                header_row, _label(headers, index), "",
                f"more than one column is for {field_name} ({', '.join(labels)})",
            ))

    taken_by_conflict = {f for f, idx in found.items() if len(idx) > 1}
    for field_name in required:
        if field_name not in result.column_of and field_name not in taken_by_conflict:
            result.missing_required.append(field_name)
            synonyms = [s for s in fields.get(field_name, ()) if s]
            hint = f" (e.g. {', '.join(repr(s) for s in synonyms[:3])})" if synonyms else ""
            if map_hint:
                hint += f"; use --map {field_name}=HEADER to name the file's column"
            result.problems.append(RowProblem(
                header_row, field_name, "", f"required column missing{hint}",
            ))
    return result


def _find_mapped(headers: Sequence[str], wanted: str, field_name: str) -> int:
    exact = [i for i, h in enumerate(headers) if h.strip() == wanted.strip()]
    if len(exact) == 1:
        return exact[0]
    if len(exact) > 1:
        raise UserError(
            f"--map {field_name}={wanted}: the file has more than one column {wanted!r}"
        )
    key = normalise_header(wanted)
    loose = [i for i, h in enumerate(headers) if h.strip() and normalise_header(h) == key]
    if len(loose) == 1:
        return loose[0]
    if len(loose) > 1:
        raise UserError(f"--map {field_name}={wanted}: more than one column matches {wanted!r}")
    shown = ", ".join(repr(h) for h in headers if h.strip())
    raise UserError(f"--map {field_name}={wanted}: the file has no column {wanted!r} "
                    f"(its columns: {shown})")
