"""Storing and fetching rubric versions.

A rubric is stored as canonical JSON of the validated domain object plus the
source YAML. Importing changed content under an existing id stores version + 1;
identical content is recognised by its hash and stores nothing.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from qa_audit.domain.rubric import Rubric
from qa_audit.errors import DatabaseCorrupt, NotFound
from qa_audit.rubrics.loader import (
    content_hash,
    load_rubric_file,
    load_rubric_text,
    shipped_rubric_files,
)
from qa_audit.services import changelog
from qa_audit.services.actor import Actor
from qa_audit.storage import models as m
from qa_audit.storage.engine import Database


@dataclass(frozen=True)
class StoredRubric:
    rubric: Rubric
    version: int
    version_pk: int

    @property
    def id(self) -> str:
        return self.rubric.id


@dataclass(frozen=True)
class RubricImportResult:
    id: str
    version: int
    created: bool  # False when identical content was already stored


@dataclass(frozen=True)
class PlannedImport:
    """What importing a rubric would store: version 1, version N+1, or nothing."""

    version: int  # the version the rubric will have (the stored one when unchanged)
    current: int | None  # latest stored version of this id, None when new
    changed: bool  # False: identical content is already stored, nothing will be written


@lru_cache(maxsize=64)
def _parse(content_json: str) -> Rubric:
    try:
        data = json.loads(content_json)
    except ValueError as exc:  # stored by us as JSON: unreadable means a damaged read or file
        raise DatabaseCorrupt(
            "A rubric stored in the database could not be read (its text is damaged at "
            f"character {getattr(exc, 'pos', '?')}). Nothing was saved. Try again; if it "
            "happens again, run 'qa-audit db check' on the database.") from exc
    return Rubric.from_dict(data)


def to_stored(row: m.RubricVersion) -> StoredRubric:
    return StoredRubric(rubric=_parse(row.content_json), version=row.version, version_pk=row.id)


def _latest_row(session: Session, rubric_id: str) -> m.RubricVersion | None:
    return session.scalar(
        select(m.RubricVersion)
        .where(m.RubricVersion.rubric_id == rubric_id)
        .order_by(m.RubricVersion.version.desc())
        .limit(1)
    )


def planned_import(session: Session, rubric: Rubric) -> PlannedImport:
    """The version ``store_rubric`` would give this rubric now (a preview writes nothing)."""
    latest = _latest_row(session, rubric.id)
    if latest is None:
        return PlannedImport(version=1, current=None, changed=True)
    if latest.content_hash == content_hash(rubric):
        return PlannedImport(version=latest.version, current=latest.version, changed=False)
    return PlannedImport(version=latest.version + 1, current=latest.version, changed=True)


def store_rubric(
    session: Session, rubric: Rubric, source_text: str, actor: Actor
) -> RubricImportResult:
    digest = content_hash(rubric)
    latest = _latest_row(session, rubric.id)
    if latest is not None and latest.content_hash == digest:
        return RubricImportResult(rubric.id, latest.version, created=False)
    head = session.get(m.Rubric, rubric.id)
    if head is None:
        head = m.Rubric(id=rubric.id, title=rubric.title)
        session.add(head)
    head.title = rubric.title
    version = 1 if latest is None else latest.version + 1
    session.add(
        m.RubricVersion(
            rubric_id=rubric.id,
            version=version,
            title=rubric.title,
            content_json=json.dumps(rubric.to_dict(), sort_keys=True),
            content_hash=digest,
            source_text=source_text,
            imported_by=actor.user,
        )
    )
    changelog.record(
        session,
        actor,
        "rubric",
        f"{rubric.id}@{version}",
        "import",
        after={"id": rubric.id, "version": version, "hash": digest},
    )
    return RubricImportResult(rubric.id, version, created=True)


def import_rubric_file(db: Database, path: Path, actor: Actor) -> RubricImportResult:
    rubric = load_rubric_file(path)  # raises RubricError before anything is written
    text = Path(path).read_text(encoding="utf-8-sig")
    with db.write() as session:
        return store_rubric(session, rubric, text, actor)


def import_rubric_text(db: Database, text: str, source: str, actor: Actor) -> RubricImportResult:
    """Like ``import_rubric_file`` for text already read (the GUI stores exactly the text
    it previewed, even if the file changes on disk meanwhile)."""
    rubric = load_rubric_text(text, source)  # raises RubricError before anything is written
    with db.write() as session:
        return store_rubric(session, rubric, text, actor)


def install_shipped(session: Session, actor: Actor) -> list[RubricImportResult]:
    """Make the shipped rubrics available (new versions only when they changed)."""
    results = []
    for path in shipped_rubric_files():
        rubric = load_rubric_file(path)
        results.append(store_rubric(session, rubric, path.read_text(encoding="utf-8-sig"), actor))
    return results


def latest_versions(session: Session) -> list[StoredRubric]:
    newest = (
        select(m.RubricVersion.rubric_id, func.max(m.RubricVersion.version).label("v"))
        .group_by(m.RubricVersion.rubric_id)
        .subquery()
    )
    rows = session.scalars(
        select(m.RubricVersion)
        .join(
            newest,
            (newest.c.rubric_id == m.RubricVersion.rubric_id)
            & (newest.c.v == m.RubricVersion.version),
        )
        .order_by(m.RubricVersion.rubric_id)
    )
    return [to_stored(r) for r in rows]


def get_version(session: Session, rubric_id: str, version: int | None = None) -> StoredRubric:
    query = select(m.RubricVersion).where(m.RubricVersion.rubric_id == rubric_id)
    if version is None:
        query = query.order_by(m.RubricVersion.version.desc()).limit(1)
    else:
        query = query.where(m.RubricVersion.version == version)
    row = session.scalar(query)
    if row is None:
        known = ", ".join(r.id for r in latest_versions(session)) or "none"
        what = f"rubric {rubric_id!r}" + (f" version {version}" if version else "")
        raise NotFound(f"No {what} in this database (known rubrics: {known}).")
    return to_stored(row)


def versions(session: Session, keys: set[tuple[str, int]]) -> dict[tuple[str, int], Rubric]:
    """The rubrics of these (id, version) pairs, read in one statement; NotFound names a
    missing one."""
    rows = session.scalars(select(m.RubricVersion).where(or_(*(
        and_(m.RubricVersion.rubric_id == rid, m.RubricVersion.version == v)
        for rid, v in sorted(keys)))))
    found = {(r.rubric_id, r.version): to_stored(r).rubric for r in rows}
    for rid, v in sorted(keys - set(found)):
        get_version(session, rid, v)  # raises NotFound, naming the rubrics known
    return found


def by_version_pk(session: Session, pk: int) -> StoredRubric:
    """A stored version; versions never change, so the parsed rubric is cached by hash
    and a save does not re-read and re-parse the rubric on every click."""
    head = session.execute(
        select(m.RubricVersion.version, m.RubricVersion.content_hash).where(
            m.RubricVersion.id == pk
        )
    ).first()
    if head is None:
        raise NotFound(f"Rubric version {pk} is missing from the database.")
    return StoredRubric(rubric=parsed(session, pk, head.content_hash), version=head.version,
                        version_pk=pk)


def parsed(session: Session, pk: int, content_hash: str) -> Rubric:
    """The parsed rubric of version ``pk`` whose hash the caller has already read
    (the autosave reads it with everything else): the text is read only once."""
    cached = _BY_HASH.get(content_hash)
    if cached is None:
        content = session.scalar(
            select(m.RubricVersion.content_json).where(m.RubricVersion.id == pk)
        )
        cached = _BY_HASH[content_hash] = _parse(content)
    return cached


_BY_HASH: dict[str, Rubric] = {}


def all_versions(session: Session, rubric_id: str) -> list[int]:
    return list(
        session.scalars(
            select(m.RubricVersion.version)
            .where(m.RubricVersion.rubric_id == rubric_id)
            .order_by(m.RubricVersion.version)
        )
    )


def latest_rubric(session: Session, rubric_id: str) -> Rubric:
    """The newest version of a rubric id: reports take target schedules and indicator
    targets from it, so a new version never loses the target history."""
    return get_version(session, rubric_id).rubric
