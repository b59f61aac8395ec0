"""Per-user folders and bundled files, from source or from a frozen bundle."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from platformdirs import PlatformDirs

from qa_audit import APP_ID

_DIRS = PlatformDirs(appname=APP_ID, appauthor=False)


def resource_root() -> Path:
    """Folder holding ``rubrics/``, ``resources/`` and ``forms/``.

    From source it is the repository root; in a PyInstaller bundle it is
    ``sys._MEIPASS``. Every lookup of a shipped file goes through here.
    """
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen)
    return Path(__file__).resolve().parent.parent


def bundled(*parts: str) -> Path:
    """Path of a shipped file, e.g. ``bundled("rubrics", "multi-agency.yaml")``."""
    return resource_root().joinpath(*parts)


def data_dir() -> Path:
    """Per-user data folder; ``QA_AUDIT_HOME`` overrides it (tests, portable installs)."""
    override = os.environ.get("QA_AUDIT_HOME")
    path = Path(override) if override else Path(_DIRS.user_data_dir)
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_database() -> Path:
    return data_dir() / "qa-audit.sqlite3"


def backup_dir() -> Path:
    path = data_dir() / "backups"
    path.mkdir(parents=True, exist_ok=True)
    return path


def log_dir() -> Path:
    path = data_dir() / "logs"
    path.mkdir(parents=True, exist_ok=True)
    return path
