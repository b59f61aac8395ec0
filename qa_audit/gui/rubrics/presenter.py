"""The Rubrics page's text, with no Qt: every piece of a rubric as escaped HTML, and summaries.

Every piece of rubric text comes from a file a council wrote, so all of it is
HTML-escaped here before the page displays it. Tested without Qt
(``tests/unit/test_rubrics_presenter.py``).
"""

from __future__ import annotations

import html
from typing import Any

from qa_audit.domain.rubric import Agency, Band, Option, Question, Rubric, Section, Theme
from qa_audit.domain.targets import TargetSchedule
from qa_audit.services import rubric_view
from qa_audit.services.rubric_view import RubricSummary, describe_condition

__all__ = ["band_cells", "detail_html", "indicators_html", "question_html", "rubric_summary"]

SHORTFALL_COLOUR = "#d4351c"
MET_COLOUR = "#00703c"
NO_RUBRICS_HTML = ("<p>No rubrics in this database. Import a rubric file (Ctrl+I), add one "
                   "from the council library, or run <code>qa-audit rubric import FILE</code>."
                   "</p>")


def indicators_html(rubric: Rubric) -> str:
    """The indicators for the overview pane: label, questions and each dated target step."""
    rows = []
    for indicator in rubric.indicators:
        steps = "<br>".join(html.escape(TargetSchedule((step,)).describe())
                            for step in indicator.targets.steps)
        rows.append(f"<tr><td>{html.escape(indicator.label)}</td>"
                    f"<td>{html.escape(', '.join(indicator.questions))}</td>"
                    f"<td>{steps or 'No target'}</td></tr>")
    if not rows:
        return ""
    return ("<h3>Indicators</h3><table cellspacing='0' cellpadding='4' border='1' "
            "style='border-collapse:collapse'><tr><th>Indicator</th><th>Questions</th>"
            "<th>Targets</th></tr>" + "".join(rows) + "</table>")


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _paragraphs(text: str) -> str:
    """Plain rubric text as escaped paragraphs, keeping the author's line breaks."""
    blocks = [b.strip() for b in text.replace("\r\n", "\n").split("\n\n") if b.strip()]
    return "".join(f"<p>{_e(b).replace(chr(10), '<br>')}</p>" for b in blocks)


def _row(label: str, value_html: str) -> str:
    return (f"<tr><th align='left' valign='top' style='padding-right:12px'>{_e(label)}</th>"
            f"<td valign='top'>{value_html}</td></tr>")


def _swatch(colour: str) -> str:
    return f"<span style='color:{colour}; font-size:large'>&#9679;</span>"


def _theme_names(rubric: Rubric, ids: tuple[str, ...]) -> list[str]:
    names = []
    for theme_id in ids:
        try:
            names.append(f"{_e(rubric.theme(theme_id).label)} <i>({_e(theme_id)})</i>")
        except KeyError:
            names.append(_e(theme_id))
    return names


def question_type_text(question: Question) -> str:
    if question.type == "scale":
        good = (f", good from {question.good_from} (lower is a shortfall)"
                if question.good_from is not None else "")
        return f"Scale {question.min}–{question.max}{good}"
    labels = " / ".join(o.label for o in question.options)
    return f"Choice: {labels}" if labels else "Choice"


def rubric_html(rubric: Rubric, version: int) -> str:
    parts = [f"<h2>{_e(rubric.title)}</h2>",
             f"<p><i>{_e(rubric.id)}, version {version}</i></p>"]
    if rubric.description:
        parts.append(_paragraphs(rubric.description))
    n_questions = sum(len(s.questions) for s in rubric.sections)
    rows = [
        _row("Sections", str(len(rubric.sections))),
        _row("Questions", str(n_questions)),
        _row("Overall grade", _e(rubric_view.scale_text(rubric))),
        _row("Target", _e(rubric_view.target_schedule_text(rubric))),
    ]
    parts.append("<table cellspacing='2'>" + "".join(rows) + "</table>")
    if rubric.sources:
        parts.append("<h3>Sources</h3><ul>"
                     + "".join(f"<li>{_e(s)}</li>" for s in rubric.sources) + "</ul>")
    parts.append(indicators_html(rubric))
    parts.append(catalogue_html(rubric))
    return "".join(parts)


