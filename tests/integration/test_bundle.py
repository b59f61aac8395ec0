"""Smoke test of the PyInstaller bundle (build.spec, docs/packaging.md).

Uses the bundle in ``$QA_AUDIT_BUNDLE_DIR`` if set (taken as is), else
``dist/qa-audit/``, which is (re)built with ``scripts/build_bundle.sh`` when it is
missing or older than any source file. Then the bundled executable, run offscreen
from an empty folder, prints its version, creates a database, loads the demo data,
writes the key issues report PDF and opens the main window for a moment
(``--smoke-test``, see scripts/bundle_entry.py); no command may log an error.

Skip with ``-m "not bundle"`` for a quick local run.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

pytestmark = [pytest.mark.bundle, pytest.mark.integration]

ROOT = Path(__file__).resolve().parents[2]
WINDOWS = sys.platform == "win32"
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
NAME = PROJECT["name"]
VERSION = PROJECT["version"]
SESSION = "Panel October 2026"  # a moderated session of the demo data
BUILD_TIMEOUT = 20 * 60
RUN_TIMEOUT = 180
#: What the bundle's build must react to (the staleness check).
SOURCES = ("qa_audit", "rubrics", "resources", "scripts/bundle_entry.py", "build.spec",
           "pyproject.toml")


def _exe(folder: Path, console: bool) -> Path:
    """The app (windowed on Windows) or its console twin (Windows only; one exe elsewhere)."""
    if WINDOWS:
        return folder / (f"{NAME}-cli.exe" if console else f"{NAME}.exe")
    return folder / NAME


def _newest_source() -> float:
    newest = 0.0
    for name in SOURCES:
        path = ROOT / name
        files = [path] if path.is_file() else path.rglob("*")
        for f in files:
            if f.is_file() and "__pycache__" not in f.parts:
                newest = max(newest, f.stat().st_mtime)
    return newest


def _build() -> None:
    if WINDOWS:
        cmd = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level",
               "WARN", "--distpath", str(ROOT / "dist"), "--workpath",
               str(ROOT / "build" / "pyinstaller"), str(ROOT / "build.spec")]
    else:
        cmd = ["bash", str(ROOT / "scripts" / "build_bundle.sh")]
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=BUILD_TIMEOUT,
                          check=False)
    if proc.returncode != 0:
        pytest.fail(f"building the bundle failed ({proc.returncode}):\n{proc.stderr[-6000:]}")


@pytest.fixture(scope="module")
def bundle_dir() -> Path:
    given = os.environ.get("QA_AUDIT_BUNDLE_DIR")
    if given:
        folder = Path(given)
        assert _exe(folder, console=True).is_file(), f"no bundle in {folder}"
        return folder
    folder = ROOT / "dist" / NAME
    exe = _exe(folder, console=True)
    if not exe.is_file() or exe.stat().st_mtime < _newest_source():
        _build()
    assert exe.is_file(), "the build made no executable"
    return folder


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An empty folder far from the source tree, with its own per-user data folder."""
    return tmp_path_factory.mktemp("bundle-smoke")


def _env(workdir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("QA_AUDIT_", "PYTHON", "QT_")) and k != "VIRTUAL_ENV"}
    env.update(QA_AUDIT_HOME=str(workdir / "home"), QT_QPA_PLATFORM="offscreen",
               PYTHONDONTWRITEBYTECODE="1")
    return env


def _run(bundle_dir: Path, workdir: Path, *args: str, console: bool = True
         ) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run([str(_exe(bundle_dir, console)), *args], cwd=workdir,
                          env=_env(workdir), capture_output=True, text=True,
                          timeout=RUN_TIMEOUT, check=False)
    assert "Traceback" not in proc.stderr, proc.stderr
    assert proc.returncode == 0, f"{args}: exit {proc.returncode}\n{proc.stdout}\n{proc.stderr}"
    return proc


def test_bundle_carries_the_shipped_files(bundle_dir: Path) -> None:
    internal = bundle_dir / "_internal"
    for rubric in (ROOT / "rubrics").glob("*.yaml"):
        assert (internal / "rubrics" / rubric.name).is_file(), rubric.name
    for rubric in (ROOT / "rubrics" / "councils").glob("*.yaml"):  # the council library
        assert (internal / "rubrics" / "councils" / rubric.name).is_file(), rubric.name
    for svg in (ROOT / "resources" / "icons").glob("*.svg"):
        assert (internal / "resources" / "icons" / svg.name).is_file(), svg.name
    migrations = internal / "qa_audit" / "storage" / "migrations"
    assert (migrations / "env.py").is_file()
    shipped = {p.name for p in (migrations / "versions").glob("*.py")}
    source = {p.name for p in (ROOT / "qa_audit/storage/migrations/versions").glob("*.py")}
    assert source <= shipped
    # the lean part: none of the Qt modules the app does not use
    qt = {p.name.split(".")[0] for p in (internal / "PySide6").glob("Qt*")} - {"Qt"}
    assert qt <= {"QtCore", "QtGui", "QtWidgets", "QtSvg", "QtCharts", "QtPdf",
                  "QtPdfWidgets"}, qt
    assert not list(internal.rglob("*WebEngine*")), "WebEngine was bundled"
    assert not list(internal.rglob("*Qt6Quick*")), "Qt Quick was bundled"
    assert not (internal / "tkinter").exists()


