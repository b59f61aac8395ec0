"""Widgets for scoring one plan against a rubric (used by the scoring page, reusable for
moderation): one question, the whole generated form, and the undo commands."""
