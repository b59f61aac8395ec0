#!/usr/bin/env bash
# One command: set everything up, then run every check CI runs.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export QA_AUDIT_HEADLESS=1
export QA_AUDIT_EXTRA_DEBS="poppler-utils python3-fusepy libfuse2 fuse"
# shellcheck source=setup-env.sh
source "$ROOT/scripts/setup-env.sh"
cd "$ROOT"
export QT_QPA_PLATFORM=offscreen
echo "[test] lint (ruff)" >&2
.venv/bin/ruff check qa_audit tests scripts
echo "[test] types (mypy: strict on the core, basic elsewhere; config in pyproject.toml)" >&2
.venv/bin/mypy qa_audit
echo "[test] import contracts (lint-imports: layers, the service wall)" >&2
.venv/bin/lint-imports
echo "[test] generated forms up to date" >&2
.venv/bin/python scripts/compile_forms.py --check
echo "[test] PostgreSQL test server" >&2
bash "$ROOT/.ci/postgres.sh" || true
trap 'bash "$ROOT/.ci/postgres.sh" stop >/dev/null 2>&1 || true' EXIT
if [ -f "$ROOT/.ci/pg.env" ]; then set -a; . "$ROOT/.ci/pg.env"; set +a; fi
echo "[test] desktop bundle (PyInstaller)" >&2
bash "$ROOT/scripts/build_bundle.sh"
echo "[test] pytest" >&2
.venv/bin/python -m pytest "$@"
# the benchmark guard runs with the whole suite, not when a subset of tests is asked for
if [ "$#" -eq 0 ] && [ -z "${QA_AUDIT_SKIP_BENCHMARKS:-}" ]; then
  echo "[test] benchmarks, quick mode (fails if a ratio target is missed by more than 50%)" >&2
  BENCH_OUT="$(mktemp -d)/RESULTS-quick.md"
  bench_status=0
  .venv/bin/python benchmarks/run.py --quick --results "$BENCH_OUT" || bench_status=$?
  [ -f "$BENCH_OUT" ] && sed -n '/^## Figures/,/^Baselines/p' "$BENCH_OUT"
  exit "$bench_status"
fi
