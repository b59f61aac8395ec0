"""Parsing annual reviews and feedback files (pure: no database, no Qt).

Layouts and keys: CONTRACT.md v2, "Annual reviews" (key plan_ref + due_date) and
"Feedback" (key plan_ref + respondent + date). Whether each plan_ref is in the
register needs the database: :mod:`qa_audit.services.board_import` checks it.

Choices where the contract is silent: coded values are read case-insensitively
and forgivingly ("Parent/Carer", "Young Person", "Amend plan", "Partly"); a rating
is a whole number 1 to 5; comments longer than :data:`COMMENTS_MAX` characters are
a bad cell; a decision date without a meeting date is allowed (only one before
the meeting is refused).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from qa_audit.domain import annual_review, feedback
from qa_audit.importing.keyed_rows import FieldSpec, ParsedRows, parse_keyed, plan_ref_field
from qa_audit.importing.tabular import Table, cell_text
from qa_audit.importing.values import parse_bool, parse_date, parse_int

__all__ = ["COMMENTS_MAX", "FEEDBACK_KEY", "FEEDBACK_SPECS", "REVIEW_KEY", "REVIEW_SPECS",
           "parse_feedback", "parse_reviews"]

COMMENTS_MAX = 4000


def _squeezed(raw: Any) -> str:
    return re.sub(r"[^a-z0-9]+", "_", cell_text(raw).lower()).strip("_")


def _coded(allowed: tuple[str, ...], synonyms: Mapping[str, str],
           what: str) -> Callable[[Any], str]:
    """A parser for one of ``allowed`` (or a synonym of one), any case and spacing."""
    def parse(raw: Any) -> str:
        key = _squeezed(raw)
        if key in allowed:
            return key
        if key in synonyms:
            return synonyms[key]
        raise ValueError(f"{what} must be one of {', '.join(allowed)}")
    return parse


def _rating(raw: Any) -> int:
    try:
        value = parse_int(raw)
    except ValueError:
        raise ValueError(f"rating must be a whole number {feedback.RATING_MIN} to "
                         f"{feedback.RATING_MAX}") from None
    if not feedback.RATING_MIN <= value <= feedback.RATING_MAX:
        raise ValueError(f"rating must be {feedback.RATING_MIN} to {feedback.RATING_MAX} "
                         "(5 = very satisfied)")
    return value


def _comments(raw: Any) -> str:
    text = cell_text(raw)
    if len(text) > COMMENTS_MAX:
        raise ValueError(f"comments are longer than {COMMENTS_MAX} characters")
    return text


REVIEW_SPECS: dict[str, FieldSpec] = {
    "plan_ref": plan_ref_field(),
    "due_date": FieldSpec(("Due Date", "Review Due", "Review Due Date", "Date Due",
                           "Annual Review Due", "AR Due Date"), parse_date, required=True),
    "meeting_date": FieldSpec(("Meeting Date", "Review Meeting", "Review Meeting Date",
                               "Date Held", "AR Meeting Date"), parse_date),
    "decision": FieldSpec(("Decision", "Review Decision", "Outcome", "LA Decision"),
                          _coded(annual_review.DECISIONS, {
                              "maintain_plan": "maintain", "maintained": "maintain",
                              "no_change": "maintain", "amend_plan": "amend",
                              "amended": "amend", "cease_plan": "cease", "ceased": "cease",
                              "cease_to_maintain": "cease"}, "decision")),
    "decision_date": FieldSpec(("Decision Date", "Date of Decision", "Decision Letter Date",
                                "Decision Notified"), parse_date),
    "amended_issue_date": FieldSpec(("Amended Issue Date", "Amended Plan Issued",
                                     "Final Amended Plan Date", "Amended Plan Issue Date",
                                     "Date Amended Plan Issued"), parse_date),
    "child_attended": FieldSpec(("Child Attended", "CYP Attended", "Young Person Attended",
                                 "Child Took Part", "CYP Participated", "Child Participated"),
                                parse_bool),
}
REVIEW_KEY = ("plan_ref", "due_date")

FEEDBACK_SPECS: dict[str, FieldSpec] = {
    "plan_ref": plan_ref_field(),
    "respondent": FieldSpec(("Respondent", "Respondent Type", "From", "Who"),
                            _coded(feedback.RESPONDENTS, {
                                "parent": "parent_carer", "carer": "parent_carer",
                                "parent_or_carer": "parent_carer", "parents": "parent_carer",
                                "parent_and_carer": "parent_carer", "family": "parent_carer",
                                "yp": "young_person", "cyp": "young_person",
                                "child": "young_person", "child_or_young_person": "young_person",
                                "school": "setting", "college": "setting",
                                "education_setting": "setting", "senco": "setting"},
                                   "respondent"), required=True),
    "date": FieldSpec(("Date", "Response Date", "Date of Response", "Date Received",
                       "Submitted"), parse_date, required=True),
    "stage": FieldSpec(("Stage", "Plan Stage", "Feedback Stage"),
                       _coded(feedback.STAGES, {
                           "new": "new_plan", "new_ehcp": "new_plan", "assessment": "new_plan",
                           "review": "annual_review", "ar": "annual_review",
                           "annual": "annual_review"}, "stage"), default="new_plan"),
    "rating": FieldSpec(("Rating", "Satisfaction", "Score", "Overall Rating",
                         "Satisfaction Rating"), _rating),
    "felt_listened_to": FieldSpec(("Felt Listened To", "Listened To", "Felt Heard",
                                   "Were You Listened To"),
                                  _coded(feedback.LISTENED, {
                                      "y": "yes", "true": "yes", "n": "no", "false": "no",
                                      "partially": "partly", "part": "partly",
                                      "somewhat": "partly", "sometimes": "partly"},
                                         "felt_listened_to")),
    "comments": FieldSpec(("Comments", "Comment", "Feedback", "Free Text", "Notes"),
                          _comments),
}
FEEDBACK_KEY = ("plan_ref", "respondent", "date")


def _review_check(v: Mapping[str, Any]) -> list[tuple[str, str]]:
    """The date rules on the fields the file has; a file without a decision column
    (amended plan dates sent apart) is checked against the stored decision when the
    import merges it (services.board_import)."""
    if "decision" not in v:
        v = {**v, "decision": "amend"} if v.get("amended_issue_date") else v
    return annual_review.date_problems(v.get("meeting_date"), v.get("decision"),
                                       v.get("decision_date"), v.get("amended_issue_date"))


def parse_reviews(table: Table, mapping: Mapping[str, str] | None = None) -> ParsedRows:
    """Validate every row of an annual reviews table."""
    return parse_keyed(table, REVIEW_SPECS, REVIEW_KEY, mapping, _review_check)


def parse_feedback(table: Table, mapping: Mapping[str, str] | None = None) -> ParsedRows:
    """Validate every row of a feedback table."""
    return parse_keyed(table, FEEDBACK_SPECS, FEEDBACK_KEY, mapping)
