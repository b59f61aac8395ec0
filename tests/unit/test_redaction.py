"""Redaction of personal data in free text before it is quoted in a report."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import qa_audit
from qa_audit.reporting.redaction import (
    load_redaction_names,
    redact,
    redact_names,
    redaction_names_path,
)


@pytest.mark.parametrize(("text", "expected"), [
    # dates
    ("Seen on 03/10/2026.", "Seen on [date]."),
    ("Seen on 3/1/26 and 3-10-2026 and 03.10.2026.",
     "Seen on [date] and [date] and [date]."),
    ("ISO 2026-10-03 too", "ISO [date] too"),
    ("born 3 October 2015", "born [date]"),
    ("born 3rd of Oct 2015", "born [date]"),
    ("born 21st Sept. 2015", "born [date]"),
    ("on October 3, 2026 the panel", "on [date] the panel"),
    ("DOB 12-Mar-2016", "DOB [date]"),
    # NHS numbers, UPNs
    ("NHS 943 476 5919", "NHS [NHS no.]"),
    ("NHS 943-476-5919", "NHS [NHS no.]"),
    ("NHS no. 9434765919.", "NHS no. [NHS no.]."),
    ("UPN A123456789012", "UPN [UPN]"),
    ("upn k801234567890.", "upn [UPN]."),
    # e-mail, phones
    ("mail jo.bloggs+ehcp@school.sch.uk now", "mail [email] now"),
    ("mum on 07700 900123", "mum on [phone]"),
    ("mum on 07700900123", "mum on [phone]"),
    ("call +44 7700 900123", "call [phone]"),
    ("call +44 161 496 0000", "call [phone]"),
    ("call (0161) 496 0000", "call [phone]"),
    ("call 020 7946 0018 or 0114-496-0999", "call [phone] or [phone]"),
    # postcodes
    ("lives at SW1A 1AA.", "lives at [postcode]."),
    ("lives at m1 1ae", "lives at [postcode]"),
    ("B33 8TH and EC1A1BB", "[postcode] and [postcode]"),
])
def test_patterns_are_masked(text: str, expected: str) -> None:
    assert redact(text) == expected


@pytest.mark.parametrize("text", [
    "Provision: 2 x 30 minutes a week, 1:1, for 12 weeks.",
    "Y9 1st term review; Y10 2nd half",
    "Year 9 at 4pm, group of 6, 1.5 hours",
    "Plan EHC-123456 from 2026 in KS2",
    "Outcome 3 of 5, score 3-4",
    "Section F says 'up to 10 hours of support'",
])
def test_ordinary_text_is_left_alone(text: str) -> None:
    assert redact(text) == text


def test_names_whole_words_any_case() -> None:
    names = ["Sam", "Jordan Smith", "O'Brien"]
    text = "Sam's mum, SAM and sam; Samantha; Jordan  Smith; Jordan; Mrs O'Brien."
    assert redact(text, names) == \
        "[name]'s mum, [name] and [name]; Samantha; [name]; Jordan; Mrs [name]."


def test_names_never_touch_masks() -> None:
    assert redact("on 03/10/2026 with Date", ["date", "name"]) == "on [date] with [name]"


def test_redaction_is_stable() -> None:
    names = ["Sam"]
    text = "Sam, 943 476 5919, SW1A 1AA, 03/10/2026, 07700 900123, a@b.org, A123456789012"
    once = redact(text, names)
    assert redact(once, names) == once
    assert once == "[name], [NHS no.], [postcode], [date], [phone], [email], [UPN]"


def test_empty_and_none() -> None:
    assert redact(None) == ""
    assert redact("") == ""
    assert redact_names("Sam", []) == "Sam"
    assert redact_names("Sam", ["", "  "]) == "Sam"


def test_names_file(isolated_home: Path) -> None:
    path = redaction_names_path()
    assert path == isolated_home / "redaction-names.txt"
    assert load_redaction_names() == []
    path.write_text("# children named in this year's plans\nSam\n\n  Jordan Smith  # twin\n"
                    "Sam\n#Alex\n", encoding="utf-8")
    assert load_redaction_names() == ["Sam", "Jordan Smith"]


def test_names_file_windows_1252(tmp_path: Path) -> None:
    path = tmp_path / "names.txt"
    path.write_bytes("Zoë\r\nRénée\r\n".encode("cp1252"))
    assert load_redaction_names(path) == ["Zoë", "Rénée"]
    assert redact("Zoë and RÉNÉE", load_redaction_names(path)) == "[name] and [name]"


def test_only_the_database_list_reads_the_old_names_file() -> None:
    """Reports take their names from ``services.redaction_terms`` (the database's list);
    the per-computer file is read there only, to import it once."""
    root = Path(qa_audit.__file__).parent
    allowed = {root / "reporting" / "redaction.py", root / "services" / "redaction_terms.py"}
    readers = [str(p.relative_to(root)) for p in root.rglob("*.py") if p not in allowed
               and re.search(r"load_redaction_names|redaction_names_path", p.read_text("utf-8"))]
    assert readers == []
