"""The Sessions page's decisions, with no Qt: what to show and what may be done.

The controller (``pages/sessions_page.py``) reads the widgets into plain values
(``DrawForm``), asks this module what follows (which controls are enabled, what
the preview says, the sentence describing a draw, the confirmation to ask) and
writes the answers back. Everything here is tested without a QApplication
(``tests/unit/test_sessions_presenter.py``).
"""

from __future__ import annotations

import datetime as dt
import re
import shlex
from dataclasses import dataclass

from qa_audit.domain.conditions import parse_year_group
from qa_audit.domain.sampling import SampleSpec, SamplingError, allocate, target_size
from qa_audit.errors import UserError
from qa_audit.gui.formatting import escape, format_date, phase_label, status_label
from qa_audit.services.advice_returns import service_label
from qa_audit.services.sampling import SampleProvenance, SampleSettings
from qa_audit.services.sampling_returns import ReturnSampleSettings
from qa_audit.services.sessions import STATUSES, SessionInfo

__all__ = [
    "CLOSED_TEXT",
    "SCORING_STARTED_TEXT",
    "DrawForm",
    "DrawRecord",
    "PreviewOutcome",
    "SessionControls",
    "StratumPreview",
    "describe_draw",
    "draw_command",
    "error_message",
    "parse_year_groups",
    "year_groups_text",
]

MAX_SEED = 2**31 - 1
RANDOM_SEED = -1  # the seed spin box's "Random" value
DEFAULT_RUBRIC = "multi-agency-ehcp"  # the monthly multi-agency panel's rubric

STRATIFY_CHOICES: tuple[tuple[str, str | None], ...] = (
    ("No stratification", None),
    ("Team", "team"),
    ("Phase", "phase"),
    ("Primary need", "primary_need"),
    ("Setting type", "setting_type"),
    ("Plan type", "plan_type"),
    ("Year group", "year_group"),
)
PLAN_TYPE_LABELS = {"new": "Ne&w", "amended": "A&mended", "review": "Re&view"}
NEXT_STATUS_TEXT = {
    "scoring": "Start &scoring",
    "moderation": "Start m&oderation",
    "closed": "&Close session…",
}
CLOSED_TEXT = ("This session is closed, so it is read-only: its panel and sample can no "
               "longer be changed and it cannot be reopened.")
SCORING_STARTED_TEXT = ("Scoring has started, so the sample can no longer be redrawn; "
                        "withdraw and replace single plans instead.")
WITHDRAW_TIP = ("Withdraw the selected plan (the reason is recorded) and draw its replacement "
                "by the same rule and seed")
NO_SAMPLE_TEXT = "No sample has been drawn for this session yet."
MAX_DETAILS = 12
YEAR_MIN, YEAR_MAX = -2, 14  # NCY: N1 (-2) to 14, as the register stores it
_YEAR_NAMES = {-2: "N1", -1: "N2", 0: "R"}


def parse_year_groups(text: str) -> tuple[int, ...] | None:
    """The sampling panel's year-group filter ("5, 6, 9, 11"; N1, N2, R, Y7 too) as NCY
    numbers, sorted and once each; None when blank (every year group). ValueError
    names the first word that is not a year group."""
    found: set[int] = set()
    for piece in re.split(r"[,;]", text):
        # "Year 9" is one year group; "5 6" (spaces only) two
        words = [piece] if parse_year_group(piece) is not None else piece.split()
        for word in (w.strip() for w in words):
            year = parse_year_group(word)
            if year is None or not YEAR_MIN <= year <= YEAR_MAX:
                raise ValueError(f"{word!r} is not a year group: use N1, N2, R or a number "
                                 f"from {YEAR_MIN} to {YEAR_MAX}, separated by commas.")
            found.add(year)
    return tuple(sorted(found)) or None


def year_groups_text(years: tuple[int, ...] | None) -> str:
    """Stored year groups as the filter box shows them (``parse_year_groups`` reads it)."""
    return ", ".join(_YEAR_NAMES.get(y, str(y)) for y in years or ())


# ------------------------------------------------------------- how it was drawn


@dataclass(frozen=True)
class DrawRecord:
    """What is stored about a session's draw: enough to redraw it exactly."""

    settings: SampleSettings
    seed: int
    eligible: int | None
    drawn_at: dt.datetime | None  # UTC, naive (as stored)


