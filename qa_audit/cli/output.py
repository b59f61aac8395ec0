"""What the CLI commands print: a report's files and headline, counts as text or JSON.

One writer for every ``report ...`` command (``cli.reports`` and ``cli.board``),
so the report files, their metadata and what is printed after them are worked
out the same way whichever module registered the command.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any


def write_report(args: argparse.Namespace, kind: str, figures: Any, db: Any) -> int:
    """Render ``figures`` to ``--out`` (PDF) and the optional ``--xlsx``/``--json``;
    print the headline and the files written. Returns the exit code."""
    # deferred: rendering pulls in reportlab and openpyxl, only for report commands
    from qa_audit.reporting.render import generate
    from qa_audit.services.reports import report_meta

    result = generate(kind, figures, args.out, xlsx=args.xlsx, json_path=args.json,
                      meta=report_meta(db))
    print(figures.headline())
    print(result.describe())
    return 0


def emit(args: argparse.Namespace, data: object, text: str) -> None:
    """``data`` as JSON when the command was given ``--json``, else ``text``."""
    if getattr(args, "json", False):
        sys.stdout.write(json.dumps(data, indent=2, default=str) + "\n")
    else:
        print(text)
