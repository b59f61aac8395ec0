#!/usr/bin/env bash
# Sets up everything the app needs on a Debian/Ubuntu machine: the system
# libraries Qt loads, a virtual environment in .venv and the Python packages.
# Sourced by run-app.sh and run-tests.sh; safe to run again (it only does what is missing).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"
PYTHON="${PYTHON:-python3}"

# libraries PySide6 needs offscreen, then on a real X display
QT_LIBS_OFFSCREEN="libegl1 libgl1 libxkbcommon0 libfontconfig1 libdbus-1-3 libglib2.0-0"
QT_LIBS_DISPLAY="libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0 libxcb-shape0 libxkbcommon-x11-0"
EXTRA_TOOLS="${QA_AUDIT_EXTRA_DEBS:-}"

say() { printf '[setup] %s\n' "$*" >&2; }
die() { printf '[setup] ERROR: %s\n' "$*" >&2; exit 1; }

missing_debs() {
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  echo "${missing[@]:-}"
}

install_system_libs() {
  local want="$QT_LIBS_OFFSCREEN"
  [ "${QA_AUDIT_HEADLESS:-0}" = "1" ] || want="$want $QT_LIBS_DISPLAY"
  want="$want $EXTRA_TOOLS"
  if ! command -v dpkg-query >/dev/null 2>&1; then
    say "not a Debian/Ubuntu system: make sure these Qt libraries (or your system's equivalents) are installed: $want"
    return 0
  fi
  # shellcheck disable=SC2086
  local missing; missing="$(missing_debs $want)"
  [ -z "${missing// /}" ] && return 0
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo="sudo -n"; else
      die "these system libraries are missing and I cannot install them without root:
    $missing
  Install them with:  sudo apt-get install -y $missing
  then run this command again."
    fi
  fi
  say "installing system libraries: $missing"
  # shellcheck disable=SC2086
  $sudo apt-get update -qq >/dev/null || die "apt-get update failed (no network or no Debian mirror?)"
  # shellcheck disable=SC2086
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null \
    || die "apt-get could not install: $missing"
}

check_python() {
  command -v "$PYTHON" >/dev/null 2>&1 || die "python3 is not installed (need Python 3.11 or newer: sudo apt-get install python3 python3-venv)"
  "$PYTHON" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' \
    || die "Python 3.11 or newer is needed; $("$PYTHON" --version) found"
  "$PYTHON" -c 'import venv, ensurepip' 2>/dev/null \
    || die "the Python venv module is missing: sudo apt-get install python3-venv"
}

make_venv() {
  if [ ! -x "$VENV/bin/python" ]; then
    say "creating virtual environment in .venv"
    "$PYTHON" -m venv "$VENV"
  fi
  local stamp="$VENV/.installed-$(sha256sum "$ROOT/pyproject.toml" | cut -c1-16)"
  if [ ! -f "$stamp" ]; then
    say "installing Python packages (first run takes a minute)"
    "$VENV/bin/python" -m pip install -q --upgrade pip >/dev/null 2>&1 || true
    "$VENV/bin/python" -m pip install -q -e "$ROOT[test]" || die "pip could not install the packages (see above)"
    rm -f "$VENV"/.installed-* && touch "$stamp"
  fi
}

check_python
install_system_libs
make_venv
