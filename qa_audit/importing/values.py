"""Parsers for the values found in import files (pure: no database, no Qt).

Every ``parse_*`` function takes one cell value (normally a ``str``; an Excel
date cell arrives as ``datetime.date``) and returns the parsed value, or raises
``ValueError`` whose message is a short reason fit to show after
``row R, column C:``.  Blank values are the caller's business: apart from
:func:`parse_plan_type` (blank means ``new``) every parser rejects a blank.

Choices where the contract is silent:

* Dates: ISO ``2026-10-03`` (also ``2026/10/03``), UK day-first ``03/10/2026``,
  ``3/10/2026``, ``03-10-2026``, ``03.10.2026`` and month names (``3 Oct 2026``,
  ``03-Oct-2026``, ``3 October 2026``).  A trailing time of day (``2026-10-03
  00:00:00``, ``03/10/2026 09:30``) is ignored, as case systems often export
  dates that way.  Two-digit years (``03/10/26``) are **rejected**: the century
  and (for ``yy/mm/dd`` exports) the order are ambiguous, so the user is asked
  for a four-digit year.  Bare numbers (Excel serials that lost their date
  format) are rejected.  Years outside 1900-2100 are rejected.
* Year groups also accept ``Y7``, ``Yr 7``, ``Year 7``, ``Year R``, ``YR``,
  ``Nursery 1``/``Nursery 2`` and whole-number decimals such as ``7.0``.
* Primary needs also accept the DfE descriptions (``Autistic Spectrum
  Disorder``), ``ASC``/``Autism`` for ASD, and ``CODE - description``.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from functools import lru_cache

__all__ = [
    "PHASES",
    "PLAN_TYPES",
    "PRIMARY_NEEDS",
    "SERVICES",
    "neutralise_formula",
    "parse_bool",
    "parse_date",
    "parse_int",
    "parse_plan_type",
    "parse_primary_need",
    "parse_service",
    "parse_year_group",
    "phase_for_year_group",
]

MIN_YEAR = 1900
MAX_YEAR = 2100
YEAR_GROUP_MIN = -2
YEAR_GROUP_MAX = 14

PRIMARY_NEEDS: tuple[str, ...] = (
    "SpLD", "MLD", "SLD", "PMLD", "SEMH", "SLCN", "HI", "VI", "MSI", "PD", "ASD", "OTH",
)
PLAN_TYPES: tuple[str, ...] = ("new", "amended", "review")
SERVICES: tuple[str, ...] = (
    "education", "ep", "paediatrics", "salt", "ot", "physio", "camhs",
    "health_visiting", "school_nursing", "social_care", "other_health",
)
PHASES: tuple[str, ...] = ("early_years", "primary", "secondary", "post16")


def _as_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    return str(value).strip()


# --------------------------------------------------------------------------- dates

_MONTHS: dict[str, int] = {}
for _number in range(1, 13):
    _MONTHS[calendar.month_name[_number].lower()] = _number
    _MONTHS[calendar.month_abbr[_number].lower()] = _number
_MONTHS["sept"] = 9

_TIME_SUFFIX = (
    r"(?:[T ]+\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:\s*[AaPp][Mm])?(?:Z|[+-]\d{2}:?\d{2})?)?"
)
_ISO = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})" + _TIME_SUFFIX)
_DMY = re.compile(r"(\d{1,2})([-/.])(\d{1,2})\2(\d{4})" + _TIME_SUFFIX)
_DMY_SHORT = re.compile(r"\d{1,2}([-/.])\d{1,2}\1\d{2}" + _TIME_SUFFIX)
_D_MON_Y = re.compile(
    r"(\d{1,2})(?:st|nd|rd|th)?[-/ .]+([A-Za-z]+)\.?[-/ .,]+(\d{2}|\d{4})" + _TIME_SUFFIX
)
_NUMBER = re.compile(r"[+-]?\d+(?:\.\d+)?")


def _make_date(year: int, month: int, day: int) -> dt.date:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ValueError(f"year {year} is out of range ({MIN_YEAR}-{MAX_YEAR})")
    if not 1 <= month <= 12:
        raise ValueError(f"there is no month {month} (dates are day-first: DD/MM/YYYY)")
    last = calendar.monthrange(year, month)[1]
    if day < 1:
        raise ValueError("not a real date: there is no day 0")
    if day > last:
        raise ValueError(
            f"not a real date: {calendar.month_name[month]} {year} has {last} days"
        )
    return dt.date(year, month, day)


@lru_cache(maxsize=16384)
def _parse_date_text(text: str) -> dt.date:
    match = _ISO.fullmatch(text)
    if match:
        return _make_date(int(match[1]), int(match[2]), int(match[3]))
    match = _DMY.fullmatch(text)
    if match:
        return _make_date(int(match[4]), int(match[3]), int(match[1]))
    match = _D_MON_Y.fullmatch(text)
    if match:
        month = _MONTHS.get(match[2].lower())
        if month is None:
            raise ValueError(f"unknown month name {match[2]!r}")
        if len(match[3]) == 2:
            raise ValueError("two-digit year is ambiguous; use a four-digit year")
        return _make_date(int(match[3]), month, int(match[1]))
    if _DMY_SHORT.fullmatch(text):
        raise ValueError("two-digit year is ambiguous; use a four-digit year (DD/MM/YYYY)")
    if _NUMBER.fullmatch(text):
        raise ValueError("a number, not a date (format the cell as a date or use DD/MM/YYYY)")
    raise ValueError("not a date (use DD/MM/YYYY or YYYY-MM-DD)")


def parse_date(value: object) -> dt.date:
    """A date from an Excel date cell, ISO text or UK day-first text."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, bool | int | float):
        raise ValueError("a number, not a date (format the cell as a date or use DD/MM/YYYY)")
    text = _as_text(value)
    if not text:
        raise ValueError("blank")
    return _parse_date_text(text)


