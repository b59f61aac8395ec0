"""How a sample of advice returns was drawn, as the Sessions page says it (no Qt).

A DCO session's draw (``services.sampling_returns``) stores its settings and seed like
a plan draw; an inspector reads the same sentence and the equivalent command line, so
the draw can be repeated exactly (issue 17).
"""

from __future__ import annotations

import datetime as dt
import shlex

from qa_audit.gui.formatting import escape, format_date
from qa_audit.services.advice_returns import service_label
from qa_audit.services.sampling_returns import ReturnProvenance

__all__ = ["describe_returns_draw", "returns_draw_command", "returns_provenance_html"]


def _when(drawn_at: dt.datetime | None) -> str:
    if drawn_at is None:
        return ""
    local = drawn_at.replace(tzinfo=dt.UTC).astimezone()
    return f" on {local.strftime('%d/%m/%Y')} at {local.strftime('%H:%M')}"


def describe_returns_draw(found: ReturnProvenance) -> str:
    """One plain sentence: seed, eligible, size, strata, request dates, services, window."""
    s = found.settings
    how = (f"{s.size} advice returns" if s.size is not None
           else f"{s.percent:g}% of the eligible advice returns")
    first = f"Drawn{_when(found.drawn_at)} with seed {found.seed}"
    if found.eligible is not None:
        first += f" from {found.eligible:,} eligible returned advice requests"
    parts = [f"{first}: {how}",
             "stratified by service" if s.stratify else "not stratified"]
    if s.requested_from or s.requested_to:
        start = format_date(s.requested_from) if s.requested_from else "any date"
        end = format_date(s.requested_to) if s.requested_to else "any date"
        parts.append(f"requested {start} to {end}")
    else:
        parts.append("any request date")
    parts.append("services: " + (", ".join(service_label(x) for x in s.services)
                                 if s.services else "every health service"))
    parts.append(f"returns audited in the {s.exclude_months} months before the session "
                 "excluded" if s.exclude_months else "no exclusion of recently audited returns")
    return (", ".join(parts) + f". {found.sampled} in the sample now. The same register, "
            "settings and seed give the same sample.")


def returns_draw_command(session_name: str, found: ReturnProvenance) -> str:
    """The equivalent ``qa-audit sample draw`` command."""
    s = found.settings
    args = ["qa-audit", "sample", "draw", "--session", session_name]
    args += ["--size", str(s.size)] if s.size is not None else ["--percent", f"{s.percent:g}"]
    args += ["--seed", str(found.seed)]
    if s.stratify:
        args += ["--stratify", s.stratify]
    if s.requested_from:
        args += ["--requested-from", s.requested_from.isoformat()]
    if s.requested_to:
        args += ["--requested-to", s.requested_to.isoformat()]
    args += ["--exclude-months", str(s.exclude_months)]
    for service in s.services or ():
        args += ["--service", service]
    return shlex.join(args)


def returns_provenance_html(session_name: str, found: ReturnProvenance) -> str:
    """The rich-text line above the sample of a DCO session."""
    return (escape(describe_returns_draw(found))
            + "<br><span style='color:#555'>Equivalent command: "
            f"<code>{escape(returns_draw_command(session_name, found))}</code></span>")
