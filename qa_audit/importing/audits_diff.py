"""What a scored-audits import would change in one stored audit (pure: no database).

Computed outside the write lock from a snapshot of the stored audits, so the
write transaction only executes the result (``services.audits_import``).

Blank cells (CONTRACT: blank = not answered):

* on a member's row, the row replaces the stored audit (as before): a blank
  answer, grade or text clears the stored one;
* on the panel's agreed row that already exists, a blank cell keeps the stored
  agreed value: a re-import never deletes agreed answers. A non-blank cell that
  differs from the agreed value is refused, naming the row and column, unless
  ``--replace-agreed``; then the row replaces the agreed audit as a member's
  row does, and every replaced value is logged with its old and new value.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from qa_audit.errors import RowProblem
from qa_audit.importing.audits_parse import AuditRow, ParsedAudits

REPLACE_HINT = "use --replace-agreed to replace agreed scores"


@dataclass(frozen=True)
class StoredAnswer:
    id: int
    value: str | None
    note: str | None
    reason: str | None
    agencies: tuple[str, ...]


@dataclass
class StoredAudit:
    """One stored audit as read before the write (with its version, to re-check it)."""

    id: int
    version: int
    is_panel: bool
    status: str
    agency: str | None
    audit_date: dt.date | None
    overall: int | None
    strengths: str | None
    development: str | None
    answers: dict[str, StoredAnswer] = field(default_factory=dict)
    themes: dict[str, int] = field(default_factory=dict)  # theme id -> theme_tag id


@dataclass(frozen=True)
class NewAnswer:
    value: str | None
    note: str | None
    reason: str | None
    agencies: tuple[str, ...]


@dataclass
class Target:
    """The audit a row asks for, after the blank-cell rule."""

    agency: str | None
    audit_date: dt.date
    overall: int | None
    strengths: str | None
    development: str | None
    answers: dict[str, NewAnswer]
    themes: tuple[str, ...]


@dataclass(frozen=True)
class Change:
    """One changed value: ``field`` is overall, strengths, development, themes,
    agency, audit_date, or value/note/reason/agencies of ``question``."""

    field: str
    old: Any
    new: Any
    question: str | None = None

    def as_json(self) -> dict[str, Any]:
        out = {"field": self.field, "old": self.old, "new": self.new}
        if self.question:
            out["question"] = self.question
        return out


_ANSWER_FIELDS = ("value", "note", "reason", "agencies")
#: fields of the panel's agreed audit a re-import may not change without --replace-agreed
_AGREED = frozenset({"overall", "strengths", "development", "themes", *_ANSWER_FIELDS})


def target(row: AuditRow, stored: StoredAudit | None, session_date: dt.date,
           *, keep_blanks: bool) -> Target:
    """What ``row`` makes of ``stored``; ``keep_blanks``: blank cells keep stored values."""
    answers: dict[str, NewAnswer] = {}
    for qid in set(row.answers) | set(row.notes):
        answers[qid] = NewAnswer(row.answers.get(qid), row.notes.get(qid),
                                 row.reasons.get(qid), row.attributions.get(qid, ()))
    if not (keep_blanks and stored is not None):
        return Target(row.agency, row.audit_date or session_date, row.overall, row.strengths,
                      row.development, answers, row.themes)
    merged = {qid: NewAnswer(a.value, a.note, a.reason, a.agencies)
              for qid, a in stored.answers.items()}
    for qid, new in answers.items():
        old = merged.get(qid)
        if old is None:
            merged[qid] = new
            continue
        value = new.value if new.value is not None else old.value
        merged[qid] = NewAnswer(
            value,
            new.note if new.note is not None else old.note,
            new.reason if new.reason is not None else (old.reason if value == old.value
                                                        else None),
            new.agencies or (old.agencies if value == old.value else ()),
        )
    return Target(
        row.agency or stored.agency,
        row.audit_date or stored.audit_date or session_date,
        row.overall if row.overall is not None else stored.overall,
        row.strengths or stored.strengths,
        row.development or stored.development,
        merged,
        row.themes or tuple(sorted(stored.themes)),
    )


def changes(stored: StoredAudit, new: Target) -> list[Change]:
    """Every value ``new`` changes in ``stored``, in a stable order."""
    out: list[Change] = []
    for name in ("agency", "audit_date", "overall", "strengths", "development"):
        old, value = getattr(stored, name), getattr(new, name)
        if old != value:
            out.append(Change(name, _plain(old), _plain(value)))
    old_themes, new_themes = sorted(stored.themes), sorted(new.themes)
    if old_themes != new_themes:
        out.append(Change("themes", ";".join(old_themes), ";".join(new_themes)))
    for qid in sorted(set(stored.answers) | set(new.answers)):
        was, now = stored.answers.get(qid), new.answers.get(qid)
        for name in _ANSWER_FIELDS:
            old = getattr(was, name) if was else None
            value = getattr(now, name) if now else None
            if name == "agencies":
                old, value = ";".join(old or ()) or None, ";".join(value or ()) or None
            if old != value:
                out.append(Change(name, old, value, qid))
    return out


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


_WHAT = {"value": "answer to {q}", "note": "note on {q}", "reason": "reason for {q}",
         "agencies": "agencies of {q}", "overall": "grade", "themes": "themes",
         "strengths": "strengths", "development": "areas for development"}


def agreed_problems(row: AuditRow, found: list[Change], parsed: ParsedAudits) -> list[RowProblem]:
    """One problem per agreed value the row would change (its file column named)."""
    problems = []
    for c in found:
        if c.field not in _AGREED:
            continue
        what = _WHAT[c.field].format(q=c.question)
        problems.append(RowProblem(
            row.row, _column(c, parsed), "",
            f"would change the panel's agreed {what} from {_shown(c.old)} to "
            f"{_shown(c.new)}; {REPLACE_HINT}"))
    return problems


def _column(c: Change, parsed: ParsedAudits) -> str:
    if c.question is None:
        return parsed.header_of.get(c.field, c.field)
    if c.field == "value":
        return parsed.question_columns.get(c.question, c.question)
    suffix = "agency" if c.field == "agencies" else c.field
    return f"{c.question}.{suffix}"


def _shown(value: Any) -> str:
    return "blank" if value in (None, "") else str(value)
