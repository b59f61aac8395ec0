"""The user guide's screenshots, one per step, from the real app on demo data.

    QT_QPA_PLATFORM=offscreen python scripts/user_guide_screenshots.py [--step N ...] [OUT_DIR]

Writes docs/screenshots/guide/NN-step.png (``qa_audit.gui.guide_screenshots``);
run it after changing a page so the guide's pictures stay current.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: The demo's "today": December's panel is being scored, November's moderated.
TODAY = dt.date(2026, 12, 6)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", nargs="?", type=Path,
                        default=ROOT.joinpath("docs", "screenshots", "guide"))
    parser.add_argument("--step", type=int, action="append", help="only this step (repeatable)")
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, str(ROOT))
    # deferred: Qt and the app once the environment is set
    from qa_audit.gui.guide_screenshots import shoot
    from qa_audit.gui.screenshots import demo_window

    with demo_window(TODAY) as window:
        for path in shoot(window, args.out, set(args.step) if args.step else None):
            sys.stdout.write(f"wrote {path}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
