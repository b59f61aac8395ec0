"""A council's own plan fields (``plans import --field NAME``), kept beside the built-ins.

Stored per plan as a JSON object name -> text. The names follow one rule
everywhere (import, ``applies_when``, stratification, report breakdowns):
lower-case letters, digits and ``_``, at least one letter, and never the name of
a built-in register field.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping

__all__ = ["BUILTIN_FIELDS", "CUSTOM_NAME_MAX", "check_custom_name", "decode_custom",
           "encode_custom", "fields_a_reimport_replaces", "is_custom_name", "merge_custom",
           "with_custom"]

#: Fields of the plan register (and the derived ``phase``): a custom field may not reuse one.
BUILTIN_FIELDS: frozenset[str] = frozenset({
    "plan_ref", "issue_date", "request_date", "plan_type", "year_group", "phase",
    "primary_need", "setting", "setting_type", "team", "caseworker", "direct_payments",
    "exception",
})
CUSTOM_NAME_MAX = 64


def fields_a_reimport_replaces(found: frozenset[str] | set[str]) -> frozenset[str]:
    """The stored register fields a re-import of a plan replaces: those with a column.

    ``found``: the fields the file has a column for. A column the file lacks says
    nothing about the plan, so its stored value is kept (a partial file, e.g. plan_ref,
    issue_date and exception, must not wipe teams or turn amended plans back into
    ``new``); a blank cell in a column the file has clears the value. ``issue_date``
    is required, and ``phase`` follows ``year_group``. The same reading as custom
    fields (kept unless named). CONTRACT.md is silent; docs/contract-readings.md.
    """
    kept = {"issue_date", *found}
    if "year_group" in kept:
        kept.add("phase")
    return frozenset(kept & BUILTIN_FIELDS)
_NAME = re.compile(r"[a-z0-9_]+")


def is_custom_name(name: str) -> bool:
    """Whether ``name`` may name a custom plan field (syntax and no clash)."""
    return (bool(_NAME.fullmatch(name)) and any(c.isalpha() for c in name)
            and len(name) <= CUSTOM_NAME_MAX and name not in BUILTIN_FIELDS)


def check_custom_name(name: str) -> str:
    """``name`` if it may name a custom field, else ``ValueError`` saying why."""
    if name in BUILTIN_FIELDS:
        raise ValueError(f"{name!r} is a built-in plan field; choose another name "
                         "for the custom field")
    if not _NAME.fullmatch(name) or not any(c.isalpha() for c in name):
        raise ValueError(f"{name!r} is not a field name: use lower-case letters, digits "
                         "and _ (e.g. looked_after)")
    if len(name) > CUSTOM_NAME_MAX:
        raise ValueError(f"{name!r} is longer than {CUSTOM_NAME_MAX} characters")
    return name


def decode_custom(text: str | None) -> dict[str, str]:
    """The stored JSON as a dict (empty for NULL or anything that is not an object)."""
    if not text:
        return {}
    try:
        data = json.loads(text)
    except ValueError:
        return {}
    if not isinstance(data, dict):
        return {}
    return {str(k): str(v) for k, v in data.items() if v is not None}


def encode_custom(values: Mapping[str, str]) -> str | None:
    """The JSON stored for ``values`` (keys sorted, so equal dicts store equal text)."""
    if not values:
        return None
    return json.dumps(dict(sorted(values.items())), ensure_ascii=False, separators=(",", ":"))


def merge_custom(old: Mapping[str, str], new: Mapping[str, str | None]) -> dict[str, str]:
    """``old`` with the fields of this import replaced (a blank value removes the field)."""
    merged = dict(old)
    for name, value in new.items():
        if value is None:
            merged.pop(name, None)
        else:
            merged[name] = value
    return merged


def with_custom(facts: Mapping[str, object], custom_json: str | None) -> dict[str, object]:
    """Condition facts: ``facts`` (built-in fields) with the stored custom fields beside them."""
    return {**decode_custom(custom_json), **facts}
