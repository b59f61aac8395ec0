"""What the Plans page shows and decides, without Qt: the filter, the choices' labels,
the count line, when the guidance replaces the table, and when a load must read the
filter choices or run again.

The page (``pages/plans_page.py``) runs the register query in a worker and fills the
widgets; tested without a window (``tests/unit/test_plans_presenter.py``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from qa_audit.errors import UserError
from qa_audit.gui.formatting import phase_label
from qa_audit.services.plans import PlanFilter
from qa_audit.services.rubric_view import NEED_NAMES

__all__ = ["EMPTY_MESSAGE", "LOADING_MESSAGE", "REFRESH_ON", "SEARCH_DELAY_MS", "Choices",
           "PlansPresenter", "count_text", "failure", "filter_choices", "need_label"]

SEARCH_DELAY_MS = 250
EMPTY_MESSAGE = "No plans yet: import a register or load demo data"
LOADING_MESSAGE = "Loading plans…"
#: Topics of ``AppContext.data_changed`` that change what the page shows.
REFRESH_ON = frozenset({"plans", "audits", "sessions", "advice"})
#: What a reload with an empty register offers in each filter: nothing.
NO_CHOICES: Mapping[str, Sequence[str]] = {"team": [], "primary_need": [], "phase": []}

Choices = list[tuple[str, str]]  # (label shown, value filtered on)


def count_text(total: int, shown: int) -> str:
    """``412 plans, 37 shown``."""
    noun = "plan" if total == 1 else "plans"
    return f"{total:,} {noun}, {shown:,} shown"


def need_label(code: str) -> str:
    """``ASD – Autistic spectrum disorder`` (the code alone when it is not a known need)."""
    name = NEED_NAMES.get(code)
    return f"{code} – {name}" if name else code


def filter_choices(choices: Mapping[str, Sequence[str]]) -> dict[str, Choices]:
    """The team, need and phase filters' items from the register's distinct values."""
    return {"team": [(t, t) for t in choices["team"]],
            "primary_need": [(need_label(n), n) for n in choices["primary_need"]],
            "phase": [(phase_label(p), p) for p in choices["phase"]]}


def failure(message: str, user_error: bool) -> UserError:
    """A failed load, as the page says it (a programming error points to the log)."""
    return UserError(message if user_error else
                     f"The plans could not be loaded ({message}); the details are in the log.")


@dataclass(frozen=True)
class Shown:
    """What a finished load puts on the page."""

    count: str
    empty: bool  # the register is empty: the guidance and "Load demo data" replace the table


class PlansPresenter:
    """``PlansPresenter(count_plans)``: the page's decisions around its background loads."""

    def __init__(self, count_plans: Callable[[], int]) -> None:
        self._count_plans = count_plans
        self.total = 0
        self._wanted_reads_choices = False  # the wanted load also reads the filter choices

    def register_is_empty(self) -> bool:
        """Count the register before a reload (UserError when unreadable): an empty one
        needs no background load, the guidance shows at once."""
        return self._count_plans() == 0

    def reads_choices(self, asked: bool, busy: bool) -> bool:
        """Whether the load about to start reads the filter choices: when asked, or when
        the load it replaces was to (its result is dropped, so this one reads them)."""
        self._wanted_reads_choices = asked or (busy and self._wanted_reads_choices)
        return self._wanted_reads_choices

    @staticmethod
    def loading_text(showing_rows: bool) -> str | None:
        """The count line while loading: kept when rows show, else "Loading plans…"."""
        return None if showing_rows else LOADING_MESSAGE

    def shown(self, total: int, rows: int) -> Shown:
        self.total = total
        return Shown(count_text(total, rows), total == 0)

    @staticmethod
    def runs_again(read_choices: bool, loaded: PlanFilter, current: PlanFilter) -> bool:
        """After new choices were filled, a chosen value that is gone from the register
        changed the filter: the rows must be read again for it."""
        return read_choices and loaded != current

    @staticmethod
    def count_after_problem(count: str) -> str:
        """The count line when a load failed: "Loading plans…" is cleared (nothing
        loaded), an earlier count stays."""
        return "" if count == LOADING_MESSAGE else count