# ----------------------------------------------------------------------- integers


def parse_int(value: object) -> int:
    """A whole number; ``7``, ``7.0`` and ``+7`` are accepted, ``7.5`` is not."""
    if isinstance(value, bool):
        raise ValueError("not a whole number")
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if value.is_integer():
            return int(value)
        raise ValueError("not a whole number")
    text = _as_text(value)
    if not text:
        raise ValueError("blank")
    return _parse_int_text(text)


@lru_cache(maxsize=1024)
def _parse_int_text(text: str) -> int:
    if not _NUMBER.fullmatch(text):
        raise ValueError("not a whole number")
    number = float(text)
    if not number.is_integer():
        raise ValueError("not a whole number")
    return int(number)


# -------------------------------------------------------------------- year groups

_YEAR_GROUP_WORDS = {
    "n1": -2, "nursery1": -2,
    "n2": -1, "nursery2": -1,
    "r": 0, "reception": 0, "yr": 0, "yearr": 0, "yearreception": 0, "rec": 0,
}
_YEAR_PREFIX = re.compile(r"(?:year|yr|y|ncy)\s*([+-]?\d+(?:\.0+)?)")
_YEAR_GROUP_REASON = "year group must be N1, N2, R or a whole number from -2 to 14"


@lru_cache(maxsize=256)
def _parse_year_group_text(text: str) -> int:
    key = text.lower()
    squeezed = re.sub(r"[\s_\-]+", "", key)
    if squeezed in _YEAR_GROUP_WORDS:
        return _YEAR_GROUP_WORDS[squeezed]
    match = _YEAR_PREFIX.fullmatch(key)
    number_text = match[1] if match else text
    try:
        number = _parse_int_text(number_text)
    except ValueError:
        raise ValueError(_YEAR_GROUP_REASON) from None
    if not YEAR_GROUP_MIN <= number <= YEAR_GROUP_MAX:
        raise ValueError(_YEAR_GROUP_REASON)
    return number


