"""The plan document pane docked beside the scoring form (see ``docs/evidence-pane.md``):
``plan_pane.PlanDocumentPane`` (controller), ``pane_view`` (widgets) and
``pane_presenter`` (no Qt). Nothing is imported here, so the presenter loads no Qt."""
