"""Every page at 1366x768 (a council laptop), offscreen from demo data, into
docs/screenshots/1366/; lists any page that widened the window or cut a control off.

    QT_QPA_PLATFORM=offscreen python scripts/screenshots_1366.py [OUT_DIR]

The same walk as tests/gui/test_screen_fit.py (``qa_audit.gui.screenshots``).
Exit status 1 when a page does not fit.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


if __name__ == "__main__":
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, str(ROOT))
    from qa_audit.gui.screenshots import shoot_demo  # after the path is set

    target = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots" / "1366"
    sys.exit(shoot_demo(target, 1366, 768, today=dt.date(2026, 3, 31)))
