"""Indicators: a council's headline measures over one or more rubric questions.

Kingston reports "voice of the child" and "provision quantified"; Medway sets
"health information 100%". For one moderated plan an indicator is *counted* when
at least one of its questions has an agreed answer other than NA, and *met* when
none of its agreed answers is a shortfall (CONTRACT.md, rubric JSON). That rule is
written once, in ``indicator_outcomes``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from qa_audit.domain.targets import TargetSchedule

__all__ = ["NA", "Indicator"]

NA = "NA"


@dataclass(frozen=True)
class Indicator:
    id: str
    label: str
    questions: tuple[str, ...]
    targets: TargetSchedule = field(default_factory=TargetSchedule)
    description: str = ""
    source: str = ""

    def target_on(self, day: dt.date) -> float | None:
        return self.targets.in_force(day)

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "id": self.id,
            "label": self.label,
            "questions": list(self.questions),
            "targets": self.targets.to_list(),
        }
        if self.description:
            d["description"] = self.description
        if self.source:
            d["source"] = self.source
        return d

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Indicator:
        return cls(
            id=d["id"],
            label=d["label"],
            questions=tuple(d["questions"]),
            targets=TargetSchedule.from_list(d.get("targets")),
            description=d.get("description", ""),
            source=d.get("source", ""),
        )
