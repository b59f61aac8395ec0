"""The sampling panel for a session that audits advice returns (issue 17, the DCO).

Such a session draws returns, not plans (``services.sampling_returns``): the same
size, seed, stratify and exclusion controls, but the date window is the request
date, the strata are services, and services are chosen instead of plan types and
year groups. ``ReturnsMode`` relabels and swaps those controls on the Sessions
page's draw form; the decisions stay in ``sessions.presenter`` (``DrawForm.returns``).
"""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractButton, QCheckBox, QComboBox, QGridLayout, QLabel, QWidget

from qa_audit.services.advice_returns import service_label
from qa_audit.services.sampling_returns import RETURN_SERVICES

__all__ = ["ReturnsMode"]

_LABELS = {False: ("Issued &from:", "Issued &to:"), True: ("Requested &from:", "Requested &to:")}
_RETURN_STRATA = (("No stratification", None), ("Service", "service"))
#: the service ticks' columns: two fit the draw form at 1366 wide with every name whole
_SERVICE_COLUMNS = 2
#: texts that say "plans" on a plan session and "returns" on a DCO session
_SIZE_TEXT = {False: "Number of p&lans", True: "Number of ret&urns"}
_PREVIEW_TEXT = {False: "<b>Preview</b> (eligible plans now, and how many each stratum would give)",
                 True: "<b>Preview</b> (eligible returns now, and how many each service would "
                       "give)"}


class ReturnsMode:
    """Switches a draw form between plans and advice returns."""

    def __init__(self, box: QWidget, grid: QGridLayout, from_check: QCheckBox,
                 to_check: QCheckBox, stratify: QComboBox, plan_widgets: list[QWidget],
                 size_radio: QAbstractButton, preview_title: QLabel) -> None:
        self.on = False
        self.from_check, self.to_check, self.stratify = from_check, to_check, stratify
        self.size_radio, self.preview_title = size_radio, preview_title
        self.plan_widgets = plan_widgets
        self._plan_strata: list[tuple[str, object]] = []
        self._choice: object = None  # the returns' stratify choice, kept over a refill
        self.label = QLabel("Services:", box)
        self.checks: dict[str, QCheckBox] = {}
        # in columns under their label: eight in one row squeezed every name away
        ticks = QGridLayout()
        self.box = QWidget(box)
        self.box.setLayout(ticks)
        ticks.setContentsMargins(0, 0, 0, 0)
        for n, service in enumerate(RETURN_SERVICES):
            check = QCheckBox(service_label(service), self.box)
            check.setObjectName(f"service_{service}")
            check.setAccessibleName(f"Include {service_label(service)} returns")
            check.setChecked(True)
            ticks.addWidget(check, n // _SERVICE_COLUMNS, n % _SERVICE_COLUMNS)
            self.checks[service] = check
        at = grid.rowCount()
        grid.addWidget(self.label, at, 0, 1, 2)
        grid.addWidget(self.box, at + 1, 0, 1, 2)
        self.label.hide()
        self.box.hide()

    def ticked(self) -> tuple[str, ...]:
        return tuple(s for s, c in self.checks.items() if c.isChecked())

    def tick(self, services: tuple[str, ...] | None) -> None:
        """Tick the services of a stored draw (None: every service)."""
        for service, check in self.checks.items():
            check.blockSignals(True)
            check.setChecked(services is None or service in services)
            check.blockSignals(False)

    def remember(self) -> None:
        """Keep the returns' stratify choice before the page refills the combo with the
        plans' choices (which hold no "service")."""
        if self.on and self.stratify.findData("service") >= 0:
            self._choice = self.stratify.currentData()

    def set_on(self, on: bool) -> None:
        """Show the form for returns (True) or plans; the plans' stratify choices (which
        the page may have refilled meanwhile) come back. Safe to call again."""
        self.remember()
        self.on = on
        self.from_check.setText(_LABELS[on][0])
        self.to_check.setText(_LABELS[on][1])
        self.size_radio.setText(_SIZE_TEXT[on])
        self.preview_title.setText(_PREVIEW_TEXT[on])
        for widget in self.plan_widgets:
            widget.setVisible(not on)
        self.label.setVisible(on)
        self.box.setVisible(on)
        combo = self.stratify
        showing_returns = combo.findData("service") >= 0
        if on == showing_returns:
            return
        current = self._choice if on else combo.currentData()
        if on:
            self._plan_strata = [(combo.itemText(i), combo.itemData(i))
                                 for i in range(combo.count())]
        items = list(_RETURN_STRATA) if on else self._plan_strata or [_RETURN_STRATA[0]]
        combo.blockSignals(True)
        combo.clear()
        for text, data in items:
            combo.addItem(text, data)
        combo.setCurrentIndex(max(combo.findData(current), 0))
        combo.blockSignals(False)
