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

import contextlib
import csv
import datetime as dt
import itertools
import os
import re
import warnings
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import cast

from qa_audit.errors import RowProblem, UserError
from qa_audit.gc_pause import gc_paused
from qa_audit.importing.headers import (
    HeaderMatch,
    column_letter,
    match_headers,
    normalise_header,
    parse_map_args,
)
from qa_audit.importing.import_limits import (
    ImportLimits,
    check_xlsx_archive,
    foreign_encoding,
    is_utf8,
)

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
    limits = ImportLimits.from_env()
    if not file.exists():
        raise UserError(f"File not found: {name}")
    if file.is_dir():
        raise UserError(f"{name} is a folder, not a CSV or XLSX file")
    try:
        limits.check_size(name, file.stat().st_size)
        with file.open("rb") as fh:
            head = fh.read(_SNIFF_BYTES)
    except PermissionError:
        raise UserError(
            f"Cannot read {name}: permission denied (is it open in another program?)"
        ) from None
    except OSError as err:
        raise UserError(f"Cannot read {name}: {err.strerror or err}") from None
    if not head.strip():
        raise UserError(f"{name} is empty")

    if head.startswith(b"PK\x03\x04"):
        check_xlsx_archive(file, name, limits)
        table = _build_table(_xlsx_rows(file, name, sheet, limits), name)
        table.format = "xlsx"
        return table
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise UserError(
            f"{name} is an old Excel 97-2003 (.xls) or password-protected workbook; "
            "save it as .xlsx (without a password) or CSV and try again"
        )
    encoding, skip = _encoding(file, head, name)
    try:
        with file.open("r", encoding=encoding, newline="") as stream:
            if skip:
                stream.read(skip)  # the UTF-8 BOM on Windows-1252 text: not part of a header
            start = stream.read(_SNIFF_BYTES)
            _refuse_markup(start, name)
            hint = _SEP_LINE.match(start)
            if hint:  # Excel's "sep=;" first line: Excel hides it, so the header is row 1
                delimiter, start = hint[1], start[hint.end():]
            else:
                delimiter = _sniff_delimiter(start)
            raw = _csv_rows(itertools.chain([start], iter(lambda: stream.read(_SNIFF_BYTES),
                                                                "")),
                            delimiter, name, limits)
    except UnicodeDecodeError:
        if encoding == "cp1252":
            raise UserError(f"{name} is not UTF-8 or Windows-1252 text; save it as CSV "
                            "UTF-8 or XLSX") from None
        raise UserError(f"{name} is not readable text (damaged {encoding})") from None
    except OSError as err:
        raise UserError(f"Cannot read {name}: {err.strerror or err}") from None
    table = _build_table(raw, name, text_only=True)
    table.format, table.delimiter = "csv", delimiter
    table.encoding = "utf-8" if encoding == "utf-8-sig" else encoding
    return table


