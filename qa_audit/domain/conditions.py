"""The ``applies_when`` condition language, parsed without ``eval``.

A rubric question may apply only to some plans (``year_group >= 9``,
``direct_payments == yes``). Rubric files come from councils, so the text is
parsed by a small recursive-descent parser over a closed set of plan fields;
values are checked when the rubric is loaded, not when a panel is scoring.

Grammar (keywords case-insensitive, ``and`` binds tighter than ``or``)::

    expr       := and_expr ("or" and_expr)*
    and_expr   := atom ("and" atom)*
    atom       := "(" expr ")" | FIELD OP VALUE | FIELD ["not"] "in" "[" VALUE ("," VALUE)* "]"
    OP         := ">=" | "<=" | ">" | "<" | "==" | "!="

A comparison on a field the plan lacks (missing key, ``None``, blank or a value
that cannot be read) is true: when we cannot tell, the question applies.

Any other lower-case identifier is a council's custom plan field
(``plans import --field``; :mod:`qa_audit.domain.plan_fields`): its values compare
as text, case-insensitively, and as numbers when both sides are numbers.
Built-in register fields that are not listed above (``team``, ``setting``...)
are refused rather than read as custom fields that no plan could have.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from qa_audit.domain.plan_fields import BUILTIN_FIELDS, is_custom_name

__all__ = [
    "KNOWN_FIELDS",
    "PLAN_TYPES",
    "PRIMARY_NEEDS",
    "Condition",
    "ConditionError",
    "parse_condition",
    "parse_year_group",
]

#: Plan fields a condition may test.
KNOWN_FIELDS: frozenset[str] = frozenset(
    {"year_group", "plan_type", "phase", "primary_need", "setting_type", "direct_payments"}
)

PLAN_TYPES: frozenset[str] = frozenset({"new", "amended", "review"})
#: DfE primary need codes, keyed by lower case for case-insensitive matching.
PRIMARY_NEEDS: dict[str, str] = {
    c.lower(): c
    for c in ("SpLD", "MLD", "SLD", "PMLD", "SEMH", "SLCN", "HI", "VI", "MSI", "PD", "ASD", "OTH")
}
_YEAR_WORDS = {"n1": -2, "n2": -1, "r": 0}
_YEAR_MIN, _YEAR_MAX = -2, 14
_YEAR_NUMBER = re.compile(r"^([+-]?[0-9]{1,3})(?:\.0*)?$")
_TRUE_WORDS = frozenset({"yes", "y", "true", "1"})
_FALSE_WORDS = frozenset({"no", "n", "false", "0"})

_OPS: dict[str, Callable[[Any, Any], Any]] = {
    ">=": operator.ge,
    "<=": operator.le,
    ">": operator.gt,
    "<": operator.lt,
    "==": operator.eq,
    "!=": operator.ne,
}
_ORDERING = frozenset({">=", "<=", ">", "<"})
_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)")

_TOKEN = re.compile(
    r"""
    (?P<ws>\s+)
  | (?P<op>>=|<=|==|!=|>|<)
  | (?P<punct>[()\[\],])
  | (?P<str>"[^"]*"|'[^']*')
  | (?P<word>[A-Za-z0-9_.+/-]+)
  | (?P<bad>.)
    """,
    re.VERBOSE,
)
_MAX_LENGTH = 1000
_MAX_DEPTH = 20


class ConditionError(ValueError):
    """An ``applies_when`` text that cannot be parsed; ``column`` is 1-based."""

    def __init__(self, reason: str, column: int | None = None, text: str = "") -> None:
        where = f" at column {column}" if column is not None else ""
        super().__init__(f"{reason}{where}")
        self.reason = reason
        self.column = column
        self.text = text


# --------------------------------------------------------------------- values


def parse_year_group(value: object) -> int | None:
    """NCY as an int (N1=-2, N2=-1, R=0), or None when it cannot be read."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value) if value.is_integer() else None
    if isinstance(value, str):
        word = value.strip().lower()
        if word in _YEAR_WORDS:
            return _YEAR_WORDS[word]
        word = word.removeprefix("year").removeprefix("y").strip()
        match = _YEAR_NUMBER.fullmatch(word)
        return int(match.group(1)) if match else None
    return None


def _parse_bool(value: object) -> bool | None:
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return value != 0 if value in (0, 1) else None
    if isinstance(value, str):
        word = value.strip().lower()
        if word in _TRUE_WORDS:
            return True
        if word in _FALSE_WORDS:
            return False
    return None


def _parse_text(value: object) -> str | None:
    if value is None or isinstance(value, bool):
        return None
    text = str(value).strip().casefold()
    return text or None


def _number(text: str) -> float | None:
    """``text`` as a number when it is written as one (``3``, ``-1.5``), else None."""
    return float(text) if _NUMBER.fullmatch(text) else None


