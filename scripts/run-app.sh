#!/usr/bin/env bash
# One command: set everything up, then open the app on the default local
# database (created on first run, with demo data loaded into a new database).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=setup-env.sh
source "$ROOT/scripts/setup-env.sh"
if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
  echo "[run] no display found: starting offscreen (set DISPLAY to see the window)" >&2
  export QT_QPA_PLATFORM=offscreen
fi
exec "$ROOT/.venv/bin/qa-audit" "$@" gui --demo
