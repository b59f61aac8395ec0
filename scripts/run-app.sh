#!/usr/bin/env bash
# One command: set everything up, then open the app on the last database used.
# Demo data is created only on the very first run (no database used yet, no
# arguments): after that the app reopens the panel's own database.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=setup-env.sh
source "$ROOT/scripts/setup-env.sh"
if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
  echo "[run] no display found: starting offscreen (set DISPLAY to see the window)" >&2
  export QT_QPA_PLATFORM=offscreen
fi
DEMO=()
if [ "$#" -eq 0 ] && ! "$ROOT/.venv/bin/python" -m qa_audit.gui.recent; then
  echo "[run] first run: creating the demo database (marked DEMO in the app)" >&2
  DEMO=(--demo)
fi
exec "$ROOT/.venv/bin/qa-audit" "$@" gui "${DEMO[@]}"