def catalogue_html(rubric: Rubric) -> str:
    agencies = "".join(f"<li><b>{_e(a.label)}</b> <i>({_e(a.id)})</i></li>"
                       for a in rubric.agencies) or "<li>None listed</li>"
    themes = "".join(
        f"<li><b>{_e(t.label)}</b> <i>({_e(t.id)})</i>"
        + (f"<br>{_e(t.description)}" if t.description else "") + "</li>"
        for t in rubric.themes
    ) or "<li>None listed</li>"
    return (f"<h3>Agencies shortfalls can be attributed to</h3><ul>{agencies}</ul>"
            f"<h3>Themes</h3><ul>{themes}</ul>")


def section_html(section: Section) -> str:
    parts = [f"<h2>{_e(section.title)}</h2>", f"<p><i>Section {_e(section.id)}</i></p>"]
    if section.guidance:
        parts.append("<h3>Guidance</h3>" + _paragraphs(section.guidance))
    parts.append("<h3>Questions</h3><ol>"
                 + "".join(f"<li><b>{_e(q.id)}</b>: {_e(q.text)}</li>" for q in section.questions)
                 + "</ol>")
    return "".join(parts)


def question_html(rubric: Rubric, question: Question) -> str:
    parts = [f"<h2>{_e(question.text)}</h2>"]
    try:
        section = rubric.section_of(question.id)
        parts.append(f"<p><i>Question {_e(question.id)} in {_e(section.title)}</i></p>")
    except KeyError:
        parts.append(f"<p><i>Question {_e(question.id)}</i></p>")
    rows = [
        _row("Answer", _e(question_type_text(question))),
        _row("Not applicable", "Allowed (NA)" if question.allows_na else "Not allowed"),
        _row("Applies", _e(describe_condition(question.applies_when))
             + (f"<br><small>Rule: <code>{_e(question.applies_when)}</code></small>"
                if question.applies_when else "")),
    ]
    if question.evidence_section:
        where = question.evidence_section
        rows.append(_row("Look in", _e(f"Section {where}" if len(where) <= 2 else where)))
    if question.suggested_themes:
        rows.append(_row("Suggested themes",
                         "<br>".join(_theme_names(rubric, question.suggested_themes))))
    if question.tags:
        rows.append(_row("Tags", _e(", ".join(question.tags))))
    parts.append("<table cellspacing='4'>" + "".join(rows) + "</table>")
    if question.descriptor:
        parts.append("<h3>What good looks like</h3>" + _paragraphs(question.descriptor))
    if question.guidance:
        parts.append("<h3>Guidance</h3>" + _paragraphs(question.guidance))
    if question.type == "choice" and question.options:
        parts.append("<h3>Answers</h3><table cellspacing='0' cellpadding='4' border='1' "
                     "style='border-collapse:collapse'><tr><th>Code</th><th>Answer</th>"
                     "<th>Shortfall</th><th>Descriptor</th></tr>")
        for opt in question.options:
            flag = (f"{_swatch(SHORTFALL_COLOUR)} Yes" if opt.shortfall
                    else f"{_swatch(MET_COLOUR)} No")
            parts.append(f"<tr><td>{_e(opt.code)}</td><td>{_e(opt.label)}</td>"
                         f"<td>{flag}</td><td>{_e(opt.descriptor)}</td></tr>")
        parts.append("</table>")
    if question.type == "scale" and question.level_descriptors:
        parts.append("<h3>Levels</h3><table cellspacing='0' cellpadding='4' border='1' "
                     "style='border-collapse:collapse'><tr><th>Level</th><th>Shortfall</th>"
                     "<th>Descriptor</th></tr>")
        for level, text in question.level_descriptors:
            short = question.good_from is not None and level < question.good_from
            flag = (f"{_swatch(SHORTFALL_COLOUR)} Yes" if short
                    else f"{_swatch(MET_COLOUR)} No")
            parts.append(f"<tr><td>{level}</td><td>{flag}</td><td>{_e(text)}</td></tr>")
        parts.append("</table>")
    return "".join(parts)


