"""The walker behind the rubric loader: problems located by YAML line, values checked.

Shared by ``loader`` (format 1) and ``format2`` (target schedules, indicators,
reason codes) so each part of the format is validated by the same small tools.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import yaml

Path_ = tuple[str | int, ...]

_ID = re.compile(r"^[A-Za-z][A-Za-z0-9_]{0,63}$")
_HINTS = {"version": "the version is assigned when the rubric is imported; remove this key"}
# Size limits keep a hostile file (or a YAML alias bomb) from costing much.
_MAX_LIST = {
    "sources": 100,
    "agencies": 50,
    "themes": 500,
    "sections": 100,
    "questions": 200,
    "bands": 100,
    "options": 26,
    "suggested_themes": 50,
    "tags": 20,
}


def _show(path: Path_) -> str:
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out or "(top level)"


def _kind(value: object) -> str:
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"{str(value).lower()} (YAML reads unquoted yes/no/on/off as true/false)"
    if isinstance(value, Mapping):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return f"text {value[:40]!r}"
    return f"{type(value).__name__} {value!r}"[:60]


class _Marks:
    """Line of every key path in the YAML node tree, plus duplicate-key problems."""

    def __init__(self) -> None:
        self.lines: dict[Path_, int] = {}
        self.duplicates: list[tuple[int, str]] = []
        self._seen: set[int] = set()

    def index(self, node: yaml.Node, path: Path_) -> None:
        self.lines.setdefault(path, node.start_mark.line + 1)
        if id(node) in self._seen:  # an alias: already walked, and no alias bombs
            return
        self._seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            first: dict[str, int] = {}
            for key_node, value_node in node.value:
                if not isinstance(key_node, yaml.ScalarNode) or key_node.value == "<<":
                    continue
                key = key_node.value
                line = key_node.start_mark.line + 1
                if key in first:
                    self.duplicates.append(
                        (
                            line,
                            f"{_show((*path, key))}: this key appears twice "
                            f"(first at line {first[key]})",
                        )
                    )
                    continue
                first[key] = line
                self.lines.setdefault((*path, key), line)
                self.index(value_node, (*path, key))
        elif isinstance(node, yaml.SequenceNode):
            for i, item in enumerate(node.value):
                self.index(item, (*path, i))

    def line(self, path: Path_) -> int:
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), 1)


_MISSING = object()


def _raw(items: list[Any], key: str, path: Path_) -> list[tuple[str | None, Path_]]:
    """``key`` of each entry as written (for duplicate checks that ignore other problems)."""
    out: list[tuple[str | None, Path_]] = []
    for i, item in enumerate(items):
        value = item.get(key) if isinstance(item, Mapping) else None
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        out.append((value if isinstance(value, str) else None, (*path, i, key)))
    return out


@dataclass
class _Checker:
    """Walks the parsed data, collecting problems and building domain values."""

    marks: _Marks
    problems: list[tuple[int, str]] = field(default_factory=list)

    # ------------------------------------------------------------ reporting

    def fail(self, path: Path_, message: str) -> None:
        self.problems.append((self.marks.line(path), f"{_show(path)}: {message}"))

    def mapping(
        self,
        value: object,
        path: Path_,
        allowed: tuple[str, ...],
        required: tuple[str, ...],
        what: str,
    ) -> Mapping[str, Any] | None:
        if not isinstance(value, Mapping):
            self.fail(path, f"expected {what} (a mapping of keys), found {_kind(value)}")
            return None
        for key in value:
            if not isinstance(key, str) or key not in allowed:
                self.fail((*path, str(key)), self._unknown(key, allowed))
        for key in required:
            if key not in value:
                self.fail((*path, key), f"required key is missing (in {what})")
        return value

    @staticmethod
    def _unknown(key: object, allowed: tuple[str, ...]) -> str:
        hint = _HINTS.get(str(key))
        if hint:
            return f"unknown key {key!r}: {hint}"
        close = difflib.get_close_matches(str(key), allowed, n=1, cutoff=0.6)
        guess = f"; did you mean {close[0]!r}?" if close else ""
        return f"unknown key {key!r}{guess} (allowed here: {', '.join(allowed)})"

    # --------------------------------------------------------------- values

    def text(
        self, d: Mapping[str, Any], key: str, path: Path_, default: str | None = None
    ) -> str | None:
        value = d.get(key, _MISSING)
        if value is _MISSING or (value is None and default is not None):
            return default
        if not isinstance(value, str):
            self.fail((*path, key), f"expected text, found {_kind(value)}")
            return None
        value = value.strip()
        if not value and default is None:
            self.fail((*path, key), "must not be empty")
            return None
        return value

    def ident(
        self, d: Mapping[str, Any], key: str, path: Path_, pattern: re.Pattern[str], rule: str
    ) -> str | None:
        value = d.get(key, _MISSING)
        if value is _MISSING:
            return None  # reported as a missing key already
        if isinstance(value, int) and not isinstance(value, bool) and key == "code":
            value = str(value)
        if not isinstance(value, str):
            self.fail((*path, key), f"expected {rule}, found {_kind(value)}")
            return None
        if not pattern.fullmatch(value):
            self.fail((*path, key), f"{value!r} is not valid: expected {rule}")
            return None
        return value

    def integer(self, d: Mapping[str, Any], key: str, path: Path_) -> int | None:
        value = d.get(key, _MISSING)
        if value is _MISSING:
            return None  # reported as a missing key already
        if isinstance(value, bool) or not isinstance(value, int):
            self.fail((*path, key), f"expected a whole number, found {_kind(value)}")
            return None
        return value

    def flag(
        self, d: Mapping[str, Any], key: str, path: Path_, default: bool | None
    ) -> bool | None:
        value = d.get(key, _MISSING)
        if value is _MISSING:
            return default  # None: reported as a missing key already
        if not isinstance(value, bool):
            self.fail((*path, key), f"expected true or false, found {_kind(value)}")
            return None
        return value

    def items(self, d: Mapping[str, Any], key: str, path: Path_, required: bool) -> list[Any]:
        value = d.get(key, _MISSING)
        if value is _MISSING or (value is None and not required):
            return []
        if not isinstance(value, list):
            self.fail((*path, key), f"expected a list, found {_kind(value)}")
            return []
        limit = _MAX_LIST.get(key, 1000)
        if len(value) > limit:
            self.fail((*path, key), f"too many entries ({len(value)}; at most {limit})")
            return []
        if required and not value:
            self.fail((*path, key), "expected at least one entry, found an empty list")
        return value

    def words(self, d: Mapping[str, Any], key: str, path: Path_) -> tuple[str, ...] | None:
        ok = True
        out: list[str] = []
        for i, item in enumerate(self.items(d, key, path, required=False)):
            if isinstance(item, str) and _ID.fullmatch(item):
                out.append(item)
            else:
                ok = False
                self.fail(
                    (*path, key, i), f"expected an id (letters, digits, _), found {_kind(item)}"
                )
        if isinstance(d.get(key), list) and len(d[key]) > _MAX_LIST.get(key, 1000):
            ok = False
        return tuple(out) if ok else None

    def unique(
        self,
        entries: list[tuple[str | None, Path_]],
        what: str,
        normalise: Callable[[str], str] = str.casefold,
    ) -> None:
        first: dict[str, Path_] = {}
        for value, path in entries:
            if value is None:
                continue
            norm = normalise(value)
            if norm in first:
                self.fail(
                    path,
                    f"duplicate {what} {value!r} (first at line {self.marks.line(first[norm])})",
                )
            else:
                first[norm] = path
