"""Worker bodies for the import-versus-colleague lock test (a 12k-row audits import
while a colleague saves answers on the shared profile)."""

from __future__ import annotations

import json
import time
from pathlib import Path

from tests.integration.workers.panel import PanelConfig, _open


def importer(cfg_path: str, csv_path: str, ready_path: str, out_path: str) -> None:
    """Wait until the colleague is saving, then import; write the phase times."""
    from qa_audit.services.actor import Actor
    from qa_audit.services.audits_import import import_audits

    cfg = PanelConfig.load(cfg_path)
    db = _open(cfg)
    while not Path(ready_path).exists():  # a start signal, not a measurement
        time.sleep(0.01)
    marks: dict[str, float] = {"start": time.monotonic()}

    def progress(pct: int, stage: str) -> None:
        if stage == "Writing audits" and "write" not in marks:
            marks["write"] = time.monotonic()

    result = import_audits(db, Path(csv_path), Actor("importer", "pc-2"),
                           rubric_id="multi-agency-ehcp", progress=progress)
    marks["end"] = time.monotonic()
    Path(out_path).write_text(json.dumps({**marks, "added": result.added}), encoding="utf-8")
    db.dispose()


def colleague(cfg_path: str, ready_path: str, done_path: str, out_path: str) -> None:
    """Save answers until the import has finished; time every save.

    A 20 ms pause between saves stands for a person typing (pacing, not a
    measurement): saving with no pause at all would hold the lock most of the time
    and starve the importer's single write, which no colleague does."""
    from qa_audit.services import scoring

    cfg = PanelConfig.load(cfg_path)
    db = _open(cfg)
    member, qids = cfg.members[0], list(cfg.questions)
    saves: list[tuple[float, float]] = []
    errors: list[str] = []
    i = 0
    Path(ready_path).touch()
    while not Path(done_path).exists():
        qid = qids[i % len(qids)]
        values = cfg.questions[qid]
        started = time.monotonic()
        try:
            scoring.save_answer(db, cfg.session, cfg.plans[i % len(cfg.plans)], member, qid,
                                values[i % len(values)], note=f"save {i}")
        except Exception as exc:  # noqa: BLE001 - the test reports what failed
            errors.append(f"{type(exc).__name__}: {exc}")
        saves.append((started, time.monotonic()))
        i += 1
        time.sleep(0.02)
    Path(out_path).write_text(json.dumps({"saves": saves, "errors": errors}), encoding="utf-8")
    db.dispose()