def _encoding(file: Path, head: bytes, name: str) -> tuple[str, int]:
    """(codec, characters to skip) for a CSV: UTF-16 by its BOM, UTF-8 when the whole
    file is valid UTF-8 (checked in chunks), else Windows-1252 unless the bytes are
    evidently another 8-bit encoding, which is refused by name."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16", 0
    if b"\x00" in head:
        raise UserError(f"{name} is not a CSV or XLSX file (it holds binary data)")
    if is_utf8(file):
        return "utf-8-sig", 0
    other = foreign_encoding(head)
    if other is not None:
        raise UserError(
            f"{name} looks like {other} text, not UTF-8 or Windows-1252; save it as "
            "CSV UTF-8 (Excel: File > Save As > CSV UTF-8) or XLSX and try again"
        )
    # a UTF-8 BOM on Windows-1252 text: its three bytes read as three characters to skip
    return "cp1252", 3 if head.startswith(b"\xef\xbb\xbf") else 0


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


def _csv_rows(chunks: Iterable[str], delimiter: str, name: str,
              limits: ImportLimits) -> list[list[Cell]]:
    """Rows parsed as the text streams in, stopping at the row and cell limits."""
    lines = _lines(chunks)
    reader = csv.reader(lines, delimiter=delimiter, strict=False)
    rows: list[list[Cell]] = []
    previous = csv.field_size_limit(limits.max_cell_chars)
    try:
        for row in reader:
            # a csv row is a list[str], and str is a Cell (a list is invariant for mypy)
            rows.append(row)  # type: ignore[arg-type]
            if len(rows) > limits.max_rows + 1:  # + the header
                raise limits.too_many_rows(name)
    except csv.Error as err:
        if "field larger than field limit" in str(err):
            raise limits.cell_too_long(name, reader.line_num) from None
        raise UserError(
            f"{name} is not a readable CSV file (line {reader.line_num}: {err})"
        ) from None
    except _LineTooLong:
        raise limits.cell_too_long(name, reader.line_num + 1) from None
    finally:
        csv.field_size_limit(previous)
    return rows


class _LineTooLong(Exception):
    """A line of text longer than the reader will hold (see ``_lines``)."""


_LINE_END = re.compile(r"\r\n|\r|\n")


def _lines(chunks: Iterable[str], limit: int = 8 * 1024 * 1024) -> Iterator[str]:
    """Lines (ends kept; CR, LF or CRLF as the csv module expects) from text chunks;
    a line longer than ``limit`` characters stops the read, so a one-line 200 MB
    file is never held whole. Each chunk is scanned once (no quadratic re-scans)."""
    held: list[str] = []
    size = 0
    for chunk in chunks:
        if "\n" not in chunk and "\r" not in chunk:
            held.append(chunk)
            size += len(chunk)
            if size > limit:
                raise _LineTooLong
            continue
        text = "".join(held) + chunk if held else chunk
        start = 0
        for match in _LINE_END.finditer(text, max(0, len(text) - len(chunk) - 1)):
            if match.end() == len(text) and match.group() == "\r":
                break  # perhaps the first half of a CRLF split between chunks
            yield text[start:match.end()]
            start = match.end()
        rest = text[start:]
        held, size = ([rest], len(rest)) if rest else ([], 0)
        if size > limit:
            raise _LineTooLong
    if held:
        yield "".join(held)


def _xlsx_rows(file: Path, name: str, sheet: int | str,
               limits: ImportLimits) -> list[list[Cell]]:
    # deferred: openpyxl is heavy, loaded only when a workbook is read
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    handle = None
    try:
        with warnings.catch_warnings():
            # openpyxl warns about workbook features it drops (data validation
            # extensions, missing default styles...); none matter for reading values.
            warnings.simplefilter("ignore")
            # a file object, not the path: openpyxl judges a path by its extension
            handle = file.open("rb")
            workbook = openpyxl.load_workbook(
                handle, read_only=True, data_only=True, keep_links=False
            )
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, OSError,
            TypeError, AttributeError, SyntaxError):  # ElementTree's ParseError is one
        _close_quietly(handle)
        raise UserError(f"{name} is not an Excel workbook (.xlsx) that can be read") from None
    except MemoryError:
        _close_quietly(handle)
        raise UserError(f"{name}: not enough memory to open the workbook") from None
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
                return _bounded_sheet(worksheet.iter_rows(values_only=True), name, limits)
        except (zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError,
                SyntaxError) as err:  # SyntaxError: ElementTree's ParseError (garbled XML)
            raise UserError(f"{name}: the workbook is damaged and cannot be read "
                            f"({type(err).__name__}: {str(err)[:120]})") from None
        except MemoryError:
            raise UserError(f"{name}: not enough memory to read the workbook") from None
    finally:
        workbook.close()
        _close_quietly(handle)


def _close_quietly(handle: object) -> None:
    close = getattr(handle, "close", None)
    if close is not None:
        with contextlib.suppress(OSError):
            close()


def _bounded_sheet(rows: Iterable[tuple[object, ...]], name: str,
                   limits: ImportLimits) -> list[list[Cell]]:
    out: list[list[Cell]] = []
    for values in rows:
        row = [_excel_cell(v) for v in values]
        if any(isinstance(c, str) and len(c) > limits.max_cell_chars for c in row):
            raise limits.cell_too_long(name, len(out) + 1)
        out.append(row)
        if len(out) > limits.max_rows + 1:
            raise limits.too_many_rows(name)
    return out


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


_BlankTest = Callable[[list[Cell]], bool]


def _build_table(raw_rows: list[list[Cell]], name: str, *, text_only: bool = False) -> Table:
    """Headers and numbered non-blank rows, all as wide as the table.

    ``text_only``: every cell is a ``str`` (CSV), which allows a faster blank test.
    Rows already of the table's width are kept as they are (not copied).
    """
    # text_only promises every cell is a str, which _blank_text_row needs
    blank = cast(_BlankTest, _blank_text_row) if text_only else _blank_row
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
