"""Annual reviews and feedback imports: all or nothing, keyed, re-importable.

CONTRACT.md v2, "Imports: rules common to all": a file with any bad row writes
nothing and every bad row is named; a key repeated in the file is a bad row;
re-importing a key updates it and the result counts added, updated and
unchanged rows. The file is read and parsed with no lock held; the write
transaction then only looks up the plans and the stored rows of the keys, checks
that every plan_ref is in the register, and writes with one executemany per
statement.

A re-import replaces the values of the columns the file has and keeps the stored
values of the others (docs/contract-readings.md); the review date rules are then
checked on the merged row. Feedback comments may hold personal data: when a
re-import changes a response's comments, its approved excerpt (approved for the
old words) is withdrawn.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Table, bindparam, insert, literal_column, select, update
from sqlalchemy.orm import Session

from qa_audit.domain import annual_review
from qa_audit.domain.plan_ref import keyed, plan_ref_key
from qa_audit.errors import ImportRejected, RowProblem
from qa_audit.importing.board_parse import parse_feedback, parse_reviews
from qa_audit.importing.keyed_rows import ParsedRows, problems_for_unknown_plans
from qa_audit.importing.tabular import read_table
from qa_audit.services import changelog
from qa_audit.services.actor import Actor
from qa_audit.services.register_import import ImportResult, Progress, _noop
from qa_audit.storage import models as m
from qa_audit.storage.engine import Database

__all__ = ["import_feedback", "import_reviews"]


@dataclass(frozen=True)
class _Layout:
    """How a parsed row maps onto its table: key columns after plan_id, value columns."""

    table: Table
    entity: str
    key: tuple[str, ...]  # the key's fields after plan_ref
    key_columns: tuple[str, ...]  # their columns, same order
    fields: tuple[str, ...]  # value fields in the file
    columns: tuple[str, ...]  # their columns, same order


_REVIEWS = _Layout(m.AnnualReview.__table__, "annual_reviews",
                   ("due_date",), ("due_date",),
                   ("meeting_date", "decision", "decision_date", "amended_issue_date",
                    "child_attended"),
                   ("meeting_date", "decision", "decision_date", "amended_issue_date",
                    "child_attended"))
_FEEDBACK = _Layout(m.Feedback.__table__, "feedback",
                    ("respondent", "date"), ("respondent", "response_date"),
                    ("stage", "rating", "felt_listened_to", "comments"),
                    ("stage", "rating", "felt_listened_to", "comments"))


def import_reviews(db: Database, path: Path, mapping: Mapping[str, str], actor: Actor,
                   progress: Progress = _noop) -> ImportResult:
    """Validate the whole annual reviews file, then add and update its reviews."""
    return _read_and_import(db, Path(path), mapping, actor, progress, _REVIEWS)


def import_feedback(db: Database, path: Path, mapping: Mapping[str, str], actor: Actor,
                    progress: Progress = _noop) -> ImportResult:
    """Validate the whole feedback file, then add and update its responses."""
    return _read_and_import(db, Path(path), mapping, actor, progress, _FEEDBACK)


def _read_and_import(db: Database, path: Path, mapping: Mapping[str, str], actor: Actor,
                     progress: Progress, layout: _Layout) -> ImportResult:
    progress(5, "Reading file")
    table = read_table(path)
    progress(30, "Checking rows")
    parse = parse_reviews if layout is _REVIEWS else parse_feedback
    return _import(db, path, parse(table, mapping), layout, actor, progress)


def _reject(path: Path, problems: list[Any]) -> ImportRejected:
    problems.sort(key=lambda p: p.row)
    rows = len({p.row for p in problems})
    return ImportRejected(
        f"{path.name}: {rows} bad row{'s' if rows != 1 else ''}; nothing was imported", problems)


def _plan_ids(s: Session) -> dict[str, int]:
    plan = m.Plan.__table__
    return keyed(s.execute(select(plan.c.plan_ref, plan.c.id)).tuples().all())


def _check(path: Path, parsed: ParsedRows, plan_ids: Mapping[str, int]) -> None:
    """Every bad row, with rows naming a plan not in the register, or nothing."""
    problems = list(parsed.problems)
    problems += problems_for_unknown_plans(parsed.rows, set(plan_ids),
                                           parsed.header_of.get("plan_ref", "plan_ref"))
    if problems:
        raise _reject(path, problems)


def _import(db: Database, path: Path, parsed: ParsedRows, layout: _Layout, actor: Actor,
            progress: Progress) -> ImportResult:
    with db.read() as s:  # rejected files never wait for the write lock
        _check(path, parsed, _plan_ids(s))
    result = ImportResult(ignored_columns=list(parsed.ignored_columns))
    t = layout.table
    with db.write() as s:
        plan_ids = _plan_ids(s)
        _check(path, parsed, plan_ids)  # a plan deleted meanwhile
        existing = _stored(s, layout, {plan_ids[plan_ref_key(r["plan_ref"])]
                                       for r in parsed.rows})
        now, user = m.utcnow(), actor.user
        inserts: list[dict[str, Any]] = []
        updates: list[dict[str, Any]] = []
        # a re-import replaces the values of the columns the file has; the others are kept
        replaced = [c for f, c in zip(layout.fields, layout.columns, strict=True)
                    if f in parsed.header_of]
        problems: list[RowProblem] = []
        for r in parsed.rows:
            plan_id = plan_ids[plan_ref_key(r["plan_ref"])]
            key = (plan_id, *(r[f] for f in layout.key))
            values = dict(zip(layout.columns, (r[f] for f in layout.fields), strict=True))
            old = existing.get(key)
            partial = layout is _REVIEWS and len(replaced) < len(layout.columns)
            if old is None:
                if partial:
                    problems += _merged_review_problems(r, values, parsed.header_of)
                inserts.append({"plan_id": plan_id,
                                **dict(zip(layout.key_columns, key[1:], strict=True)),
                                **values, "version": 1, "updated_at": now, "updated_by": user})
                continue
            values = {c: values[c] for c in replaced}
            if partial:
                problems += _merged_review_problems(r, {**old, **values}, parsed.header_of)
            if any(old[c] != values[c] for c in replaced):
                extra = _withdrawn_excerpt(old, values) if layout is _FEEDBACK else {}
                updates.append({"b_id": old["id"], **values, **extra,
                                "updated_at": now, "updated_by": user})
            else:
                result.unchanged += 1
        if problems:
            raise _reject(path, problems)
        progress(60, "Writing")
        if inserts:
            s.execute(insert(t), inserts)
        for group in _by_keys(updates):
            s.execute(update(t).where(t.c.id == bindparam("b_id"))
                      .values(version=t.c.version + literal_column("1"),
                              **{k: bindparam(k) for k in group[0] if k != "b_id"}), group)
        result.added, result.updated = len(inserts), len(updates)
        changelog.record(s, actor, layout.entity, path.name, "import",
                         after={"added": result.added, "updated": result.updated,
                                "unchanged": result.unchanged})
    progress(100, "Done")
    return result


def _stored(s: Session, layout: _Layout, plan_ids: set[int]) -> dict[tuple[Any, ...],
                                                                      dict[str, Any]]:
    """The stored rows of these plans, by (plan id, key columns...)."""
    t = layout.table
    wanted = ["id", "plan_id", *layout.key_columns, *layout.columns]
    out: dict[tuple[Any, ...], dict[str, Any]] = {}
    ids = sorted(plan_ids)
    for start in range(0, len(ids), 900):  # SQLite's bound-parameter limit
        chunk = ids[start:start + 900]
        for row in s.execute(select(*[t.c[c] for c in wanted]).where(t.c.plan_id.in_(chunk))):
            data = dict(row._mapping)
            out[(data["plan_id"], *(data[c] for c in layout.key_columns))] = data
    return out


def _merged_review_problems(row: Mapping[str, Any], merged: Mapping[str, Any],
                            header_of: Mapping[str, str]) -> list[RowProblem]:
    """The date rules on a review from a file lacking some columns: a stored review
    with the file's values, or a new one with blanks for the missing columns."""
    return [RowProblem(row["row"], header_of.get(name, name), "",
                       f"{reason}, counting the stored values of the columns this file "
                       "does not have")
            for name, reason in annual_review.date_problems(
                merged["meeting_date"], merged["decision"], merged["decision_date"],
                merged["amended_issue_date"])]


def _withdrawn_excerpt(old: Mapping[str, Any], new: Mapping[str, Any]) -> dict[str, Any]:
    """Changed comments: the excerpt approved for the old words is no longer quoted."""
    if "comments" not in new or old.get("comments") == new.get("comments"):
        return {}
    return {"approved_excerpt": None, "approved_by": None, "approved_at": None}


def _by_keys(rows: Sequence[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """Rows grouped by their parameter names (one executemany needs the same names)."""
    groups: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    for r in rows:
        groups.setdefault(tuple(r), []).append(r)
    return list(groups.values())


