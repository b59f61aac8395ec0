"""Entry script of the PyInstaller bundle (both executables, see build.spec).

It runs ``qa_audit.cli:main`` like the ``qa-audit`` console script does, plus
one hidden option for checking a bundle, used by ``tests/integration/test_bundle.py``
and the start-up figures in ``docs/packaging.md``:

    qa-audit --smoke-test [--db FILE] gui

``--smoke-test`` must be the first argument. With it the app starts as usual;
once the main window has painted, the entry prints ``smoke: painted at <epoch
seconds>``, visits every sidebar page, renders every shipped icon, then closes
the window and prints ``smoke: ok`` (or ``smoke: FAILED ...``). The exit status
is non-zero if anything was logged at ERROR (or Qt reported a critical
message), an icon did not render, or no window painted within 60 seconds.
Nothing here changes what the app does without the option.

The same file runs from source (``.venv/bin/python scripts/bundle_entry.py``),
which is how start-up from source is measured on an equal footing.
"""

from __future__ import annotations

import logging
import sys
import time

SMOKE_FLAG = "--smoke-test"
SMOKE_TIMEOUT_MS = 60_000
PAGE_SETTLE_MS = 150


class _ErrorCounter(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.ERROR)
        self.records: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(f"{record.name}: {record.getMessage()}")


def _install_smoke_test() -> None:
    """Make ``QApplication.exec`` run the smoke test around the app's own event loop."""
    # the smoke harness drives the GUI, like qa_audit/gui does
    from PySide6.QtCore import (  # noqa: TID251
        QEvent,
        QObject,
        QTimer,
        QtMsgType,
        qInstallMessageHandler,
    )
    from PySide6.QtGui import QIcon  # noqa: TID251
    from PySide6.QtWidgets import QApplication, QMainWindow  # noqa: TID251

    from qa_audit import paths

    errors = _ErrorCounter()
    logging.getLogger().addHandler(errors)
    problems: list[str] = []

    def on_qt_message(kind: QtMsgType, _context: object, message: str) -> None:
        sys.stderr.write(f"qt: {message}\n")
        if kind in (QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg):
            problems.append(f"Qt: {message}")

    qInstallMessageHandler(on_qt_message)

    def check_icons() -> None:
        for svg in sorted(paths.bundled("resources", "icons").glob("*.svg")):
            if QIcon(str(svg)).pixmap(32, 32).isNull():
                problems.append(f"icon {svg.name} did not render (SVG plugin missing?)")
        if not any(paths.bundled("resources", "icons").glob("*.svg")):
            problems.append("no icons found in resources/icons")

    class FirstPaint(QObject):
        def __init__(self, app: QApplication) -> None:
            super().__init__(app)
            self.app = app
            self.window: QMainWindow | None = None

        def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
            if self.window is None and event.type() == QEvent.Type.Paint:
                window = obj.window() if hasattr(obj, "window") else None
                if isinstance(window, QMainWindow):
                    self.window = window
                    print(f"smoke: painted at {time.time():.4f}", flush=True)
                    QTimer.singleShot(0, self.visit_pages)
            return False

        def visit_pages(self) -> None:
            self.app.removeEventFilter(self)
            window = self.window
            assert window is not None
            nav = getattr(window, "nav", None)
            rows = nav.count() if nav is not None else 0
            for row in range(rows):
                nav.setCurrentRow(row)
                deadline = time.monotonic() + PAGE_SETTLE_MS / 1000
                while time.monotonic() < deadline:
                    self.app.processEvents()
            print(f"smoke: visited {rows} pages", flush=True)
            check_icons()
            window.close()
            QTimer.singleShot(0, self.app.quit)

    original_exec = QApplication.exec

    def smoke_exec(app: QApplication) -> int:
        watcher = FirstPaint(app)
        app.installEventFilter(watcher)

        def too_slow() -> None:
            if watcher.window is None:
                problems.append(f"no main window painted within {SMOKE_TIMEOUT_MS} ms")
                app.quit()

        QTimer.singleShot(SMOKE_TIMEOUT_MS, too_slow)
        code = original_exec()  # static in PySide6: runs the app's loop
        found = problems + [f"logged error: {r}" for r in errors.records]
        if watcher.window is None and not problems:
            found.append("the event loop ended before the main window painted")
        if code != 0:
            found.append(f"event loop exit code {code}")
        if found:
            for line in found:
                print(f"smoke: FAILED {line}", flush=True)
            return 1
        print("smoke: ok", flush=True)
        return 0

    QApplication.exec = smoke_exec  # type: ignore[method-assign]


def main() -> int:
    argv = sys.argv[1:]
    if argv[:1] == [SMOKE_FLAG]:
        argv = argv[1:]
        _install_smoke_test()
    from qa_audit.cli import main as cli_main

    return cli_main(argv)


if __name__ == "__main__":
    raise SystemExit(main())
