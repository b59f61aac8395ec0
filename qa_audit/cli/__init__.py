"""The ``qa-audit`` command line: ``entry`` parses arguments and runs a command;
``db``, ``workflow`` and ``reports`` register their groups of commands."""

from qa_audit.cli.entry import main

__all__ = ["main"]
