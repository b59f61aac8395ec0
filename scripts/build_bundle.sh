#!/usr/bin/env bash
# One command: set everything up, then build the desktop bundle into dist/qa-audit/
# (PyInstaller one-folder, from build.spec). See docs/packaging.md.
#
#   bash scripts/build_bundle.sh            # build (about 1.5 minutes)
#   bash scripts/build_bundle.sh --check    # build, then run the bundle's smoke test
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# PyInstaller reads shared-library dependencies with objdump (binutils).
export QA_AUDIT_EXTRA_DEBS="${QA_AUDIT_EXTRA_DEBS:-} binutils"
# shellcheck source=setup-env.sh
source "$ROOT/scripts/setup-env.sh"
cd "$ROOT"

# PyInstaller: the pyproject 'bundle' extra when it is declared, else the same pin.
PYI_REQ="$(.venv/bin/python - <<'EOF'
import tomllib
extras = tomllib.load(open("pyproject.toml", "rb"))["project"].get("optional-dependencies", {})
print(" ".join(extras.get("bundle", ["pyinstaller>=6.16,<7"])))
EOF
)"
echo "[bundle] installing $PYI_REQ into .venv" >&2
# shellcheck disable=SC2086
.venv/bin/python -m pip install -q $PYI_REQ || { echo "[bundle] ERROR: pip could not install $PYI_REQ" >&2; exit 1; }

echo "[bundle] building dist/qa-audit/ from build.spec" >&2
start=$(date +%s)
.venv/bin/pyinstaller --noconfirm --clean --log-level WARN \
  --distpath "$ROOT/dist" --workpath "$ROOT/build/pyinstaller" "$ROOT/build.spec"
size_mb=$(du -sm --apparent-size "$ROOT/dist/qa-audit" | cut -f1)
echo "[bundle] built dist/qa-audit/ (${size_mb} MB) in $(( $(date +%s) - start )) s" >&2

if [ "${1:-}" = "--check" ]; then
  echo "[bundle] smoke test" >&2
  QT_QPA_PLATFORM=offscreen .venv/bin/python -m pytest -q -p no:cacheprovider \
    -m bundle "$ROOT/tests/integration/test_bundle.py"
fi