@dataclass(frozen=True)
class _Custom:
    """A custom field's value: text (case-folded) and, when it is one, the number."""

    text: str
    number: float | None

    @classmethod
    def of(cls, text: str) -> _Custom:
        text = text.strip().casefold()
        return cls(text, _number(text))

    def _pair(self, other: object) -> tuple[Any, Any]:
        if not isinstance(other, _Custom):
            return self.text, other
        if self.number is not None and other.number is not None:
            return self.number, other.number
        return self.text, other.text

    def __eq__(self, other: object) -> bool:
        a, b = self._pair(other)
        return bool(a == b)

    def __hash__(self) -> int:
        return hash(self.text)

    def __lt__(self, other: object) -> bool:
        a, b = self._pair(other)
        return bool(a < b)

    def __le__(self, other: object) -> bool:
        a, b = self._pair(other)
        return bool(a <= b)

    def __gt__(self, other: object) -> bool:
        a, b = self._pair(other)
        return bool(a > b)

    def __ge__(self, other: object) -> bool:
        a, b = self._pair(other)
        return bool(a >= b)


def _fact(field: str, value: object) -> object | None:
    """A plan's value for ``field`` in comparable form, or None (unknown)."""
    if value is None:
        return None
    if field not in KNOWN_FIELDS:
        text = _parse_text(value)
        return None if text is None else _Custom.of(text)
    if field == "year_group":
        return parse_year_group(value)
    if field == "direct_payments":
        return _parse_bool(value)
    return _parse_text(value)


def _literal(field: str, word: str, column: int, text: str) -> object:
    """A condition's literal for ``field``, checked against the field's values."""
    if field == "year_group":
        year = parse_year_group(word)
        if year is None or not _YEAR_MIN <= year <= _YEAR_MAX:
            raise ConditionError(
                f"year_group needs N1, N2, R or a number from {_YEAR_MIN} to {_YEAR_MAX}, "
                f"not {word!r}",
                column,
                text,
            )
        return year
    if field == "direct_payments":
        flag = _parse_bool(word)
        if flag is None:
            raise ConditionError(f"direct_payments needs yes or no, not {word!r}", column, text)
        return flag
    value = word.strip().casefold()
    if not value:
        raise ConditionError(f"{field} needs a value, not an empty string", column, text)
    if field not in KNOWN_FIELDS:
        return _Custom.of(value)
    if field == "plan_type" and value not in PLAN_TYPES:
        allowed = ", ".join(sorted(PLAN_TYPES))
        raise ConditionError(f"plan_type needs one of {allowed}, not {word!r}", column, text)
    if field == "primary_need" and value not in PRIMARY_NEEDS:
        allowed = " ".join(PRIMARY_NEEDS.values())
        raise ConditionError(f"primary_need needs one of {allowed}, not {word!r}", column, text)
    return value


# ----------------------------------------------------------------------- tree


@dataclass(frozen=True)
class _Compare:
    field: str
    op: str
    value: object

    def evaluate(self, facts: Mapping[str, object]) -> bool:
        fact = _fact(self.field, facts.get(self.field))
        if fact is None:
            return True
        return bool(_OPS[self.op](fact, self.value))


@dataclass(frozen=True)
class _Member:
    field: str
    values: tuple[object, ...]
    negated: bool

    def evaluate(self, facts: Mapping[str, object]) -> bool:
        fact = _fact(self.field, facts.get(self.field))
        if fact is None:
            return True
        return any(fact == value for value in self.values) != self.negated


@dataclass(frozen=True)
class _All:
    parts: tuple[_Node, ...]

    def evaluate(self, facts: Mapping[str, object]) -> bool:
        return all(p.evaluate(facts) for p in self.parts)


@dataclass(frozen=True)
class _Any:
    parts: tuple[_Node, ...]

    def evaluate(self, facts: Mapping[str, object]) -> bool:
        return any(p.evaluate(facts) for p in self.parts)


_Node = _Compare | _Member | _All | _Any


@dataclass(frozen=True)
class Condition:
    """A parsed ``applies_when``; immutable, so safe to cache and share."""

    text: str
    fields: frozenset[str]
    _root: _Node

    def evaluate(self, facts: Mapping[str, object]) -> bool:
        """True when the question applies to a plan with these ``facts``."""
        return self._root.evaluate(facts)

    def __str__(self) -> str:
        return self.text


# --------------------------------------------------------------------- parser


@dataclass(frozen=True)
class _Tok:
    kind: str  # op, punct, str, word, end
    value: str
    column: int  # 1-based


