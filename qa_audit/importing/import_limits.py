"""Bounds on import files, so a hostile or broken file costs little and says why.

A 200 MB one-line CSV, an XLSX "zip bomb" that unpacks to gigabytes, a Shift-JIS
file read as Windows-1252: each is refused early with one sentence naming the
limit or the encoding, instead of exhausting memory or importing mojibake.

Limits are configurable per machine through environment variables (documented in
docs/cli.md): ``QA_AUDIT_IMPORT_MAX_FILE_MB`` (default 100),
``QA_AUDIT_IMPORT_MAX_ROWS`` (250,000), ``QA_AUDIT_IMPORT_MAX_CELL_CHARS``
(32,767, Excel's own cell limit) and ``QA_AUDIT_IMPORT_MAX_UNZIPPED_MB`` (400, the
unpacked size of an XLSX). At most :data:`MAX_LISTED_PROBLEMS` bad rows are listed.
"""

from __future__ import annotations

import codecs
import os
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from qa_audit.errors import UserError

__all__ = [
    "MAX_LISTED_PROBLEMS",
    "ImportLimits",
    "check_xlsx_archive",
    "foreign_encoding",
    "is_utf8",
]

MAX_LISTED_PROBLEMS = 100
_CHUNK = 1 << 20
_MB = 1024 * 1024


@dataclass(frozen=True)
class ImportLimits:
    max_file_mb: float = 100
    max_rows: int = 250_000
    max_cell_chars: int = 32_767
    max_unzipped_mb: float = 400

    @classmethod
    def from_env(cls) -> ImportLimits:
        base = cls()
        return cls(
            max_file_mb=_env_number("QA_AUDIT_IMPORT_MAX_FILE_MB", base.max_file_mb),
            max_rows=int(_env_number("QA_AUDIT_IMPORT_MAX_ROWS", base.max_rows)),
            max_cell_chars=int(_env_number("QA_AUDIT_IMPORT_MAX_CELL_CHARS",
                                           base.max_cell_chars)),
            max_unzipped_mb=_env_number("QA_AUDIT_IMPORT_MAX_UNZIPPED_MB", base.max_unzipped_mb),
        )

    def check_size(self, name: str, size: int) -> None:
        if size > self.max_file_mb * _MB:
            raise UserError(
                f"{name} is {size / _MB:,.1f} MB: larger than the import limit of "
                f"{self.max_file_mb:g} MB (QA_AUDIT_IMPORT_MAX_FILE_MB). Split the file, "
                "or raise the limit if the file is genuine"
            )

    def too_many_rows(self, name: str) -> UserError:
        return UserError(
            f"{name} has more than {self.max_rows:,} rows, the import limit "
            "(QA_AUDIT_IMPORT_MAX_ROWS). Split the file, or raise the limit if it is genuine"
        )

    def cell_too_long(self, name: str, row: int | None) -> UserError:
        where = f" (row {row})" if row else ""
        return UserError(
            f"{name}: a cell is longer than {self.max_cell_chars:,} characters{where}, the "
            "import limit (QA_AUDIT_IMPORT_MAX_CELL_CHARS); is this really a CSV file?"
        )


def _env_number(name: str, default: float) -> float:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        raise UserError(f"{name}={raw!r} is not a number") from None
    if value <= 0:
        raise UserError(f"{name}={raw!r} must be more than 0")
    return value


def check_xlsx_archive(path: Path, name: str, limits: ImportLimits) -> None:
    """Refuse a workbook whose parts unpack to more than the limit (a zip bomb)
    before any XML is parsed; the sizes come from the archive's directory, and
    openpyxl's reader stops if a part inflates beyond its declared size."""
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise UserError(f"{name} is not an Excel workbook (.xlsx) that can be read") from None
    total = sum(max(0, i.file_size) for i in infos)
    if total > limits.max_unzipped_mb * _MB:
        packed = sum(i.compress_size for i in infos)
        raise UserError(
            f"{name} unpacks to {total / _MB:,.1f} MB from {packed / _MB:,.1f} MB, more than "
            f"the import limit of {limits.max_unzipped_mb:g} MB "
            "(QA_AUDIT_IMPORT_MAX_UNZIPPED_MB); a real register or audits workbook is far "
            "smaller, so the file was not opened"
        )


def is_utf8(path: Path, skip: int = 0) -> bool:
    """Whether the whole file is valid UTF-8, read in chunks (nothing held in memory)."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    with path.open("rb") as fh:
        fh.seek(skip)
        while chunk := fh.read(_CHUNK):
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError:
                return False
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return False
    return True


# Double-byte encodings (CJK) are recognised by a strict decode whose non-ASCII
# characters are nearly all of the script: Western Windows-1252 text (café, £5, ’)
# almost never decodes strictly that way, because an accented letter is followed by
# a space or punctuation, which is not a valid second byte. Single-byte encodings
# (Cyrillic, Greek) decode anything, so they are judged only when the non-ASCII bytes
# come mostly in runs of 4 or more (whole words), which accented Latin text lacks.
_HIGH_RUN = re.compile(rb"[\x80-\xff]{4,}")
_HIGH = re.compile(rb"[\x80-\xff]")
_CJK = ((0x3000, 0x30FF), (0x4E00, 0x9FFF), (0xFF00, 0xFFEF))
#: (codec, label, the code point ranges its script uses)
_Script = tuple[str, str, tuple[tuple[int, int], ...]]
_DOUBLE_BYTE: tuple[_Script, ...] = (
    ("cp932", "Shift-JIS (Japanese)", _CJK),
    ("euc_jp", "EUC-JP (Japanese)", _CJK),
    ("big5", "Big5 (Chinese)", _CJK),
    ("gb18030", "GBK/GB18030 (Chinese)", _CJK),
    ("euc_kr", "EUC-KR (Korean)", ((0xAC00, 0xD7AF), (0x3000, 0x303F))),
)
_SINGLE_BYTE: tuple[_Script, ...] = (
    ("cp1251", "Windows-1251 (Cyrillic)", ((0x0400, 0x04FF),)),
    ("cp1253", "Windows-1253 (Greek)", ((0x0370, 0x03FF),)),
)


def _script_share(sample: bytes, codec: str, ranges: tuple[tuple[int, int], ...]) -> float:
    try:
        text = sample.decode(codec)
    except UnicodeDecodeError:
        return 0.0
    wide = [c for c in text if ord(c) > 0x7F]
    if len(wide) < 4:
        return 0.0
    return sum(any(lo <= ord(c) <= hi for lo, hi in ranges) for c in wide) / len(wide)


def foreign_encoding(sample: bytes) -> str | None:
    """The name of the 8-bit encoding ``sample`` is evidently in, when that is not
    Windows-1252 (None: Windows-1252 is plausible, and stays the reading)."""
    high = len(_HIGH.findall(sample))
    if high < 8:
        return None
    for codec, label, ranges in _DOUBLE_BYTE:
        if _script_share(sample, codec, ranges) >= 0.9:
            return label
    in_runs = sum(len(m) for m in _HIGH_RUN.findall(sample))
    if in_runs < 0.5 * high:
        return None
    for codec, label, ranges in _SINGLE_BYTE:
        if _script_share(sample, codec, ranges) >= 0.8:
            return label
    return None
