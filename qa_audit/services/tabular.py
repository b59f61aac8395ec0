"""Reading import files (CSV or XLSX) into a plain table, and matching headers.

Pure: no database, no Qt.  The import parsers (``register_parse``,
``advice_parse``, ``audits_parse``) work on the :class:`Table` returned by
:func:`read_table`.

Choices where the contract is silent:

* CSV is read with the standard ``csv`` module (not pandas): every cell stays a
  string exactly as written, and a quoted cell spanning several lines still
  counts as one spreadsheet row, as Excel shows it.
* The format is decided from the file's content, not its extension: a ZIP is
  read as an XLSX workbook; an old ``.xls`` (OLE2), an HTML or XML "spreadsheet"
  and any binary file are refused with a message saying what to do.
* CSV text: UTF-16 when it starts with a UTF-16 byte-order mark (Excel's
  "Unicode text"), else UTF-8 with or without BOM, else Windows-1252.
  Delimiter: comma, semicolon or tab, whichever occurs most often (outside
  quotes) in the header line; comma on a tie.  An Excel ``sep=;`` first line
  sets the delimiter and is not counted as a row (Excel hides it too).
* The header row is the first row that is not blank (normally row 1); rows
  keep their true spreadsheet numbers, and completely blank rows (empty or
  whitespace-only cells) are skipped.
* XLSX: the first worksheet (or ``sheet``, by index or name); formulas give
  their cached values.  Date cells become ``datetime.date`` (a date-time cell
  with a time of day other than midnight stays a ``datetime.datetime``); every
  other value becomes a string: whole numbers without ``.0``, booleans as
  ``TRUE``/``FALSE``, times in ISO form, empty cells as ``""``.
* Columns whose header is blank and which hold no data are dropped.  A column
  with data but no header keeps header ``""``; :func:`match_headers` reports it
  as unknown under the label ``column D (no header)``.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import re
import warnings
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from qa_audit.errors import RowProblem, UserError
from qa_audit.services.gc_pause import gc_paused

__all__ = [
    "CellProblems",
    "HeaderMatch",
    "Table",
    "cell_text",
    "column_letter",
    "gc_paused",
    "is_blank",
    "match_headers",
    "normalise_header",
    "parse_map_args",
    "read_table",
]

Cell = str | dt.date

_DELIMITERS = (",", ";", "\t")
_SNIFF_BYTES = 65536
_SEP_LINE = re.compile(r"sep=([,;\t|])\r?\n", re.IGNORECASE)


@dataclass
class Table:
    """A sheet as read from a file: headers and data rows (blank rows removed).

    ``rows[i]`` has exactly ``len(headers)`` cells, each a ``str`` (as written in
    the file, not stripped) or, from XLSX date cells, a ``datetime.date``.
    ``row_numbers[i]`` is the spreadsheet row of ``rows[i]`` (header = row 1
    when the file starts with it).
    """

    headers: list[str]
    rows: list[list[Cell]]
    row_numbers: list[int]
    source: str = ""
    header_row: int = 1
    format: str = "csv"  # "csv" or "xlsx"
    encoding: str | None = None  # CSV only
    delimiter: str | None = None  # CSV only

    def row_number(self, i: int) -> int:
        """The spreadsheet row number of data row ``i`` (0-based)."""
        return self.row_numbers[i]

    def __len__(self) -> int:
        return len(self.rows)

    def header_label(self, index: int) -> str:
        """The header of column ``index`` for messages (``column D (no header)`` if blank)."""
        header = self.headers[index].strip()
        return header or f"column {column_letter(index)} (no header)"


def column_letter(index: int) -> str:
    """Spreadsheet column letter of a 0-based column index (0 -> A, 26 -> AA)."""
    letters = ""
    number = index + 1
    while number:
        number, remainder = divmod(number - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


# ----------------------------------------------------------------------- reading


def read_table(path: str | os.PathLike[str], sheet: int | str = 0) -> Table:
    """Read a CSV or XLSX file (first sheet unless ``sheet`` says otherwise).

    Raises ``UserError`` (one line naming the file) when the file is missing,
    unreadable, empty or not a spreadsheet.
    """
    with gc_paused():
        return _read_table(path, sheet)


def _read_table(path: str | os.PathLike[str], sheet: int | str) -> Table:
    file = Path(path)
    name = str(path)
    if not file.exists():
        raise UserError(f"File not found: {name}")
    if file.is_dir():
        raise UserError(f"{name} is a folder, not a CSV or XLSX file")
    try:
        data = file.read_bytes()
    except PermissionError:
        raise UserError(
            f"Cannot read {name}: permission denied (is it open in another program?)"
        ) from None
    except OSError as err:
        raise UserError(f"Cannot read {name}: {err.strerror or err}") from None
    if not data.strip():
        raise UserError(f"{name} is empty")

    if data.startswith(b"PK\x03\x04"):
        table = _build_table(_xlsx_rows(data, name, sheet), name)
        table.format = "xlsx"
        return table
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise UserError(
            f"{name} is an old Excel 97-2003 (.xls) or password-protected workbook; "
            "save it as .xlsx (without a password) or CSV and try again"
        )
    text, encoding = _decode(data, name)
    _refuse_markup(text, name)
    hint = _SEP_LINE.match(text)
    if hint:  # Excel's "sep=;" first line: Excel hides it, so the header is still row 1
        delimiter, text = hint[1], text[hint.end():]
    else:
        delimiter = _sniff_delimiter(text)
    table = _build_table(_csv_rows(text, delimiter, name), name, text_only=True)
    table.format, table.encoding, table.delimiter = "csv", encoding, delimiter
    return table


def _decode(data: bytes, name: str) -> tuple[str, str]:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            raise UserError(f"{name} is not readable text (damaged UTF-16)") from None
    if b"\x00" in data[:_SNIFF_BYTES]:
        raise UserError(f"{name} is not a CSV or XLSX file (it holds binary data)")
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]  # a UTF-8 BOM on Windows-1252 text: not part of the first header
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        raise UserError(
            f"{name} is not UTF-8 or Windows-1252 text; save it as CSV UTF-8 or XLSX"
        ) from None


def _refuse_markup(text: str, name: str) -> None:
    start = text.lstrip()[:200].lower()
    if start.startswith("<") and ("<html" in start or "<table" in start or "<?xml" in start
                                  or "<!doctype" in start):
        raise UserError(
            f"{name} is a web page or XML file, not CSV or XLSX; "
            "open it in Excel and save it as .xlsx"
        )


def _sniff_delimiter(text: str) -> str:
    """The most frequent of , ; TAB outside quotes in the first non-blank line."""
    counts = dict.fromkeys(_DELIMITERS, 0)
    in_quotes = False
    seen_content = False
    for char in text[:_SNIFF_BYTES]:
        if char == '"':
            in_quotes = not in_quotes
        elif in_quotes:
            continue
        elif char in "\r\n":
            if seen_content:
                break
        elif char in counts:
            counts[char] += 1
            seen_content = True
        elif not char.isspace():
            seen_content = True
    best = max(_DELIMITERS, key=lambda d: counts[d])  # ties: the first, i.e. comma
    return best if counts[best] else ","


def _csv_rows(text: str, delimiter: str, name: str) -> list[list[Cell]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False)
    try:
        return list(reader)
    except csv.Error as err:
        raise UserError(
            f"{name} is not a readable CSV file (line {reader.line_num}: {err})"
        ) from None


def _xlsx_rows(data: bytes, name: str, sheet: int | str) -> list[list[Cell]]:
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        with warnings.catch_warnings():
            # openpyxl warns about workbook features it drops (data validation
            # extensions, missing default styles...); none matter for reading values.
            warnings.simplefilter("ignore")
            workbook = openpyxl.load_workbook(
                io.BytesIO(data), read_only=True, data_only=True, keep_links=False
            )
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, OSError,
            TypeError, AttributeError):
        raise UserError(f"{name} is not an Excel workbook (.xlsx) that can be read") from None
    try:
        worksheets = workbook.worksheets
        if isinstance(sheet, int):
            if not 0 <= sheet < len(worksheets):
                raise UserError(f"{name} has no sheet number {sheet + 1}")
            worksheet = worksheets[sheet]
        else:
            matches = [ws for ws in worksheets if ws.title == sheet]
            if not matches:
                raise UserError(f"{name} has no sheet named {sheet!r}")
            worksheet = matches[0]
        if hasattr(worksheet, "reset_dimensions"):
            # Some exporters write a wrong <dimension>; read what is really there.
            worksheet.reset_dimensions()
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                return [[_excel_cell(v) for v in row]
                        for row in worksheet.iter_rows(values_only=True)]
        except (zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError) as err:
            raise UserError(f"{name}: the workbook is damaged and cannot be read ({err})") from None
    finally:
        workbook.close()


def _excel_cell(value: object) -> Cell:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0, 0) and value.tzinfo is None:
            return value.date()
        return value  # a date-time; parse_date takes its date part
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e16:
            return str(int(value))
        return repr(value)
    if isinstance(value, dt.time):
        return value.isoformat()
    return str(value)


def cell_text(cell: object) -> str:
    """A cell as stripped text (a date cell in ISO form)."""
    if isinstance(cell, str):
        return cell.strip()
    if isinstance(cell, dt.date):
        return cell.isoformat()
    return "" if cell is None else str(cell).strip()


def is_blank(cell: object) -> bool:
    """True for an empty or whitespace-only text cell (a date cell is never blank)."""
    return cell is None or (isinstance(cell, str) and not cell.strip())


class CellProblems:
    """The problems found on one data row, kept in column order."""

    __slots__ = ("_items", "row")

    def __init__(self, row: int) -> None:
        self.row = row
        self._items: list[tuple[int, RowProblem]] = []

    def add(self, index: int, column: str, raw: object, reason: str) -> None:
        """Record a bad cell: ``index`` orders the problems, ``column`` names the header."""
        self._items.append((index, RowProblem(self.row, column, cell_text(raw), reason)))

    def __bool__(self) -> bool:
        return bool(self._items)

    def problems(self) -> list[RowProblem]:
        return [p for _, p in sorted(self._items, key=lambda item: item[0])]


def _blank_row(row: list[Cell]) -> bool:
    return all(is_blank(c) for c in row)


def _blank_text_row(row: list[str]) -> bool:
    """:func:`_blank_row` for rows of text only (CSV), stopping at the first filled cell."""
    return not any(map(str.strip, row))


def _build_table(raw_rows: list[list[Cell]], name: str, *, text_only: bool = False) -> Table:
    """Headers and numbered non-blank rows, all as wide as the table.

    ``text_only``: every cell is a ``str`` (CSV), which allows a faster blank test.
    Rows already of the table's width are kept as they are (not copied).
    """
    blank = _blank_text_row if text_only else _blank_row
    header_index = next((i for i, row in enumerate(raw_rows) if not blank(row)), None)
    if header_index is None:
        raise UserError(f"{name} is empty")
    header_cells = raw_rows[header_index]

    data: list[list[Cell]] = []
    numbers: list[int] = []
    width = len(header_cells)
    for i in range(header_index + 1, len(raw_rows)):
        row = raw_rows[i]
        if blank(row):
            continue
        if len(row) > width:  # trailing blank cells do not widen the table
            end = len(row)
            while end and is_blank(row[end - 1]):
                end -= 1
            width = max(width, end)
        data.append(row)
        numbers.append(i + 1)

    headers = [_header_text(c) for c in header_cells]
    headers += [""] * (width - len(headers))
    # drop columns with neither a header nor data (Excel's formatted-but-empty columns)
    keep = [
        j for j in range(width)
        if headers[j].strip() or any(j < len(row) and not is_blank(row[j]) for row in data)
    ]
    if len(keep) != width:
        headers = [headers[j] for j in keep]
        rows = [[row[j] if j < len(row) else "" for j in keep] for row in data]
    else:
        rows = [row if len(row) == width else _fit(row, width) for row in data]
    return Table(headers=headers, rows=rows, row_numbers=numbers, source=name,
                 header_row=header_index + 1)


def _fit(row: list[Cell], width: int) -> list[Cell]:
    """``row`` padded with ``""`` or cut to ``width`` cells."""
    if len(row) < width:
        return [*row, *[""] * (width - len(row))]
    return row[:width]


def _header_text(cell: Cell) -> str:
    if isinstance(cell, dt.date):
        return cell.isoformat()
    return cell.strip()


# ---------------------------------------------------------------------- headers

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
