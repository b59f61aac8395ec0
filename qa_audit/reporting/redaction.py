"""Masking personal data in free text before it is quoted in a report.

Evidence notes and excerpts are written by panel members and can hold a child's
name, date of birth, NHS number, school pupil number (UPN), an address or a
parent's phone number. :func:`redact` replaces each with a mask:

=============  ==========================================================
``[email]``    ``someone@example.org``
``[UPN]``      a letter and 12 digits (``A123456789012``)
``[date]``     ``03/10/2026``, ``3-10-26``, ``2026-10-03``, ``3 October 2026``,
               ``3rd of Oct 2026``, ``October 3, 2026``
``[NHS no.]``  10 digits, together or spaced 3-3-4 (``943 476 5919``)
``[phone]``    UK numbers: ``+44 7700 900123``, ``07700 900123``,
               ``(0161) 496 0000``, ``020 7946 0018``
``[postcode]`` UK postcodes, any case, with or without the space
``[name]``     every name in the list given (whole words, any case)
=============  ==========================================================

Masking is deliberately greedy (a 10-digit reference number is masked as an NHS
number): quoting too little is a nuisance, quoting a child's details is a breach.
The result is stable: ``redact(redact(t, n), n) == redact(t, n)``.

The names list is kept in the database (``services.redaction_terms.for_reports``).
The old per-user file ``<data folder>/redaction-names.txt`` (one name a line, ``#``
starts a comment: :func:`load_redaction_names`) is only read to import it once.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from qa_audit import paths

__all__ = [
    "MASKS",
    "NAMES_FILE",
    "load_redaction_names",
    "redact",
    "redact_names",
    "redaction_names_path",
]

NAMES_FILE = "redaction-names.txt"

MASKS = {
    "email": "[email]",
    "upn": "[UPN]",
    "date": "[date]",
    "nhs": "[NHS no.]",
    "phone": "[phone]",
    "postcode": "[postcode]",
    "name": "[name]",
}

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"

# Order matters: e-mail addresses and UPNs first (they contain digit runs), then
# dates (so their digits are not taken for phone numbers), then phone numbers (they
# start 0 or +44, and "+44 161 496 0000" ends like a spaced NHS number), then NHS
# numbers, postcodes and finally the listed names.
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("email", re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+", re.IGNORECASE)),
    ("upn", re.compile(r"\b[A-Z]\d{12}\b", re.IGNORECASE)),
    ("date", re.compile(
        r"\b(?:\d{4}-\d{1,2}-\d{1,2}"  # ISO
        r"|\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})"  # day first, 2- or 4-digit year
        rf"|{_DAY}(?:\s+of)?[\s-]+{_MONTH}[\s,-]+\d{{4}}"  # 3 October 2026, 3-Oct-2026
        rf"|{_MONTH}\s+{_DAY},?\s+\d{{4}})\b",  # October 3, 2026
        re.IGNORECASE,
    )),
    ("phone", re.compile(
        r"(?:(?<![\w+])\+44\s?(?:\(0\)\s?)?|(?<![\w(])\(?0)"
        r"\d{1,4}\)?(?:[\s-]?\d){6,9}(?!\d)"
    )),
    ("nhs", re.compile(r"(?<![\d+])\d{3}([ -]?)\d{3}\1\d{4}(?!\d)")),
    ("postcode", re.compile(
        r"\b(?:GIR ?0AA|[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]?\s?"
        r"(?-i:(?!\d(?:st|nd|rd|th)\b))\d[ABD-HJLNP-UW-Z]{2})\b",
        re.IGNORECASE,
    )),
)


@lru_cache(maxsize=32)
def _names_pattern(names: tuple[str, ...]) -> re.Pattern[str] | None:
    words = sorted({n.strip() for n in names if n and n.strip()}, key=lambda n: (-len(n), n))
    if not words:
        return None
    alternatives = "|".join(r"\s+".join(re.escape(part) for part in w.split()) for w in words)
    # whole words only, and never inside a mask such as "[date]"
    return re.compile(rf"(?<![\w\[])(?:{alternatives})(?![\w\]])", re.IGNORECASE)


def redact_names(text: str, names: Iterable[str]) -> str:
    """``text`` with every listed name (whole word, any case) replaced by ``[name]``."""
    pattern = _names_pattern(tuple(names))
    return text if pattern is None else pattern.sub(MASKS["name"], text)


def redact(text: str | None, names: Iterable[str] = ()) -> str:
    """``text`` with dates, NHS numbers, UPNs, e-mails, phones, postcodes and names masked.

    ``None`` gives ``""``. See the module documentation for the masks.
    """
    if not text:
        return ""
    out = str(text)
    for kind, pattern in _PATTERNS:
        out = pattern.sub(MASKS[kind], out)
    return redact_names(out, names)


def redaction_names_path() -> Path:
    """Where this user's list of names to redact lives (it may not exist yet)."""
    return paths.data_dir() / NAMES_FILE


def load_redaction_names(path: Path | None = None) -> list[str]:
    """Names from the user's list (default :func:`redaction_names_path`); [] if there is none.

    One name a line; anything after ``#`` is a comment; blank lines are ignored.
    A file that cannot be decoded as UTF-8 is read as Windows-1252 (Notepad).
    """
    path = path or redaction_names_path()
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return []
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
    names: list[str] = []
    for line in text.splitlines():
        name = line.split("#", 1)[0].strip()
        if name and name not in names:
            names.append(name)
    return names
