"""What the main window says about the open database: title, status bar location, DEMO mark.

A store holding demo data (the change log's ``demo load`` entry, read through the
workspace) says DEMO in the title and in a banner, so nobody takes it for real
plans; a read-only store says why in its banner. Qt and light modules only: the
window's title is set before SQLAlchemy is imported.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QLabel, QWidget

from qa_audit import APP_NAME, paths
from qa_audit.gui.store_status import DemoBanner, ReadOnlyBanner

if TYPE_CHECKING:  # only named in annotations (the workspace needs SQLAlchemy)
    from qa_audit.services.store.workspace import Workspace

#: Keyed by ``Workspace.profile``.
PROFILE_HELP = {
    "local": "A file on this computer: fastest, for one person at a time.",
    "shared": "A file on a shared drive: several people can use it; saves wait "
              "briefly for each other.",
    "server": "A database server.",
}


def opening_name(db_arg: str | None) -> str:
    """What start-up says it is opening, before anything can resolve the target:
    the file name, or a server URL without its user and password."""
    if db_arg is None:
        return paths.default_database().name
    if "://" in db_arg:
        scheme, rest = db_arg.split("://", 1)
        # host, port and database only: no user or password, nor query options (which
        # can carry ``?password=...``)
        return f"{scheme}://{rest.rsplit('@', 1)[-1].split('?', 1)[0]}"
    return Path(db_arg).name or db_arg


def window_title(workspace: Workspace, demo: bool = False) -> str:
    suffix = " (read-only)" if workspace.read_only else ""
    prefix = "DEMO — " if demo else ""
    return f"{prefix}{APP_NAME} — {workspace.name} ({workspace.profile}){suffix}"


def location_text(workspace: Workspace) -> str:
    """Where the data lives, for the status bar: the full path, or the URL without password."""
    return f"Database: {workspace.location()} ({workspace.profile})"


def show_database(window: QWidget, workspace: Workspace, *, location: QLabel,
                  demo_banner: DemoBanner, read_only_banner: ReadOnlyBanner) -> None:
    """Title, DEMO banner, status bar location and read-only banner for ``workspace``."""
    demo = workspace.holds_demo_data()
    window.setWindowTitle(window_title(workspace, demo))
    demo_banner.setVisible(demo)
    if demo:
        demo_banner.show_text(DemoBanner.TEXT)
    location.setText(location_text(workspace))
    location.setToolTip(PROFILE_HELP.get(workspace.profile, ""))
    if workspace.read_only:
        read_only_banner.show_text(
            workspace.read_only_reason
            or f"{workspace.name} is open read-only: nothing can be saved.")
    else:
        read_only_banner.hide()
