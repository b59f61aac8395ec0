"""Screenshot of the Exemplar library page from demo data (offscreen, no display).

    QT_QPA_PLATFORM=offscreen python scripts/screenshot_exemplars.py [OUT.png ...]

Marks two demo plans as exemplars, tags good practice against three questions
(two approved, one waiting), records a training date, then grabs the window.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEMO_TODAY = dt.date(2026, 3, 31)


def main(argv: list[str]) -> int:
    outs = [Path(a) for a in argv] or [ROOT / "docs" / "screenshots" / "exemplars.png"]
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory() as home:
        os.environ["QA_AUDIT_HOME"] = home
        os.environ["QA_AUDIT_USER"] = "demo"
        sys.path.insert(0, str(ROOT))
        return _shoot(Path(home), outs)


def _shoot(home: Path, outs: list[Path]) -> int:
    from qa_audit.gui.app import create_application, create_main_window, make_settings
    from qa_audit.services import demo, exemplars, session_data
    from qa_audit.services.actor import Actor
    from qa_audit.services.store import database

    app = create_application()
    actor = Actor("demo", "screenshots")
    db = database.initialise(str(home / "qa-audit-demo.sqlite3"), actor).database
    demo.load_demo(db, actor, seed=2026, today=DEMO_TODAY)
    feb = session_data.load_session(db, "Panel February 2026")
    best = sorted(feb.agreed_grades().items(), key=lambda kv: -kv[1])
    (first, _), (second, _), (third, _) = best[:3]
    exemplars.mark_exemplar(db, feb.name, first, "Outcomes are written with the young person "
                            "and every one is picked up in Section F with hours and who "
                            "provides it.", actor)
    exemplars.mark_exemplar(db, feb.name, second, "Health advice is summarised in plain "
                            "language and linked to outcomes.", actor)
    ids = [exemplars.add_good_practice(db, feb.name, ref, qid, text, actor) for ref, qid, text in (
        (first, "cyp_voice", "'I like it when Miss reads with me in the quiet room' - "
         "gathered with talking mats at school."),
        (second, "provision_health", "Speech and language therapist: 3 x 30 minutes a "
         "week, direct, in class, reviewed each half term."),
        (third, "outcomes_smart", "By the end of Key Stage 2, they will read a short book aloud "
         "to a familiar adult on 03/10/2026."))]
    exemplars.approve_good_practice(db, ids[0], None, actor, names=["Sam"])
    exemplars.approve_good_practice(db, ids[1], None, actor, names=["Sam"])
    exemplars.add_training(db, "multi-agency-ehcp", dt.date(2026, 2, 20),
                           "Capturing the child's voice", ["cyp_voice", "parent_views"], actor)
    window = create_main_window(db, actor, make_settings())
    window.resize(1280, 800)
    window.show()
    app.processEvents()
    window.show_page("Exemplars")
    app.processEvents()
    for out in outs:
        out.parent.mkdir(parents=True, exist_ok=True)
        window.grab().save(str(out))
        sys.stdout.write(f"wrote {out}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
