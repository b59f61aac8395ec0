"""The council rubric library: councils' own frameworks shipped in ``rubrics/councils/``.

These are not imported by ``init`` (``shipped_rubric_files`` looks only at ``rubrics/*.yaml``):
a council chooses the framework it wants, from the Rubrics page or with ``rubric import``.
Listing the library reads only each file's top-level ``id`` and ``title`` lines, so a picker
can show it without validating every file; validation happens on import.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from qa_audit.paths import bundled

LIBRARY_FOLDER = ("rubrics", "councils")

# a top-level (unindented) ``id:`` or ``title:`` line
_TOP_KEY = re.compile(r"^(id|title):[ \t]*(.*?)[ \t]*$")


@dataclass(frozen=True)
class CouncilRubricFile:
    """One file of the library: where it is and what it calls itself."""

    path: Path
    id: str
    title: str


def council_rubric_files(folder: Path | None = None) -> list[Path]:
    """The council rubric files shipped with the application (or in ``folder``: tests, a
    council's own library), sorted by name."""
    folder = folder if folder is not None else bundled(*LIBRARY_FOLDER)
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.glob("*.yaml") if p.is_file())


def council_rubrics() -> list[CouncilRubricFile]:
    """Each library file with its id and title (the file name stands in for a missing one)."""
    return [_describe(path) for path in council_rubric_files()]


def _describe(path: Path) -> CouncilRubricFile:
    found: dict[str, str] = {}
    try:
        with path.open(encoding="utf-8-sig") as handle:
            for line in handle:
                match = _TOP_KEY.match(line)
                if match and match.group(1) not in found:
                    found[match.group(1)] = _scalar(match.group(2))
                    if len(found) == 2:
                        break
    except (OSError, UnicodeDecodeError):
        found = {}  # unreadable: listed under its file name (validation says why)
    return CouncilRubricFile(path, found.get("id") or path.stem, found.get("title") or path.stem)


def _scalar(text: str) -> str:
    """A one-line YAML scalar as text (quotes removed); the raw text if it is not one."""
    try:
        value = yaml.safe_load(text)
    except yaml.YAMLError:
        return text
    return value if isinstance(value, str) else text
