"""The ``qa-audit`` command line: ``entry`` parses arguments and runs a command;
``db``, ``workflow`` and ``reports`` register their groups of commands; ``output``
prints what they found (report files, counts as text or JSON)."""

# deferred imports: every command imports its services when it runs, so that `qa-audit`
# (which opens the GUI) paints its window before SQLAlchemy loads (test_lazy_imports.py)
from qa_audit.cli.entry import main

__all__ = ["main"]
