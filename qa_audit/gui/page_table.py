"""The pages of the main window: which exist, in which order, and how each is built.

Pages are listed once in ``PAGES`` (title, icon, factory taking the
``AppContext``). A factory imports its page when called, so a page (and the
services it pulls in: SQLAlchemy) is built the first time it is shown, not when
the window opens. To add a page, append a ``PageSpec`` to ``PAGES``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QWidget

from qa_audit import paths
from qa_audit.gui.context import AppContext
from qa_audit.gui.settings import make_settings

PageFactory = Callable[[AppContext], QWidget]

#: Ctrl+1 .. Ctrl+9 switch to the first nine pages.
MAX_PAGE_SHORTCUTS = 9


@dataclass(frozen=True)
class PageSpec:
    """One sidebar entry: how to build the page for a database."""

    title: str
    icon_name: str
    factory: PageFactory


@dataclass
class PageSlot:
    """A sidebar row and its page, built on first use (``widget`` None until then)."""

    title: str
    icon_name: str
    factory: PageFactory | None  # None: added ready-made with ``add_page``
    widget: QWidget | None = None


def page_is_loading(page: QWidget) -> bool:
    """True while a page still loads its first rows in the background.

    A page that loads off the GUI thread says so with a ``loading()`` method and a
    ``loaded`` signal emitted when the rows are shown; any other page is ready as
    soon as it is built.
    """
    loading = getattr(page, "loading", None)
    return loading is not None and hasattr(page, "loaded") and bool(loading())


def _plans_page(ctx: AppContext) -> QWidget:
    # deferred: a page pulls in its services (SQLAlchemy); built when first shown
    from qa_audit.gui.pages.plans_page import PlansPage

    return PlansPage(ctx)


def _rubrics_page(ctx: AppContext) -> QWidget:
    # deferred: a page pulls in its services (SQLAlchemy); built when first shown
    from qa_audit.gui.pages.rubrics_page import RubricsPage

    return RubricsPage(ctx)


def _sessions_page(ctx: AppContext) -> QWidget:
    # deferred: a page pulls in its services (SQLAlchemy); built when first shown
    from qa_audit.gui.pages.sessions_page import SessionsPage

    return SessionsPage(ctx)


def _scoring_page(ctx: AppContext) -> QWidget:
    # deferred: a page pulls in its services (SQLAlchemy); built when first shown
    from qa_audit.gui.pages.scoring_page import ScoringPage

    return ScoringPage(ctx, settings=make_settings())


def _moderation_page(ctx: AppContext) -> QWidget:
    # deferred: a page pulls in its services (SQLAlchemy); built when first shown
    from qa_audit.gui.pages.moderation_page import ModerationPage

    return ModerationPage(ctx)


def _actions_page(ctx: AppContext) -> QWidget:
    # deferred: a page pulls in its services (SQLAlchemy); built when first shown
    from qa_audit.gui.pages.actions_page import ActionsPage

    return ActionsPage(ctx)


def _reports_page(ctx: AppContext) -> QWidget:
    # deferred: a page pulls in its services (SQLAlchemy); built when first shown
    from qa_audit.gui.pages.reports_page import ReportsPage

    return ReportsPage(ctx)


def _dashboard_page(ctx: AppContext) -> QWidget:
    # deferred: a page pulls in its services (SQLAlchemy); built when first shown
    from qa_audit.gui.pages.dashboard_page import DashboardPage

    return DashboardPage(ctx)


def _scorecard_page(ctx: AppContext) -> QWidget:
    # deferred: a page pulls in its services (SQLAlchemy); built when first shown
    from qa_audit.gui.pages.scorecard_page import ScorecardPage

    return ScorecardPage(ctx)


def _exemplars_page(ctx: AppContext) -> QWidget:
    # deferred: a page pulls in its services (SQLAlchemy); built when first shown
    from qa_audit.gui.pages.exemplars_page import ExemplarsPage

    return ExemplarsPage(ctx)


#: The pages in sidebar order (Ctrl+1 is the first). Append here to add a page.
PAGES: list[PageSpec] = [
    PageSpec("Plans", "plans", _plans_page),
    PageSpec("Sessions", "sessions", _sessions_page),
    PageSpec("Scoring", "scoring", _scoring_page),
    PageSpec("Moderation", "moderation", _moderation_page),
    PageSpec("Actions", "actions", _actions_page),
    PageSpec("Reports", "reports", _reports_page),
    PageSpec("Dashboard", "dashboard", _dashboard_page),
    PageSpec("Scorecard", "scorecard", _scorecard_page),
    PageSpec("Rubrics", "rubrics", _rubrics_page),
    PageSpec("Exemplars", "exemplars", _exemplars_page),
]


def icon(name: str) -> QIcon:
    """An icon shipped in ``resources/icons`` (empty icon if the file is missing)."""
    path = paths.bundled("resources", "icons", f"{name}.svg")
    return QIcon(str(path)) if path.is_file() else QIcon()
