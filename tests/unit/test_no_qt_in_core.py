"""The core stays Qt-free: only ``qa_audit/gui`` may import PySide6 (or shiboken6).

The CLI, services and reports must run on a server without a display, and the
GUI must stay a thin layer over the same services.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "qa_audit"
QT_MODULES = ("PySide6", "shiboken6")


def qt_imports(path: Path, root: Path = PACKAGE.parent) -> list[str]:
    """``file:line imports X`` for every absolute import of a Qt module, however nested."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        found.extend(f"{path.relative_to(root)}:{node.lineno} imports {name}"
                     for name in names if name.split(".")[0] in QT_MODULES)
    return found


def core_modules() -> list[Path]:
    gui = PACKAGE / "gui"
    return [p for p in sorted(PACKAGE.rglob("*.py")) if gui not in p.parents]


def test_core_modules_are_found() -> None:
    modules = core_modules()
    assert PACKAGE / "cli" / "entry.py" in modules
    assert not any("gui" in p.relative_to(PACKAGE).parts[:1] for p in modules)


def test_no_pyside_outside_gui() -> None:
    offenders = [hit for path in core_modules() for hit in qt_imports(path)]
    assert offenders == []


def test_the_check_catches_nested_and_plain_imports(tmp_path: Path) -> None:
    fake = tmp_path / "fake.py"
    fake.write_text("import shiboken6\n\ndef f():\n    from PySide6.QtCore import QObject\n",
                    encoding="utf-8")
    assert qt_imports(fake, tmp_path) == ["fake.py:1 imports shiboken6",
                                          "fake.py:4 imports PySide6.QtCore"]