def draw_record(found: SampleProvenance) -> DrawRecord | None:
    """The stored draw of a session, or None when no sample was drawn."""
    if found.settings is None:
        return None
    seed = found.seed if found.seed is not None else found.settings.seed
    return DrawRecord(found.settings, int(seed or 0), found.eligible, found.drawn_at)


def _local_time(utc_naive: dt.datetime) -> dt.datetime:
    return utc_naive.replace(tzinfo=dt.UTC).astimezone()


def stratify_label(field: str | None) -> str:
    return {v: k for k, v in STRATIFY_CHOICES}.get(field, field or "").lower()


def stratify_choices(custom: list[str]) -> list[tuple[str, str | None]]:
    """The built-in choices, then the register's custom plan fields."""
    return [*STRATIFY_CHOICES, *((f"{name} (own field)", name) for name in custom)]


def describe_draw(record: DrawRecord, sampled: int) -> str:
    """One plain sentence for an inspector: how the sample was drawn."""
    s = record.settings
    when = ""
    if record.drawn_at is not None:
        local = _local_time(record.drawn_at)
        when = f" on {local.strftime('%d/%m/%Y')} at {local.strftime('%H:%M')}"
    how = f"{s.size} plans" if s.size is not None else f"{s.percent:g}% of the eligible plans"
    parts = [f"Drawn{when} with seed {record.seed}"]
    if record.eligible is not None:
        parts[0] += f" from {record.eligible:,} eligible plans"
    parts[0] += f": {how}"
    parts.append(f"stratified by {stratify_label(s.stratify)}" if s.stratify
                 else "not stratified")
    if s.issued_from or s.issued_to:
        start = format_date(s.issued_from) if s.issued_from else "any date"
        end = format_date(s.issued_to) if s.issued_to else "any date"
        parts.append(f"issued {start} to {end}")
    else:
        parts.append("any issue date")
    if s.exclude_months:
        parts.append(f"plans audited in the {s.exclude_months} months before the session "
                     "excluded")
    else:
        parts.append("no exclusion of recently audited plans")
    parts.append("plan types: " + (", ".join(s.plan_types) if s.plan_types else "all"))
    if s.year_groups:
        parts.append("year groups: " + year_groups_text(s.year_groups))
    return (", ".join(parts) + f". {sampled} in the sample now. The same register, settings "
            "and seed give the same sample.")


def draw_command(session_name: str, record: DrawRecord) -> str | None:
    """The equivalent ``qa-audit sample draw`` command (None if the CLI cannot express it)."""
    s = record.settings
    if s.plan_types:
        return None  # the command line has no plan type filter
    args = ["qa-audit", "sample", "draw", "--session", session_name]
    args += ["--size", str(s.size)] if s.size is not None else ["--percent", f"{s.percent:g}"]
    args += ["--seed", str(record.seed)]
    if s.stratify:
        args += ["--stratify", s.stratify]
    if s.issued_from:
        args += ["--issued-from", s.issued_from.isoformat()]
    if s.issued_to:
        args += ["--issued-to", s.issued_to.isoformat()]
    args += ["--exclude-months", str(s.exclude_months)]
    for year in s.year_groups or ():
        args += ["--year-group", str(year)]
    return shlex.join(args)


def provenance_html(info: SessionInfo | None, record: DrawRecord | None,
                    returns: bool = False) -> str:
    """The rich-text line above the sample: how it was drawn and the equivalent command
    (a draw of advice returns is not described yet: only its size is said)."""
    if returns and info is not None and info.sampled:
        return (f"{info.sampled} advice return{'s' if info.sampled != 1 else ''} in the "
                "sample now.")
    if info is None or record is None:
        return NO_SAMPLE_TEXT
    text = escape(describe_draw(record, info.sampled))
    command = draw_command(info.name, record)
    if command:
        text += f"<br><span style='color:#555'>Equivalent command: <code>{escape(command)}" \
                "</code></span>"
    return text


def heading_html(info: SessionInfo) -> str:
    return (f"<b>{escape(info.name)}</b> &nbsp;·&nbsp; {format_date(info.date)} &nbsp;·&nbsp; "
            f"{escape(info.rubric_id)} v{info.rubric_version} &nbsp;·&nbsp; "
            f"Status: <b>{status_label(info.status)}</b>")


