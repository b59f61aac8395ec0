"""The "Import register" wizard: plan register or advice requests, all or nothing.

Five pages: choose the file, preview its first rows, match its columns to the
fields, check every row (nothing written; every bad row listed), import.
Reading, checking and importing run off the GUI thread (``workers.Job``), so a
50,000-row workbook shows progress and the window stays responsive.

The check page runs the same parser the import runs (``parse_register`` /
``parse_advice``) on a fresh read of the file with the chosen mapping, so a file
that passes the check is the file that gets imported; only the import page
writes, through ``register_import.import_plans`` / ``import_advice``.

Known limitation (service side): a field left at "(not in the file)" is still
filled from a column whose header is one of the field's synonyms, because
``match_headers`` has no way to say "skip this field"; the mapping page warns
when that will happen.

The pages live in ``register_import/`` (``file_pages``, ``run_pages``) and their
decisions in ``register_import/presenter.py`` (no Qt, unit-tested); this module
is the wizard that holds them and the state they share.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QWidget, QWizard

from qa_audit.gui import workers
from qa_audit.gui.context import AppContext
from qa_audit.gui.models.register_tables import PreviewTableModel, ProblemTableModel
from qa_audit.gui.register_import.file_pages import FilePage, MappingPage, PreviewPage
from qa_audit.gui.register_import.presenter import (
    KINDS,
    NOT_IN_FILE,
    CheckOutcome,
    RegisterKind,
    check_file,
)
from qa_audit.gui.register_import.run_pages import CheckPage, ImportPage
from qa_audit.importing.tabular import Table
from qa_audit.services.register_import import ImportResult

__all__ = [
    "KINDS",
    "NOT_IN_FILE",
    "CheckOutcome",
    "PreviewTableModel",
    "ProblemTableModel",
    "Qt",
    "RegisterImportWizard",
    "RegisterKind",
    "check_file",
    "workers",
]

log = logging.getLogger(__name__)


@dataclass
class _State:
    path: Path | None = None
    table: Table | None = None
    mapping: dict[str, str] = field(default_factory=dict)
    custom: dict[str, str | None] = field(default_factory=dict)  # custom field -> header


class RegisterImportWizard(QWizard):
    """Import a plan register (``kind="plans"``) or advice requests (``kind="advice"``).

    Non-blocking: use ``open()`` or ``show()``; ``imported`` is emitted (and
    ``ctx.notify(kind)`` called) after a successful import.
    """

    PAGE_FILE = 0
    PAGE_PREVIEW = 1
    PAGE_MAPPING = 2
    PAGE_CHECK = 3
    PAGE_IMPORT = 4

    imported = Signal(object)  # ImportResult

    def __init__(self, ctx: AppContext, kind: str = "plans", parent: QWidget | None = None,
                 path: str | Path | None = None) -> None:
        super().__init__(parent)
        if kind not in KINDS:
            raise ValueError(f"kind must be one of {', '.join(KINDS)}, not {kind!r}")
        self.ctx = ctx
        self.kind = KINDS[kind]
        self._state = _State()
        self._close_when_idle = False
        self.setObjectName("registerImportWizard")
        self.setWindowTitle(self.kind.title)
        self.setAccessibleName(self.kind.title)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        # the import page has its own Cancel import button; once done only Finish makes sense
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.setMinimumSize(760, 540)

        self.file_page = FilePage(self)
        self.preview_page = PreviewPage(self)
        self.mapping_page = MappingPage(self)
        self.check_page = CheckPage(self)
        self.import_page = ImportPage(self)
        self.setPage(self.PAGE_FILE, self.file_page)
        self.setPage(self.PAGE_PREVIEW, self.preview_page)
        self.setPage(self.PAGE_MAPPING, self.mapping_page)
        self.setPage(self.PAGE_CHECK, self.check_page)
        self.setPage(self.PAGE_IMPORT, self.import_page)
        self.setStartId(self.PAGE_FILE)
        if path is not None:
            self.file_page.path_edit.setText(str(path))

    # ------------------------------------------------------------ state

    @property
    def path(self) -> Path | None:
        return self._state.path

    @property
    def table(self) -> Table | None:
        return self._state.table

    @property
    def mapping(self) -> dict[str, str]:
        return self._state.mapping

    @mapping.setter
    def mapping(self, value: dict[str, str]) -> None:
        self._state.mapping = dict(value)

    @property
    def custom(self) -> dict[str, str | None]:
        """Columns kept as custom plan fields: field name -> header."""
        return self._state.custom

    @custom.setter
    def custom(self, value: dict[str, str | None]) -> None:
        self._state.custom = dict(value)

    def set_table(self, path: Path, table: Table) -> None:
        self._state.path = path
        self._state.table = table

    @property
    def import_result(self) -> ImportResult | None:
        """The import's outcome (not ``QDialog.result()``, the exit code)."""
        return self.import_page.result

    def busy(self) -> bool:
        """Whether background work (read, check or import) is running."""
        return (self.file_page.busy_now() or self.check_page.busy_now()
                or self.import_page.busy_now())

    # ------------------------------------------------------------ closing

    def reject(self) -> None:
        """Cancel: a running import is cancelled first (and rolled back), then we close."""
        if self.import_page.busy_now():
            self._close_when_idle = True
            self.import_page.cancel()
            return
        self.file_page.stop()
        self.check_page.stop()
        super().reject()

    def job_ended(self) -> None:
        if self._close_when_idle:
            self._close_when_idle = False
            super().reject()