def option_html(question: Question, option: Option) -> str:
    flag = ("a <b>shortfall</b>: counted against the plan and may be attributed to an agency"
            if option.shortfall else "not a shortfall")
    parts = [f"<h2>{_e(option.code)}: {_e(option.label)}</h2>",
             f"<p><i>An answer to {_e(question.id)}: {_e(question.text)}</i></p>",
             f"<p>{_swatch(SHORTFALL_COLOUR if option.shortfall else MET_COLOUR)} "
             f"This answer is {flag}.</p>"]
    if option.key:
        parts.append(f"<p>Keyboard shortcut when scoring: <b>{_e(option.key)}</b></p>")
    if option.descriptor:
        parts.append("<h3>When to choose it</h3>" + _paragraphs(option.descriptor))
    return "".join(parts)


def level_html(question: Question, level: int) -> str:
    short = question.good_from is not None and level < question.good_from
    text = question.level_descriptor(level)
    return (f"<h2>Level {level}</h2><p><i>{_e(question.id)}: {_e(question.text)}</i></p>"
            f"<p>{_swatch(SHORTFALL_COLOUR if short else MET_COLOUR)} "
            f"{'A shortfall' if short else 'Not a shortfall'}.</p>"
            + (_paragraphs(text) if text else ""))


def agency_html(agency: Agency) -> str:
    return (f"<h2>{_e(agency.label)}</h2><p><i>Agency id {_e(agency.id)}</i></p>"
            "<p>Shortfall answers can be attributed to this agency's advice.</p>")


def theme_html(rubric: Rubric, theme: Theme) -> str:
    used = [q.id for q in rubric.questions() if theme.id in q.suggested_themes]
    parts = [f"<h2>{_e(theme.label)}</h2>", f"<p><i>Theme id {_e(theme.id)}</i></p>"]
    if theme.description:
        parts.append(_paragraphs(theme.description))
    if used:
        parts.append("<p>Suggested by questions: " + _e(", ".join(used)) + "</p>")
    return "".join(parts)


def detail_html(rubric: Rubric, version: int, kind: str, payload: Any) -> str:
    """The detail pane for one tree item."""
    if kind == "section":
        return section_html(payload)
    if kind == "question":
        return question_html(rubric, payload)
    if kind == "option":
        question, option = payload
        return option_html(question, option)
    if kind == "level":
        question, level = payload
        return level_html(question, level)
    if kind == "agency":
        return agency_html(payload)
    if kind == "theme":
        return theme_html(rubric, payload)
    if kind in {"agencies", "themes"}:
        return catalogue_html(rubric)
    return rubric_html(rubric, version)


def problem_html(message: str) -> str:
    return f"<p style='color:#9b1c1c'>{_e(message)}</p>"


def rubric_summary(rubric: Rubric) -> str:
    """The line under the version picker."""
    n_questions = sum(len(s.questions) for s in rubric.sections)
    return (f"{len(rubric.sections)} sections, {n_questions} questions, "
            f"{len(rubric.agencies)} agencies, {len(rubric.themes)} themes")


def list_label(summary: RubricSummary) -> str:
    return f"{summary.title}\n{summary.id} · v{summary.latest_version}"


def version_choices(summary: RubricSummary) -> list[tuple[str, int]]:
    """Newest first, the latest marked."""
    return [(f"Version {v}" + (" (latest)" if v == summary.latest_version else ""), v)
            for v in sorted(summary.versions, reverse=True)]


def target_text(rubric: Rubric) -> str:
    """The overall grade scale and its target, above the bands."""
    targets = rubric.overall.targets
    target = f"plans good or better: {targets.describe()}" if targets else "none set"
    return f"{rubric_view.scale_text(rubric)}.\nTarget, {target}."


def band_cells(band: Band) -> tuple[str, str, str, str]:
    """A band's row: label, grades, RAG, counts as good."""
    grades = str(band.from_) if band.from_ == band.to else f"{band.from_}–{band.to}"
    return band.label, grades, band.rag.capitalize(), "Yes" if band.good else "No"


def level_is_shortfall(question: Question, level: int) -> bool:
    return question.good_from is not None and level < question.good_from
