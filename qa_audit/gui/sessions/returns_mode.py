"""The sampling panel for a session that audits advice returns (issue 17, the DCO).

Such a session draws returns, not plans (``services.sampling_returns``): the same
size, seed, stratify and exclusion controls, but the date window is the request
date, the strata are services, and services are chosen instead of plan types and
year groups. ``ReturnsMode`` relabels and swaps those controls on the Sessions
page's draw form; the decisions stay in ``sessions.presenter`` (``DrawForm.returns``).
"""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QComboBox, QGridLayout, QHBoxLayout, QLabel, QWidget

from qa_audit.services.advice_returns import service_label
from qa_audit.services.sampling_returns import RETURN_SERVICES

__all__ = ["ReturnsMode"]

_LABELS = {False: ("Issued &from:", "Issued &to:"), True: ("Requested &from:", "Requested &to:")}
_RETURN_STRATA = (("No stratification", None), ("Service", "service"))


class ReturnsMode:
    """Switches a draw form between plans and advice returns."""

    def __init__(self, box: QWidget, grid: QGridLayout, from_check: QCheckBox,
                 to_check: QCheckBox, stratify: QComboBox, plan_widgets: list[QWidget]) -> None:
        self.on = False
        self.from_check, self.to_check, self.stratify = from_check, to_check, stratify
        self.plan_widgets = plan_widgets
        self._plan_strata: list[tuple[str, object]] = []
        self.label = QLabel("Services:", box)
        self.checks: dict[str, QCheckBox] = {}
        row = QHBoxLayout()
        self.box = QWidget(box)
        self.box.setLayout(row)
        row.setContentsMargins(0, 0, 0, 0)
        for service in RETURN_SERVICES:
            check = QCheckBox(service_label(service), self.box)
            check.setObjectName(f"service_{service}")
            check.setAccessibleName(f"Include {service_label(service)} returns")
            check.setChecked(True)
            row.addWidget(check)
            self.checks[service] = check
        row.addStretch(1)
        at = grid.rowCount()
        grid.addWidget(self.label, at, 0)
        grid.addWidget(self.box, at, 1)
        self.label.hide()
        self.box.hide()

    def ticked(self) -> tuple[str, ...]:
        return tuple(s for s, c in self.checks.items() if c.isChecked())

    def set_on(self, on: bool) -> None:
        """Show the form for returns (True) or plans; the plans' stratify choices (which
        the page may have refilled meanwhile) come back. Safe to call again."""
        self.on = on
        self.from_check.setText(_LABELS[on][0])
        self.to_check.setText(_LABELS[on][1])
        for widget in self.plan_widgets:
            widget.setVisible(not on)
        self.label.setVisible(on)
        self.box.setVisible(on)
        combo = self.stratify
        showing_returns = combo.findData("service") >= 0
        if on == showing_returns:
            return
        current = combo.currentData()
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
