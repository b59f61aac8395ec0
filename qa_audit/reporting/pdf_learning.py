"""The themes report's exemplar-library sections: recurring shortfalls with good
practice, exemplars the panel marked, and training dates' before/after rates.

Kept out of ``pdf`` (already long); the renderer passes itself in as ``doc``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Protocol

from reportlab.platypus import Flowable, KeepTogether

from qa_audit.reporting.pdf_sections import SectionDoc

if TYPE_CHECKING:
    from qa_audit.reporting.figure_records import Excerpt
    from qa_audit.reporting.learning import Rate
    from qa_audit.reporting.themes import ThemesFigures

__all__ = ["LoopDoc", "learning_sections"]


class LoopDoc(SectionDoc, Protocol):
    """What the loop's sections use of the renderer (``pdf.ReportPdf``) passing itself in."""

    def h2(self, text: str) -> Flowable: ...

    def markup(self, markup: str, style: str = "Body") -> Flowable: ...

    def quotes(self, excerpts: Sequence[Excerpt], with_session: bool = False
               ) -> list[Flowable]: ...

    def bullets(self, items: Iterable[str]) -> list[Flowable]: ...


def _rate(rate: Rate) -> str:
    if not rate.n:
        return "no answers"
    return (f"{rate.shortfalls} of {rate.n} ({rate.percent:.1f}%; "
            f"95% CI {rate.ci_low:.0f}-{rate.ci_high:.0f}%)")


def learning_sections(doc: LoopDoc, f: ThemesFigures) -> list[Flowable]:
    out: list[Flowable] = [*doc.h1("Recurring shortfalls and good practice")]
    if not f.recurring:
        out.append(doc.p("No question was found short in two or more plans in this period."))
    for r in f.recurring:
        block: list[Flowable] = [
            doc.h2(f"{r.text or r.question_id} [{r.question_id}]"),
            doc.p(f"Agreed shortfall in {r.plans} plans: {_rate(r.rate)} of agreed answers.",
                  "Note")]
        if r.good_practice:
            block.append(doc.markup("<b>Good practice</b> (approved, redacted)", "Body"))
            block += doc.quotes(r.good_practice, True)
        else:
            block.append(doc.p("No approved good-practice excerpt for this question yet.",
                               "Note"))
        out.append(KeepTogether(block))
    if f.marked_exemplars:
        out += doc.h1("Exemplars marked by the panel")
        out.append(doc.table(["Session", "Plan", "Grade", "Why it is an exemplar"],
                             [[e.session, e.plan_ref,
                               f"{e.grade} ({e.band})" if e.grade is not None else "",
                               e.text] for e in f.marked_exemplars], [1.8, 1.3, 1.3, 5.5]))
    if f.training:
        out += doc.h1("Before and after training")
        out.append(doc.p("Agreed shortfall rate of each question the training covered, in the "
                         "period's sessions before the training date and on or after it. "
                         "With few plans the interval is wide: read a change with care.",
                         "Note"))
        for t in f.training:
            out.append(doc.h2(f"{t.title} ({t.date:%d/%m/%Y})"))
            out.append(doc.table(["Question", "Before", "After"],
                                 [[f"{q.text} [{q.question_id}]", _rate(q.before),
                                   _rate(q.after)] for q in t.questions], [4.5, 2.5, 2.5]))
    return out
