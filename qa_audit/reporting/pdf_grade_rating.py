"""PDF section of the key issues report: families' and settings' views beside the
panel's agreed grades (figures from :mod:`qa_audit.reporting.grade_rating`)."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.platypus import Flowable

from qa_audit.domain.feedback import RESPONDENT_LABELS
from qa_audit.reporting.grade_rating import GradeRatingAgreement, PlanGradeRating
from qa_audit.reporting.pdf_parts import DASH
from qa_audit.reporting.pdf_sections import SectionDoc

__all__ = ["feedback_beside_grades_section"]

_AGREE = {True: "agree", False: "differ", None: "no rating"}


def _rating(r: PlanGradeRating) -> str:
    return DASH if r.rating is None else f"{r.rating} of 5"


def feedback_beside_grades_section(doc: SectionDoc, rows: Sequence[PlanGradeRating],
                                   agreement: GradeRatingAgreement | None) -> list[Flowable]:
    """The table of responses about moderated plans and the agreement sentence; nothing
    when no moderated plan has a response."""
    if not rows or agreement is None:
        return []
    table = [[r.plan_ref, f"{r.grade} ({r.band})", RESPONDENT_LABELS.get(r.respondent,
                                                                        r.respondent),
              f"{r.date:%d/%m/%Y}", _rating(r), r.felt_listened_to or DASH, _AGREE[r.agree]]
             for r in rows]
    out = [*doc.h1("Families' views beside the panel's grades"),
           doc.p(agreement.sentence()),
           doc.table(["Plan", "Agreed grade", "From", "Date", "Rating", "Felt listened to",
                      "Grade and rating"], table, [1.1, 1.9, 1.3, 0.9, 0.7, 1.0, 1.1],
                     numeric=[4]),
           doc.p("A good grade with a rating of 4 or 5, or a grade not good with 1 to 3, "
                 "agree. Every response about a plan moderated in this session is listed, "
                 "whatever its date; a response without a rating is not counted.", "Note")]
    quoted = [r for r in rows if r.excerpt]
    if quoted:
        out += [doc.p("Approved excerpts (redacted)", "Heading2")]
        out += [doc.p(f"“{r.excerpt}” ({RESPONDENT_LABELS.get(r.respondent, r.respondent)}, "
                      f"plan {r.plan_ref})") for r in quoted]
    return out