def error_message(exc: UserError) -> str:
    """A user error as a message box shows it: the message, then at most 12 details."""
    lines = [exc.message]
    if exc.details:
        lines += ["", *exc.details[:MAX_DETAILS]]
        if len(exc.details) > MAX_DETAILS:
            lines.append(f"… and {len(exc.details) - MAX_DETAILS} more")
    return "\n".join(lines)


# ------------------------------------------------------------- the draw form


@dataclass(frozen=True)
class DrawForm:
    """What the draw form shows, as plain values (read from the widgets by the controller)."""

    by_size: bool = True
    size: int = 10
    percent: float = 50.0
    seed: int = RANDOM_SEED
    stratify: str | None = None
    issued_from: dt.date | None = None  # None: the "Issued from" box is not ticked
    issued_to: dt.date | None = None
    exclude_months: int = 12
    plan_types: tuple[str, ...] = ()  # ticked
    all_plan_types: tuple[str, ...] = ()  # offered
    year_groups: str = ""  # the year-group filter as typed ("5, 6, 9, 11"; blank: all)
    #: the session audits advice returns (issue 17): the dates are request dates, the
    #: services below are offered instead of plan types and year groups
    returns: bool = False
    services: tuple[str, ...] = ()  # ticked
    all_services: tuple[str, ...] = ()  # offered

    def problem(self) -> str | None:
        """Why no draw can be made with these settings, or None."""
        if self.returns:
            if not self.services:
                return "Choose at least one service."
            if self.issued_from and self.issued_to and self.issued_from > self.issued_to:
                return "The request-date window ends before it starts."
            return None
        if not self.plan_types:
            return "Choose at least one plan type."
        try:
            parse_year_groups(self.year_groups)
        except ValueError as exc:
            return str(exc)
        if self.issued_from and self.issued_to and self.issued_from > self.issued_to:
            return "The issue-date window ends before it starts."
        return None

    def settings(self) -> SampleSettings:
        """The draw settings (seed None = choose a random one; all types ticked = no filter)."""
        every = len(self.plan_types) == len(self.all_plan_types)
        return SampleSettings(
            size=self.size if self.by_size else None,
            percent=None if self.by_size else round(self.percent, 1),
            seed=None if self.seed == RANDOM_SEED else self.seed,
            stratify=self.stratify,
            issued_from=self.issued_from,
            issued_to=self.issued_to,
            exclude_months=self.exclude_months,
            plan_types=None if every else self.plan_types,
            year_groups=None if self.returns else parse_year_groups(self.year_groups),
        )

    def return_settings(self) -> ReturnSampleSettings:
        """A draw of advice returns (``sample draw`` on a DCO session): all services
        ticked = the default (every health service)."""
        s = self.settings()
        every = set(self.services) == set(self.all_services)
        return ReturnSampleSettings(
            size=s.size, percent=s.percent, seed=s.seed,
            stratify=s.stratify if s.stratify == "service" else None,
            requested_from=self.issued_from, requested_to=self.issued_to,
            exclude_months=self.exclude_months,
            services=None if every else tuple(self.services))


def plan_form_settings(drawn: ReturnSampleSettings) -> SampleSettings:
    """A returns draw as the draw form holds it (request dates in the date boxes)."""
    return SampleSettings(size=drawn.size, percent=drawn.percent, seed=drawn.seed,
                          stratify=drawn.stratify, issued_from=drawn.requested_from,
                          issued_to=drawn.requested_to, exclude_months=drawn.exclude_months)


def seed_shown(settings: SampleSettings, seed: int | None) -> int:
    """The seed box's value for stored settings (the stored seed wins; none: Random)."""
    chosen = seed if seed is not None else settings.seed
    return RANDOM_SEED if chosen is None else chosen


# ------------------------------------------------------------- the preview


@dataclass(frozen=True)
class StratumPreview:
    """One line of the live draw preview: eligible plans and how many would be drawn."""

    stratum: str
    eligible: int
    allocated: int | None  # None when the sample size cannot be worked out


@dataclass(frozen=True)
class PreviewOutcome:
    """The preview table's rows and the line under it (``problem``: shown as an error)."""

    rows: list[StratumPreview]
    message: str
    problem: bool = False


def stratum_text(stratify: str | None, name: str) -> str:
    if stratify == "phase":
        return phase_label(name) or name
    if stratify == "plan_type":
        return name.capitalize()
    if stratify == "service":
        return service_label(name)
    if stratify == "year_group" and re.fullmatch(r"-?[0-9]+", name):
        return year_groups_text((int(name),))
    return name