def parse_year_group(value: object) -> int:
    """National curriculum year: N1 = -2, N2 = -1, R = 0, else -2 to 14."""
    if isinstance(value, bool):
        raise ValueError(_YEAR_GROUP_REASON)
    if isinstance(value, int | float):
        value = str(value)
    text = _as_text(value)
    if not text:
        raise ValueError("blank")
    return _parse_year_group_text(text)


def phase_for_year_group(year_group: int | None) -> str | None:
    """``early_years`` (N1-R), ``primary`` (1-6), ``secondary`` (7-11), ``post16`` (12+)."""
    if year_group is None:
        return None
    if year_group <= 0:
        return "early_years"
    if year_group <= 6:
        return "primary"
    if year_group <= 11:
        return "secondary"
    return "post16"


# ------------------------------------------------------------------------ yes / no

_TRUE = frozenset({"yes", "y", "true", "t", "1"})
_FALSE = frozenset({"no", "n", "false", "f", "0"})


def parse_bool(value: object) -> bool:
    """yes/no, y/n, true/false, 1/0 (any case)."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    key = _as_text(value).lower()
    if key in _TRUE:
        return True
    if key in _FALSE:
        return False
    if not key:
        raise ValueError("blank")
    raise ValueError("must be yes or no")


# ------------------------------------------------------------------- coded values


def _squeeze(text: str) -> str:
    """Lowercase letters and digits only; ``&`` counts as ``and``."""
    return re.sub(r"[^a-z0-9]", "", text.lower().replace("&", "and"))


def _need_key(text: str) -> str:
    key = _squeeze(text)
    for plural, singular in (("difficulties", "difficulty"), ("needs", "need"),
                             ("disabilities", "disability"), ("impairments", "impairment")):
        key = key.replace(plural, singular)
    return key


_NEED_SYNONYMS: dict[str, tuple[str, ...]] = {
    "SpLD": ("specific learning difficulty",),
    "MLD": ("moderate learning difficulty",),
    "SLD": ("severe learning difficulty",),
    "PMLD": ("profound and multiple learning difficulty",
             "profound multiple learning difficulty"),
    "SEMH": ("social emotional and mental health", "social emotional mental health",
             "social emotional and mental health difficulty"),
    "SLCN": ("speech language and communication need", "speech language and communication",
             "speech language communication need"),
    "HI": ("hearing impairment",),
    "VI": ("visual impairment", "vision impairment"),
    "MSI": ("multi-sensory impairment", "multisensory impairment"),
    "PD": ("physical disability",),
    "ASD": ("asc", "autism", "autistic spectrum disorder", "autism spectrum disorder",
            "autistic spectrum condition", "autism spectrum condition"),
    "OTH": ("other", "other difficulty/disability", "other difficulty or disability",
            "other difficulty and disability"),
}
_NEEDS: dict[str, str] = {}
for _code, _names in _NEED_SYNONYMS.items():
    _NEEDS[_need_key(_code)] = _code
    for _name in _names:
        _NEEDS[_need_key(_name)] = _code
_NEED_REASON = "unknown primary need (use a DfE code: " + " ".join(PRIMARY_NEEDS) + ")"


@lru_cache(maxsize=256)
def _parse_need_text(text: str) -> str:
    code = _NEEDS.get(_need_key(text))
    if code is not None:
        return code
    # "ASD - Autistic Spectrum Disorder", "SEMH: social, emotional ..."
    for separator in (" - ", ":", "(", " – "):
        head = text.split(separator, 1)[0].strip()
        if head and head != text:
            code = _NEEDS.get(_need_key(head))
            if code is not None:
                return code
    raise ValueError(_NEED_REASON)


def parse_primary_need(value: object) -> str:
    """A DfE primary need code, returned in the DfE spelling (``SpLD``, ``SEMH``...)."""
    text = _as_text(value)
    if not text:
        raise ValueError("blank")
    return _parse_need_text(text)


_PLAN_TYPE_SYNONYMS: dict[str, tuple[str, ...]] = {
    "new": ("new", "new plan", "new ehcp", "initial", "initial plan", "first"),
    "amended": ("amended", "amended plan", "amendment", "amend", "amended ehcp",
                "annual review amendment", "phase transfer", "phase transfer amendment"),
    "review": ("review", "reviewed", "annual review", "review plan"),
}
#: Case systems' own wording, tried in this order when no synonym matches: an
#: "Annual review amendment" is an amended plan, so "amend" is looked for first.
_PLAN_TYPE_WORDS: tuple[tuple[str, str], ...] = (
    ("amend", "amended"), ("transfer", "amended"), ("review", "review"),
    ("new", "new"), ("initial", "new"), ("first", "new"),
)
_PLAN_TYPES = {_squeeze(name): key for key, names in _PLAN_TYPE_SYNONYMS.items()
               for name in names}


def parse_plan_type(value: object) -> str:
    """``new``, ``amended`` or ``review``; blank means ``new``."""
    text = _as_text(value)
    if not text:
        return "new"
    found = _PLAN_TYPES.get(_squeeze(text))
    if found is None:
        lowered = text.lower()
        found = next((key for word, key in _PLAN_TYPE_WORDS if word in lowered), None)
    if found is None:
        raise ValueError("plan type must be new, amended or review")
    return found


_SERVICE_SYNONYMS: dict[str, tuple[str, ...]] = {
    "education": ("education", "education advice", "educational advice", "educational"),
    "ep": ("ep", "eps", "ed psych", "educational psychology", "educational psychologist",
           "educational psychology service", "education psychology"),
    "paediatrics": ("paediatrics", "paediatric", "paediatrician", "community paediatrics",
                    "community paediatrician", "community paediatric", "pediatrics",
                    "pediatrician", "community pediatrics", "paeds"),
    "salt": ("salt", "slt", "speech and language therapy", "speech and language",
             "speech language therapy", "speech and language therapist", "speech therapy",
             "speech and language therapy service"),
    "ot": ("ot", "occupational therapy", "occupational therapist",
           "occupational therapy service"),
    "physio": ("physio", "physiotherapy", "physiotherapist", "physiotherapy service"),
    "camhs": ("camhs", "child and adolescent mental health service",
              "child and adolescent mental health services", "cypmhs"),
    "health_visiting": ("health visiting", "health visitor", "health visitors", "hv"),
    "school_nursing": ("school nursing", "school nurse", "school nurses",
                       "school nursing service"),
    "social_care": ("social care", "childrens social care", "children's social care", "csc",
                    "social work", "social worker", "social care advice"),
    "other_health": ("other health", "health other", "other health advice",
                     "other health professional"),
}
_SERVICES = {_squeeze(name): key for key, names in _SERVICE_SYNONYMS.items()
             for name in (key, *names)}
_SERVICE_REASON = "unknown service (use one of: " + ", ".join(SERVICES) + ")"


def parse_service(value: object) -> str:
    """One of :data:`SERVICES`, from its id or an everyday name (``Speech and Language``)."""
    text = _as_text(value)
    if not text:
        raise ValueError("blank")
    found = _SERVICES.get(_squeeze(text))
    if found is None:
        raise ValueError(_SERVICE_REASON)
    return found


# ------------------------------------------------------------------------- export

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formula(text: object) -> object:
    """Make a text cell safe from spreadsheet formula injection.

    A string starting with ``= + - @``, a tab or a carriage return gets a leading
    apostrophe so Excel/LibreOffice show it as text instead of evaluating it.
    Anything that is not a string (numbers, dates, None) is returned unchanged,
    so write numbers as numbers, not as text.
    """
    if isinstance(text, str) and text.startswith(_FORMULA_STARTS):
        return "'" + text
    return text
