"""Parsing and validating a scored-audits file (pure: no database, no Qt).

Layout (CONTRACT "Scored audits"): one row per plan per auditor, key
``session + plan_ref + auditor``; columns ``session, rubric, plan_ref, auditor,
agency, audit_date, overall, <qid>, <qid>.note, <qid>.agency, themes,
strengths, development``, plus (a project addition, docs/cli.md) ``<qid>.reason``.
Any other column is an error naming it.

The rubric is reached only through the callbacks passed to
:func:`parse_audits` (``audits_rubric.rubric_inputs`` builds them from a rubric
object), so this module does not depend on the rubric classes.

Choices where the contract is silent:

* One rubric per file: the callbacks validate against one rubric.  With
  ``rubric`` given, a non-blank ``rubric`` cell must name it (case-insensitive);
  without it, every non-blank ``rubric`` cell must name the same rubric as the
  first one.  :func:`peek_audit_file` tells the caller which sessions and
  rubrics a file names before it builds the callbacks.
* ``session`` (``--session``) fills blank ``session`` cells or stands in for a
  missing column; a non-blank cell naming another session is a bad cell.
* Headers match field names and question ids case-insensitively, ignoring
  spaces, ``_`` and ``-`` (the contract's rule for all imports); ``plan_ref``
  also accepts the register's synonyms (``Plan Ref``, ``Person ID``...).
* An unknown column is reported on the header row with the column's header and,
  when one is close, a "did you mean" hint.
* Key repeats compare session and auditor case-insensitively (and with runs of
  spaces squeezed), plan_ref case-insensitively too (``domain.plan_ref``); every
  repeat after the first is reported
  on the auditor column, naming the first row.
* The auditor's name keeps its case (spaces squeezed); ``panel`` in any case
  becomes ``panel`` with ``is_panel=True``.
* ``agency``, ``<qid>.agency`` and theme ids match the rubric's ids
  case-insensitively and come back spelled as in the rubric.  Themes are
  separated by ``;`` (``,`` and line breaks are accepted too); repeats are
  dropped; the themes cell with unknown ids is one problem listing them.
* For a row whose plan_ref is unknown (``plan_facts`` returns None) answers are
  still checked against empty facts (every question applies) so that one run
  reports everything.
* A ``<qid>.agency`` needs a valid shortfall answer in ``<qid>`` on the same
  row; a blank answer there is a bad cell too.  It holds one or more agency ids
  separated by ``;`` (repeats collapse, order kept); each unknown id is one
  problem on that cell.  A note without an answer is fine.
* A ``<qid>.reason`` holds one of the question's reason codes valid for the
  answer on the same row (``when: na`` for NA, ``shortfall`` for a shortfall,
  ``any`` for either), case-insensitive, spelled as in the rubric.
* ``strengths``/``development``/notes are stripped; blank becomes None/absent.
* ``rows`` holds only rows without problems; header problems use the header row.
* On a rubric whose ``unit`` is ``advice_return`` (``advice_request`` given) the
  ``service`` and ``requested_date`` columns are required and name the advice request
  audited; a row whose request is not in the advice register is a bad cell on
  ``requested_date`` (on ``service`` when the service is not a known one). The key
  is then session + plan_ref + service + requested_date + auditor. On other rubrics
  either column is an error naming it.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from qa_audit.domain.plan_ref import plan_ref_key
from qa_audit.errors import RowProblem
from qa_audit.importing.audits_rubric import IsShortfall, ValidateAnswer, ValidateReason
from qa_audit.importing.register_parse import PLAN_REF_SYNONYMS, check_plan_ref
from qa_audit.importing.tabular import (
    CellProblems,
    Table,
    cell_text,
    is_blank,
    match_headers,
    normalise_header,
)
from qa_audit.importing.values import parse_date, parse_int, parse_service

__all__ = [
    "AUDIT_FIELDS",
    "PANEL",
    "AuditFilePreview",
    "AuditRow",
    "ParsedAudits",
    "parse_audits",
    "peek_audit_file",
]

PANEL = "panel"
NAME_MAX = 200

PlanFacts = Callable[[str], Mapping[str, Any] | None]
#: (plan_ref, service, requested_date) -> is that advice request in the register?
AdviceRequestExists = Callable[[str, str, dt.date], bool]

#: fixed columns -> header synonyms (the field name is listed first)
AUDIT_FIELDS: dict[str, list[str]] = {
    "session": ["session", "session name", "audit session"],
    "rubric": ["rubric", "rubric id"],
    "plan_ref": ["plan_ref", *PLAN_REF_SYNONYMS],
    "auditor": ["auditor", "auditor name"],
    "agency": ["agency", "auditor agency"],
    "audit_date": ["audit_date", "date audited", "audited"],
    "overall": ["overall", "overall grade"],
    "themes": ["themes", "theme"],
    "strengths": ["strengths"],
    "development": ["development", "areas for development"],
    # only on an advice_return rubric (CONTRACT "Scored audits"): the request audited
    "service": ["service", "advice service"],
    "requested_date": ["requested_date", "date requested", "request date"],
}
#: the columns naming an advice request: required on, and only on, advice_return rubrics
ADVICE_COLUMNS = ("service", "requested_date")
_ANSWER, _NOTE, _ATTRIBUTION, _REASON = "answer:", "note:", "agency:", "reason:"
_AGENCY_SPLIT = re.compile(r";+")
_THEME_SPLIT = re.compile(r"[;,\r\n]+")


@dataclass(frozen=True)
class AuditRow:
    """One valid audit row.  ``answers``/``notes``/``attributions`` hold non-blank cells only."""

    session: str
    rubric: str | None
    plan_ref: str
    auditor: str
    is_panel: bool
    agency: str | None
    audit_date: dt.date | None
    overall: int | None
    answers: dict[str, str]
    notes: dict[str, str]
    attributions: dict[str, tuple[str, ...]]  # question id -> agency ids, in the cell's order
    themes: tuple[str, ...]
    strengths: str | None
    development: str | None
    row: int
    reasons: dict[str, str] = field(default_factory=dict)  # question id -> reason code
    service: str | None = None  # the advice request audited (advice_return rubrics)
    requested_date: dt.date | None = None

    @property
    def key(self) -> tuple[str, ...]:
        if self.service is not None and self.requested_date is not None:
            return (self.session, self.plan_ref, self.service,
                    self.requested_date.isoformat(), self.auditor)
        return (self.session, self.plan_ref, self.auditor)

    @property
    def label(self) -> str:
        """How the change log names this audit: session/plan_ref[/service/date]/auditor."""
        return "/".join(self.key)


@dataclass
class ParsedAudits:
    """Result of :func:`parse_audits`; import only when ``problems`` is empty."""

    rows: list[AuditRow]
    problems: list[RowProblem]
    header_of: dict[str, str] = field(default_factory=dict)  # fixed field -> header in file
    question_columns: dict[str, str] = field(default_factory=dict)  # qid -> header in file
    rows_read: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass(frozen=True)
class AuditFilePreview:
    """What a file names before validation: to find the session(s) and rubric to use."""

    sessions: tuple[str, ...]  # distinct non-blank session cells, in file order
    rubrics: tuple[str, ...]  # distinct non-blank rubric cells, in file order
    has_session_column: bool
    has_rubric_column: bool


def _squeeze(text: str) -> str:
    return " ".join(text.split())


def peek_audit_file(table: Table) -> AuditFilePreview:
    """The sessions and rubrics a scored-audits table names (no validation)."""
    fields = {f: AUDIT_FIELDS[f] for f in ("session", "rubric")}
    found: dict[str, int] = {}
    for index, header in enumerate(table.headers):
        key = normalise_header(header)
        for name, synonyms in fields.items():
            if name not in found and key in {normalise_header(s) for s in synonyms}:
                found[name] = index
    values: dict[str, dict[str, None]] = {"session": {}, "rubric": {}}
    for name, index in found.items():
        seen = values[name]
        for cells in table.rows:
            text = _squeeze(cell_text(cells[index]))
            if text:
                seen.setdefault(text, None)
    return AuditFilePreview(
        sessions=tuple(values["session"]), rubrics=tuple(values["rubric"]),
        has_session_column="session" in found, has_rubric_column="rubric" in found,
    )


def _canonical(ids: Iterable[str]) -> dict[str, str]:
    return {i.casefold(): i for i in ids}


def _no_reasons(qid: str, text: str, value: Any) -> tuple[str | None, str | None]:
    return None, f"{qid} offers no reasons"


def _did_you_mean(header: str, candidates: list[str]) -> str:
    by_key = {c.lower(): c for c in candidates}
    close = difflib.get_close_matches(header.strip().lower(), list(by_key), n=1, cutoff=0.75)
    return f"; did you mean {by_key[close[0]]!r}?" if close else ""


def parse_audits(
    table: Table,
    *,
    question_ids: Collection[str],
    validate_answer: ValidateAnswer,
    agency_ids: Collection[str],
    theme_ids: Collection[str],
    grade_range: tuple[int, int],
    is_shortfall: IsShortfall,
    plan_facts: PlanFacts,
    session: str | None = None,
    rubric: str | None = None,
    validate_reason: ValidateReason | None = None,
    advice_request: AdviceRequestExists | None = None,
) -> ParsedAudits:
    """Validate every row of a scored-audits table.

    ``validate_answer(qid, raw, facts)`` returns ``(value, None)`` for a valid
    answer (``value`` as the rubric spells it) or ``(None, reason)``; it is only
    called for non-blank cells and must reject answers to questions that do not
    apply to a plan with those facts.  ``is_shortfall(qid, value)`` is only
    called with values ``validate_answer`` accepted.  ``plan_facts(plan_ref)``
    returns the plan's facts, or None for a plan not in the register (a bad cell).
    ``session``: the ``--session`` name; ``rubric``: the id of the rubric the
    callbacks belong to. ``validate_reason(qid, text, value)`` checks a
    ``<qid>.reason`` cell against the row's answer ``value`` (None when blank);
    without it every reason cell is a bad cell. ``advice_request``: given on an
    ``advice_return`` rubric, whether a plan's advice request exists (see the module
    docstring); without it the ``service`` and ``requested_date`` columns are refused.
    """
    question_ids = list(question_ids)
    fields: dict[str, list[str]] = dict(AUDIT_FIELDS)
    for qid in question_ids:
        fields[_ANSWER + qid] = [qid]
        fields[_NOTE + qid] = [f"{qid}.note"]
        fields[_ATTRIBUTION + qid] = [f"{qid}.agency"]
        fields[_REASON + qid] = [f"{qid}.reason"]
    required = (["plan_ref", "auditor"] + ([] if session else ["session"])
                + (list(ADVICE_COLUMNS) if advice_request else []))
    match = match_headers(table.headers, fields, None, required=required,
                          field_names_match=False, header_row=table.header_row,
                          map_hint=False)
    problems: list[RowProblem] = [
        RowProblem(p.row, p.column, p.value,
                   p.reason + (" (or give --session)" if p.column == "session" else ""))
        if p.reason.startswith("required column missing") else p
        for p in match.problems
    ]
    suggestions = [*(f for f in AUDIT_FIELDS),
                   *(n for q in question_ids
                     for n in (q, f"{q}.note", f"{q}.agency", f"{q}.reason"))]
    rubric_label = f" of rubric {rubric}" if rubric else ""
    for index, label in zip(match.unknown_columns, match.unknown, strict=True):
        if not table.headers[index].strip():
            reason = "column has data but no header"
        else:
            reason = (f"unknown column: not an audit field or a question id{rubric_label}"
                      + _did_you_mean(label, suggestions))
        problems.append(RowProblem(table.header_row, label, "", reason))

    col = match.column_of
    labels = match.header_of(table.headers)
    if advice_request is None:
        for name in ADVICE_COLUMNS:
            if name in col:
                problems.append(RowProblem(
                    table.header_row, labels[name], "",
                    f"{name} is only a column on a rubric whose unit is advice_return"
                    f"{' (rubric ' + rubric + ' audits whole plans)' if rubric else ''}"))
                del col[name]
    header_of = {f: h for f, h in labels.items() if ":" not in f}
    answer_cols = [(f[len(_ANSWER):], i) for f, i in col.items() if f.startswith(_ANSWER)]
    note_cols = [(f[len(_NOTE):], i) for f, i in col.items() if f.startswith(_NOTE)]
    attribution_cols = [(f[len(_ATTRIBUTION):], i) for f, i in col.items()
                        if f.startswith(_ATTRIBUTION)]
    reason_cols = [(f[len(_REASON):], i) for f, i in col.items() if f.startswith(_REASON)]
    agencies = _canonical(agency_ids)
    themes_known = _canonical(theme_ids)
    low, high = grade_range
    agency_list = ", ".join(agency_ids) or "none"

    i_session, i_rubric, i_ref = col.get("session"), col.get("rubric"), col.get("plan_ref")
    i_auditor, i_agency, i_date = col.get("auditor"), col.get("agency"), col.get("audit_date")
    i_overall, i_themes = col.get("overall"), col.get("themes")
    i_strengths, i_development = col.get("strengths"), col.get("development")

    default_session = _squeeze(session) if session else None
    expected_rubric = rubric
    facts_cache: dict[str, Mapping[str, Any] | None] = {}
    first_row_of: dict[tuple[str, ...], int] = {}
    i_service, i_requested = col.get("service"), col.get("requested_date")
    rows: list[AuditRow] = []

    for n, cells in enumerate(table.rows):
        row_no = table.row_numbers[n]
        bad = CellProblems(row_no)

        # session
        session_name = default_session
        if i_session is not None:
            raw = cells[i_session]
            text = _squeeze(cell_text(raw))
            if text:
                if default_session and text.casefold() != default_session.casefold():
                    bad.add(i_session, header_of["session"], raw,
                            f"session differs from --session {default_session!r}")
                elif len(text) > NAME_MAX:
                    bad.add(i_session, header_of["session"], raw,
                            f"longer than {NAME_MAX} characters")
                else:
                    session_name = default_session or text
            elif not default_session:
                bad.add(i_session, header_of["session"], raw,
                        "session is blank (required, or give --session)")

        # rubric
        rubric_id = expected_rubric
        if i_rubric is not None:
            raw = cells[i_rubric]
            text = cell_text(raw)
            if text:
                if expected_rubric is None:
                    expected_rubric = rubric_id = text
                elif text.casefold() != expected_rubric.casefold():
                    bad.add(i_rubric, header_of["rubric"], raw,
                            f"rubric differs from {expected_rubric!r} "
                            "(one rubric per import file)")

        # plan
        plan_ref: str | None = None
        facts: Mapping[str, Any] = {}
        if i_ref is not None:
            raw = cells[i_ref]
            try:
                plan_ref = check_plan_ref(cell_text(raw))
            except ValueError as err:
                bad.add(i_ref, header_of["plan_ref"], raw, str(err))
            else:
                if plan_ref in facts_cache:
                    found = facts_cache[plan_ref]
                else:
                    found = facts_cache[plan_ref] = plan_facts(plan_ref)
                if found is None:
                    bad.add(i_ref, header_of["plan_ref"], raw,
                            "plan_ref is not in the plan register")
                else:
                    facts = found

        # auditor
        auditor: str | None = None
        if i_auditor is not None:
            raw = cells[i_auditor]
            text = _squeeze(cell_text(raw))
            if not text:
                bad.add(i_auditor, header_of["auditor"], raw, "auditor is blank (required)")
            elif len(text) > NAME_MAX:
                bad.add(i_auditor, header_of["auditor"], raw,
                        f"longer than {NAME_MAX} characters")
            else:
                auditor = PANEL if text.casefold() == PANEL else text

        service, requested = _advice_cells(cells, bad, i_service, i_requested, header_of)
        if (advice_request is not None and plan_ref and plan_ref in facts_cache
                and facts_cache[plan_ref] is not None and service and requested
                and not advice_request(plan_ref, service, requested)):
            bad.add(i_requested if i_requested is not None else -1,
                    header_of.get("requested_date", "requested_date"),
                    cells[i_requested] if i_requested is not None else "",
                    f"no advice request for plan {plan_ref} from {service} requested on "
                    f"{requested.isoformat()} in the advice register")
        if session_name and plan_ref and auditor and (
                advice_request is None or (service and requested)):
            key: tuple[str, ...] = (session_name.casefold(), plan_ref_key(plan_ref),
                                    auditor.casefold())
            what = "session, plan_ref and auditor"
            if advice_request is not None:
                key = (*key, str(service), str(requested))
                what = "session, plan_ref, service, requested_date and auditor"
            first = first_row_of.get(key)
            if first is None:
                first_row_of[key] = row_no
            else:
                bad.add(i_auditor if i_auditor is not None else -1, header_of["auditor"],
                        cells[i_auditor] if i_auditor is not None else auditor,
                        f"same {what} as row {first}")

        # agency of the auditor
        agency: str | None = None
        if i_agency is not None and not is_blank(raw := cells[i_agency]):
            agency = agencies.get(cell_text(raw).casefold())
            if agency is None:
                bad.add(i_agency, header_of["agency"], raw,
                        f"unknown agency (rubric agencies: {agency_list})")

        audit_date: dt.date | None = None
        if i_date is not None and not is_blank(raw := cells[i_date]):
            try:
                audit_date = parse_date(raw)
            except ValueError as err:
                bad.add(i_date, header_of["audit_date"], raw, str(err))

        overall: int | None = None
        if i_overall is not None and not is_blank(raw := cells[i_overall]):
            try:
                overall = parse_int(raw)
            except ValueError:
                overall = None
            if overall is None or not low <= overall <= high:
                overall = None
                bad.add(i_overall, header_of["overall"], raw,
                        f"overall grade must be a whole number from {low} to {high}")

        answers: dict[str, str] = {}
        invalid_answers: set[str] = set()
        for qid, index in answer_cols:
            raw = cells[index]
            text = cell_text(raw)
            if not text:
                continue
            value, why_not = validate_answer(qid, text, facts)
            if why_not is not None or value is None:
                invalid_answers.add(qid)
                bad.add(index, labels[_ANSWER + qid], raw, why_not or "not a valid answer")
            else:
                answers[qid] = value

        notes: dict[str, str] = {}
        for qid, index in note_cols:
            text = cell_text(cells[index])
            if text:
                notes[qid] = text

        attributions: dict[str, tuple[str, ...]] = {}
        for qid, index in attribution_cols:
            raw = cells[index]
            parts = [p.strip() for p in _AGENCY_SPLIT.split(cell_text(raw)) if p.strip()]
            if not parts:
                continue
            label = labels[_ATTRIBUTION + qid]
            unknown = [p for p in parts if p.casefold() not in agencies]
            for item in unknown:
                bad.add(index, label, raw, f"unknown agency {item!r} "
                        f"(rubric agencies: {agency_list}; separate several with ;)")
            if unknown or qid in invalid_answers:
                continue  # an invalid answer is already reported
            if qid not in answers:
                bad.add(index, label, raw,
                        f"an agency is only allowed on a shortfall answer, and {qid} is blank")
            elif not is_shortfall(qid, answers[qid]):
                bad.add(index, label, raw,
                        f"an agency is only allowed on a shortfall answer "
                        f"({qid} = {answers[qid]} is not a shortfall)")
            else:
                attributions[qid] = tuple(dict.fromkeys(agencies[p.casefold()] for p in parts))

        reasons: dict[str, str] = {}
        for qid, index in reason_cols:
            raw = cells[index]
            text = cell_text(raw)
            if not text or qid in invalid_answers:
                continue
            code, why = (validate_reason or _no_reasons)(qid, text, answers.get(qid))
            if code is None:
                bad.add(index, labels[_REASON + qid], raw, why or "not a valid reason")
            else:
                reasons[qid] = code

        themes: list[str] = []
        if i_themes is not None and not is_blank(raw := cells[i_themes]):
            unknown = []
            for part in _THEME_SPLIT.split(cell_text(raw)):
                item = part.strip()
                if not item:
                    continue
                theme = themes_known.get(item.casefold())
                if theme is None:
                    unknown.append(item)
                elif theme not in themes:
                    themes.append(theme)
            if unknown:
                bad.add(i_themes, header_of["themes"], raw,
                        f"unknown theme{'s' if len(unknown) > 1 else ''} "
                        f"{', '.join(repr(u) for u in unknown)} (use the rubric's theme ids, "
                        "separated by ;)")

        strengths = cell_text(cells[i_strengths]) if i_strengths is not None else ""
        development = cell_text(cells[i_development]) if i_development is not None else ""

        if bad:
            problems.extend(bad.problems())
            continue
        if session_name is None or plan_ref is None or auditor is None:
            continue  # a required column is missing (reported on the header row)
        rows.append(AuditRow(
            session=session_name,
            rubric=rubric_id,
            plan_ref=plan_ref,
            auditor=auditor,
            is_panel=auditor == PANEL,
            agency=agency,
            audit_date=audit_date,
            overall=overall,
            answers=answers,
            notes=notes,
            attributions=attributions,
            themes=tuple(themes),
            strengths=strengths or None,
            development=development or None,
            row=row_no,
            reasons=reasons,
            service=service if advice_request is not None else None,
            requested_date=requested if advice_request is not None else None,
        ))

    return ParsedAudits(
        rows=rows,
        problems=problems,
        header_of=header_of,
        question_columns={f[len(_ANSWER):]: h for f, h in labels.items()
                          if f.startswith(_ANSWER)},
        rows_read=len(table.rows),
    )


def _advice_cells(cells: list[Any], bad: CellProblems, i_service: int | None,
                  i_requested: int | None, header_of: Mapping[str, str]
                  ) -> tuple[str | None, dt.date | None]:
    """The row's ``service`` and ``requested_date`` (None when absent or bad; blanks
    are bad cells: both are required where the columns are allowed)."""
    service: str | None = None
    requested: dt.date | None = None
    if i_service is not None:
        raw = cells[i_service]
        if is_blank(raw):
            bad.add(i_service, header_of["service"], raw, "service is blank (required on an "
                    "advice_return rubric)")
        else:
            try:
                service = parse_service(raw)
            except ValueError as err:
                bad.add(i_service, header_of["service"], raw, str(err))
    if i_requested is not None:
        raw = cells[i_requested]
        if is_blank(raw):
            bad.add(i_requested, header_of["requested_date"], raw,
                    "requested_date is blank (required on an advice_return rubric)")
        else:
            try:
                requested = parse_date(raw)
            except ValueError as err:
                bad.add(i_requested, header_of["requested_date"], raw, str(err))
    return service, requested