def preview_outcome(settings: SampleSettings, counts: dict[str, int],
                    noun: str = "plan") -> PreviewOutcome:
    """What the counts per stratum (read in a worker) give: allocation and a summary line
    (``noun``: "return" for a sample of advice returns)."""
    total = sum(counts.values())
    spec = SampleSpec(size=settings.size, percent=settings.percent,
                      stratify=settings.stratify, seed=0)
    problem: str | None = None
    wanted: int | None
    try:
        wanted = target_size(total, spec)
    except SamplingError as exc:
        wanted, problem = None, exc.message
    allocation: dict[str, int] = {}
    if wanted is not None:
        allocation = allocate(counts, wanted) if settings.stratify else {"all": wanted}
    rows = [StratumPreview(stratum_text(settings.stratify, name), count,
                           allocation.get(name) if wanted is not None else None)
            for name, count in counts.items()]
    if problem or wanted is None:
        return PreviewOutcome(rows, problem or "", problem=True)
    strata = f" across {len(counts)} strata" if settings.stratify else ""
    return PreviewOutcome(rows, f"{total:,} eligible {noun}{'s' if total != 1 else ''}{strata}; "
                                f"{wanted:,} would be drawn.")


# ------------------------------------------------------------- what may be done


@dataclass(frozen=True)
class SessionControls:
    """Which controls are enabled and what the banner, notes and tooltips say."""

    banner: bool
    status_enabled: dict[str, bool]
    read_only_tip: str  # tooltip on the controls a closed session disables ("" otherwise)
    add_member: bool
    member_actions: bool  # remove, bind, approve proxy (need a selected member)
    draw_box: bool
    draw_button: bool
    draw_note: str  # "" hides the note
    withdraw: bool
    withdraw_tip: str
    size_spin: bool
    percent_spin: bool


def controls(info: SessionInfo | None, *, member_selected: bool, sample_row_active: bool,
             form_problem: str | None, by_size: bool) -> SessionControls:
    """What the user may do with ``info`` as it stands (None: no session selected)."""
    writable = info is not None and not info.read_only
    read_only = info is not None and info.read_only
    current = STATUSES.index(info.status) if info and info.status in STATUSES else 0
    scoring_started = info is not None and info.audited > 0
    return SessionControls(
        banner=read_only,
        status_enabled={s: writable and STATUSES.index(s) > current for s in STATUSES[1:]},
        read_only_tip=CLOSED_TEXT if read_only else "",
        add_member=writable,
        member_actions=writable and member_selected,
        draw_box=writable,
        draw_button=writable and not scoring_started and form_problem is None,
        draw_note=SCORING_STARTED_TEXT if writable and scoring_started else "",
        withdraw=writable and sample_row_active,
        withdraw_tip=CLOSED_TEXT if read_only else WITHDRAW_TIP,
        size_spin=by_size and writable,
        percent_spin=not by_size and writable,
    )


def close_question(info: SessionInfo) -> str:
    return (f"Close {info.name}?\n\nA closed session is read-only: its panel, sample and "
            "scores can no longer be changed; only its chair can reopen it, with a reason.")


def redraw_question(info: SessionInfo, record: DrawRecord | None) -> str | None:
    """The question to ask before replacing an existing sample (None: nothing to replace)."""
    if not info.sampled and record is None:
        return None
    return (f"{info.name} already has a sample of {info.sampled} plans. Drawing again "
            "replaces it. Continue?")


def drawn_message(drawn: int, eligible: int, seed: int, noun: str = "plan") -> str:
    return f"Drew {drawn} of {eligible:,} eligible {noun}s with seed {seed}."


def withdrawn_message(plan_ref: str, replacement: str | None,
                      record: DrawRecord | None) -> str:
    if replacement is not None:
        return f"{plan_ref} withdrawn; replaced by {replacement}."
    stratified = record is not None and record.settings.stratify
    where = " in its stratum" if stratified else ""
    return f"{plan_ref} withdrawn. No eligible plan is left to replace it{where}."


def session_to_select(names: list[str], keep: str | None) -> str | None:
    """After a reload: the session kept selected, else the first, else none."""
    if keep in names:
        return keep
    return names[0] if names else None
