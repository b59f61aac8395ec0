"""The plan document pane docked beside the scoring form (see ``docs/evidence-pane.md``)."""

from __future__ import annotations

from qa_audit.gui.evidence.plan_pane import PlanDocumentPane

__all__ = ["PlanDocumentPane"]
