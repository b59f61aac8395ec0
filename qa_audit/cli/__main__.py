"""``python -m qa_audit.cli`` runs the command line."""

from qa_audit.cli.entry import main

if __name__ == "__main__":
    raise SystemExit(main())
