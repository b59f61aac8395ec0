"""Size and start-up time of the bundle against running from source (docs/packaging.md).

    .venv/bin/python scripts/bundle_benchmark.py [--runs 7] [--bundle dist/qa-audit]

Start-up is measured two ways, each the median of ``--runs`` runs after one warm-up,
bundled and source runs interleaved so that machine noise hits both alike:

* **CLI**: wall time of ``--version`` (process start to exit).
* **GUI**: process start to the first paint of the main window on a demo database
  (``--smoke-test``, scripts/bundle_entry.py, offscreen). Both sides run the same
  entry script, so the only difference is frozen against source.

Prints the figures as Markdown table rows for benchmarks/RESULTS.md.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ENTRY = ROOT / "scripts" / "bundle_entry.py"
WINDOWS = sys.platform == "win32"


def _env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("QA_AUDIT_")}
    env.update(QA_AUDIT_HOME=str(home), QT_QPA_PLATFORM="offscreen")
    return env


def _timed(cmd: list[str], env: dict[str, str], cwd: Path) -> tuple[float, float | None]:
    """(wall seconds, seconds to first paint or None)."""
    start = time.time()
    proc = subprocess.run(cmd, env=env, cwd=cwd, capture_output=True, text=True, check=False)
    wall = time.time() - start
    if proc.returncode != 0:
        raise SystemExit(f"{cmd} failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
    painted = None
    for line in proc.stdout.splitlines():
        if line.startswith("smoke: painted at "):
            painted = float(line.rsplit(" ", 1)[1]) - start
    return wall, painted


def _size(folder: Path) -> tuple[float, int, float]:
    """(MB on disk, files, MB as a zip archive)."""
    files = [f for f in folder.rglob("*") if f.is_file() and not f.is_symlink()]
    total = sum(f.stat().st_size for f in files)
    with tempfile.TemporaryDirectory() as tmp:
        archive = Path(tmp) / "bundle.zip"
        with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as z:
            for f in files:
                z.write(f, f.relative_to(folder.parent))
        zipped = archive.stat().st_size
    return total / 1e6, len(files), zipped / 1e6


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--bundle", type=Path, default=ROOT / "dist" / "qa-audit")
    args = parser.parse_args()
    exe = args.bundle / ("qa-audit-cli.exe" if WINDOWS else "qa-audit")
    if not exe.is_file():
        raise SystemExit(f"no bundle at {args.bundle}: run scripts/build_bundle.sh first")
    sides = {"bundled": [str(exe)], "source": [sys.executable, str(ENTRY)]}

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        env = _env(work / "home")
        db = str(work / "bench.sqlite3")
        for step in (["init"], ["demo"]):
            _timed([*sides["source"], "--db", db, *step], env, work)
        cli: dict[str, list[float]] = {s: [] for s in sides}
        gui: dict[str, list[float]] = {s: [] for s in sides}
        for run in range(args.runs + 1):  # run 0 warms the disk cache
            for side, cmd in sides.items():
                wall, _ = _timed([*cmd, "--version"], env, work)
                _, painted = _timed([*cmd, "--smoke-test", "--db", db, "gui"], env, work)
                if run and painted is not None:
                    cli[side].append(wall)
                    gui[side].append(painted)

    mb, count, zip_mb = _size(args.bundle)
    med = {k: {s: statistics.median(v[s]) for s in sides} for k, v in
           (("cli", cli), ("gui", gui))}
    platform = f"{sys.platform}, Python {sys.version.split()[0]}"
    print(f"Bundle {args.bundle} ({platform}); median of {args.runs} runs each\n")
    print("| measure | from source | bundled | bundled / source | target |")
    print("| --- | --- | --- | --- | --- |")
    print(f"| bundle size on disk | - | {mb:.0f} MB ({count} files) | - | under 150 MB |")
    print(f"| bundle size as a zip | - | {zip_mb:.0f} MB | - | - |")
    for key, label in (("cli", "start-up, CLI (`--version`)"),
                       ("gui", "start-up, GUI (start to first paint, demo data)")):
        src, bun = med[key]["source"], med[key]["bundled"]
        print(f"| {label} | {src:.2f} s | {bun:.2f} s | {bun / src:.2f}x | within 1.3x |")
    spread = {s: f"{min(gui[s]):.2f}-{max(gui[s]):.2f} s" for s in sides}
    print(f"\nGUI runs: source {spread['source']}, bundled {spread['bundled']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