def _tokenise(text: str) -> list[_Tok]:
    tokens: list[_Tok] = []
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup or "bad"
        value = match.group()
        column = match.start() + 1
        if kind == "ws":
            continue
        if kind == "bad":
            hint = {
                "=": " (use == to compare)",
                "&": " (use and)",
                "|": " (use or)",
                "!": " (use != to compare)",
            }.get(value, "")
            if value in "\"'":
                raise ConditionError("unterminated quoted value", column, text)
            raise ConditionError(f"unexpected character {value!r}{hint}", column, text)
        if kind == "str":
            value = value[1:-1]
        tokens.append(_Tok(kind, value, column))
    tokens.append(_Tok("end", "", len(text) + 1))
    return tokens


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens = _tokenise(text)
        self.pos = 0
        self.depth = 0
        self.fields: set[str] = set()

    def _peek(self) -> _Tok:
        return self.tokens[self.pos]

    def _next(self) -> _Tok:
        tok = self.tokens[self.pos]
        if tok.kind != "end":
            self.pos += 1
        return tok

    def _fail(self, expected: str, tok: _Tok) -> ConditionError:
        found = "the end" if tok.kind == "end" else repr(tok.value)
        return ConditionError(f"expected {expected}, found {found}", tok.column, self.text)

    def _is_keyword(self, tok: _Tok, word: str) -> bool:
        return tok.kind == "word" and tok.value.lower() == word

    def parse(self) -> _Node:
        node = self._or()
        tok = self._peek()
        if tok.kind != "end":
            raise self._fail("and, or or the end of the condition", tok)
        return node

    def _or(self) -> _Node:
        parts = [self._and()]
        while self._is_keyword(self._peek(), "or"):
            self._next()
            parts.append(self._and())
        return parts[0] if len(parts) == 1 else _Any(tuple(parts))

    def _and(self) -> _Node:
        parts = [self._atom()]
        while self._is_keyword(self._peek(), "and"):
            self._next()
            parts.append(self._atom())
        return parts[0] if len(parts) == 1 else _All(tuple(parts))

    def _atom(self) -> _Node:
        tok = self._next()
        if tok.kind == "punct" and tok.value == "(":
            self.depth += 1
            if self.depth > _MAX_DEPTH:
                raise ConditionError("too many nested parentheses", tok.column, self.text)
            node = self._or()
            self.depth -= 1
            close = self._next()
            if not (close.kind == "punct" and close.value == ")"):
                raise self._fail("')'", close)
            return node
        if tok.kind != "word" or tok.value.lower() in {"and", "or", "in", "not"}:
            raise self._fail("a field name", tok)
        field = tok.value.lower()
        if field not in KNOWN_FIELDS and not is_custom_name(field):
            known = ", ".join(sorted(KNOWN_FIELDS))
            why = ("is a plan field conditions cannot test" if field in BUILTIN_FIELDS
                   else "is not a field name")
            raise ConditionError(
                f"{tok.value!r} {why} (fields: {known}, or a custom plan field: "
                "lower-case letters, digits and _)", tok.column, self.text
            )
        self.fields.add(field)
        op = self._next()
        if op.kind == "op":
            ordered = field == "year_group" or field not in KNOWN_FIELDS
            if op.value in _ORDERING and not ordered:
                raise ConditionError(
                    f"{field} can only be compared with ==, != or in, not {op.value}",
                    op.column,
                    self.text,
                )
            return _Compare(field, op.value, self._value(field))
        negated = False
        if self._is_keyword(op, "not"):
            negated = True
            op = self._next()
        if self._is_keyword(op, "in"):
            return _Member(field, self._list(field), negated)
        raise self._fail(f"a comparison after {field} (>= <= > < == != in)", op)

    def _value(self, field: str) -> object:
        tok = self._next()
        if tok.kind not in {"word", "str"} or (
            tok.kind == "word" and tok.value.lower() in {"and", "or", "in", "not"}
        ):
            raise self._fail(f"a value for {field}", tok)
        return _literal(field, tok.value, tok.column, self.text)

    def _list(self, field: str) -> tuple[object, ...]:
        tok = self._next()
        if not (tok.kind == "punct" and tok.value == "["):
            raise self._fail("'[' to start the list of values", tok)
        values = [self._value(field)]
        while True:
            tok = self._next()
            if tok.kind == "punct" and tok.value == "]":
                return tuple(values)
            if not (tok.kind == "punct" and tok.value == ","):
                raise self._fail("',' or ']'", tok)
            if self._peek().kind == "punct" and self._peek().value == "]":
                self._next()
                return tuple(values)
            values.append(self._value(field))


def parse_condition(text: str) -> Condition:
    """Parse an ``applies_when`` text; raise ConditionError saying where it went wrong."""
    if not isinstance(text, str):
        raise ConditionError(f"a condition must be text, not {type(text).__name__}")
    if len(text) > _MAX_LENGTH:
        raise ConditionError(f"a condition must be at most {_MAX_LENGTH} characters")
    if not text.strip():
        raise ConditionError("the condition is empty", 1, text)
    parser = _Parser(text)
    root = parser.parse()
    return Condition(text.strip(), frozenset(parser.fields), root)