def test_bundle_prints_its_version(bundle_dir: Path, workdir: Path) -> None:
    proc = _run(bundle_dir, workdir, "--version")
    assert proc.stdout.strip() == f"{NAME} {VERSION}"


def test_bundle_creates_a_database_loads_demo_data_and_writes_the_report(
    bundle_dir: Path, workdir: Path
) -> None:
    db = str(workdir / "smoke.sqlite3")
    proc = _run(bundle_dir, workdir, "--db", db, "init")
    assert "created" in proc.stdout
    # the shipped rubrics were found inside the bundle (vague-wording.yaml is no rubric)
    assert "multi-agency-ehcp v1" in proc.stdout
    listed = _run(bundle_dir, workdir, "--db", db, "rubric", "list").stdout.splitlines()
    assert len(listed) == len(list((ROOT / "rubrics").glob("*.yaml"))) - 1
    proc = _run(bundle_dir, workdir, "--db", db, "demo")
    assert "Demo data loaded" in proc.stdout

    pdf, xlsx = workdir / "key-issues.pdf", workdir / "key-issues.xlsx"
    _run(bundle_dir, workdir, "--db", db, "report", "key-issues", "--session", SESSION,
         "--out", str(pdf), "--xlsx", str(xlsx))
    from openpyxl import load_workbook
    from pypdf import PdfReader

    reader = PdfReader(pdf)
    assert len(reader.pages) >= 1
    assert SESSION in "".join(page.extract_text() for page in reader.pages)
    # the workbook writer (XlsxWriter, imported only when a workbook is asked for) is
    # in the bundle: PyInstaller finds lazy imports, this proves it did
    book = load_workbook(xlsx, read_only=True)
    assert len(book.sheetnames) >= 2
    book.close()


def test_bundle_says_the_analysts_export_needs_pandas(bundle_dir: Path,
                                                      workdir: Path) -> None:
    """pandas is left out of the bundle (docs/packaging.md): the export says so, clearly."""
    db = str(workdir / "answers.sqlite3")
    _run(bundle_dir, workdir, "--db", db, "init")
    proc = subprocess.run(
        [str(_exe(bundle_dir, True)), "--db", db, "report", "answers", "--from", "2026-01",
         "--to", "2026-12", "--out", str(workdir / "answers.csv")],
        cwd=workdir, env=_env(workdir), capture_output=True, text=True,
        timeout=RUN_TIMEOUT, check=False)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr, proc.stderr
    assert "needs pandas, left out of the desktop bundle" in proc.stderr
    assert not (workdir / "answers.csv").exists()


def test_bundle_opens_the_main_window(bundle_dir: Path, workdir: Path) -> None:
    db = workdir / "smoke.sqlite3"
    if not db.exists():  # run alone: the GUI creates it
        db = workdir / "gui.sqlite3"
    proc = _run(bundle_dir, workdir, "--smoke-test", "--db", str(db), "gui")
    assert "smoke: painted at" in proc.stdout, proc.stdout + proc.stderr
    assert "smoke: ok" in proc.stdout, proc.stdout + proc.stderr
    if WINDOWS:  # the windowed qa-audit.exe too; it may have no stdout, but its exit code
        _run(bundle_dir, workdir, "--smoke-test", "--db", str(db), "gui", console=False)


def test_bundle_logged_no_errors(bundle_dir: Path, workdir: Path) -> None:
    log = workdir / "home" / "logs" / "qa-audit.log"
    if not log.exists():
        pytest.skip("no command ran before this one")
    bad = [line for line in log.read_text(encoding="utf-8").splitlines()
           if " ERROR " in line or " CRITICAL " in line or "Traceback" in line]
    assert not bad, "\n".join(bad)


def test_bundle_size_stays_reasonable(bundle_dir: Path) -> None:
    """A guard against a dependency dragging in something huge (see docs/packaging.md)."""
    total = sum(f.stat().st_size for f in bundle_dir.rglob("*") if f.is_file()
                and not f.is_symlink())
    assert total < 300 * 1024 * 1024, f"bundle is {total / 2**20:.0f} MB"

