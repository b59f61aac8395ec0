"""The committed ``qa_audit/gui/generated/ui_*.py`` are what pyside6-uic makes of ``forms/*.ui``."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_generated_forms_are_up_to_date() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "compile_forms.py"), "--check"],
        capture_output=True, text=True, check=False, timeout=120,
    )
    assert result.returncode == 0, result.stderr


def test_every_form_has_a_generated_module() -> None:
    forms = sorted(p.stem for p in (ROOT / "forms").glob("*.ui"))
    generated = sorted(p.stem.removeprefix("ui_")
                       for p in (ROOT / "qa_audit" / "gui" / "generated").glob("ui_*.py"))
    assert forms
    assert generated == forms
