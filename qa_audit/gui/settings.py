"""The app's settings file (window geometry, last page, scoring layout).

In the data folder, so ``QA_AUDIT_HOME`` isolates them (tests, a second profile).
"""

from __future__ import annotations

from PySide6.QtCore import QSettings

from qa_audit import paths

SETTINGS_FILE = "settings.ini"


def make_settings() -> QSettings:
    """Settings in an ini file in the data folder, so ``QA_AUDIT_HOME`` isolates them."""
    return QSettings(str(paths.data_dir() / SETTINGS_FILE), QSettings.Format.IniFormat)
