#!/usr/bin/env bash
# Start a throw-away PostgreSQL server on loopback for the storage tests.
#
#   bash .ci/postgres.sh          start (idempotent) and write .ci/pg.env
#   bash .ci/postgres.sh stop     stop it and remove its data folder
#
# Installs the Debian package `postgresql` when it is missing (as root, or via
# `sudo -n`); otherwise says what is missing and exits 0, so the PostgreSQL
# tests skip with a clear reason instead of failing. The cluster lives in a
# temporary folder, listens on 127.0.0.1 only, on a free port, and is run by
# the unprivileged `postgres` user (initdb refuses root). `.ci/pg.env` (not
# committed) gets `QA_AUDIT_TEST_PG_URL=postgresql+psycopg://...` for a
# superuser that the tests use to create and drop one database per test.
set -uo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ENV_FILE="$HERE/pg.env"
STATE_FILE="$HERE/pg.state"
say() { echo "[postgres] $*" >&2; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
    sudo -n "$@"; else return 1; fi
}

pg_bindir() {
  local d
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ] && { echo "$d"; return 0; }
  done
  command -v initdb >/dev/null && command -v pg_ctl >/dev/null && {
    dirname "$(command -v initdb)"; return 0; }
  return 1
}

stop_cluster() {
  [ -f "$STATE_FILE" ] || return 0
  # shellcheck disable=SC1090
  source "$STATE_FILE"
  if [ -n "${PGDATA_DIR:-}" ] && [ -d "$PGDATA_DIR" ]; then
    run_as_owner "$BINDIR/pg_ctl" -D "$PGDATA_DIR" -m immediate -w stop >/dev/null 2>&1 || true
    rm -rf "$(dirname "$PGDATA_DIR")"
  fi
  rm -f "$STATE_FILE" "$ENV_FILE"
}

run_as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    # initdb and postgres refuse to run as root
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

if [ "${1:-start}" = "stop" ]; then
  stop_cluster
  say "stopped"
  exit 0
fi

rm -f "$ENV_FILE"

# an already running cluster from this script: reuse it
if [ -f "$STATE_FILE" ]; then
  # shellcheck disable=SC1090
  source "$STATE_FILE"
  if [ -n "${BINDIR:-}" ] && "$BINDIR/pg_isready" -q -h 127.0.0.1 -p "${PGPORT_USED:-0}" 2>/dev/null; then
    echo "QA_AUDIT_TEST_PG_URL=postgresql+psycopg://postgres@127.0.0.1:${PGPORT_USED}/postgres" \
      > "$ENV_FILE"
    say "reusing the server on 127.0.0.1:${PGPORT_USED}"
    exit 0
  fi
  stop_cluster
fi

if ! BINDIR="$(pg_bindir)"; then
  say "PostgreSQL server binaries not found; installing the Debian package 'postgresql'"
  if as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >/dev/null 2>&1 \
      || { as_root apt-get update -q >/dev/null 2>&1 \
           && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql \
              >/dev/null 2>&1; }; then
    BINDIR="$(pg_bindir)" || BINDIR=""
  fi
  if [ -z "${BINDIR:-}" ]; then
    say "MISSING: the PostgreSQL server (Debian package 'postgresql'); could not install it"
    say "(needs root or passwordless sudo). The PostgreSQL tests will be skipped."
    exit 0
  fi
fi

if [ "$(id -u)" -eq 0 ] && ! id postgres >/dev/null 2>&1; then
  useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres 2>/dev/null || true
fi

BASE="$(mktemp -d "${TMPDIR:-/tmp}/qa-audit-pg.XXXXXX")"
PGDATA_DIR="$BASE/data"
if [ "$(id -u)" -eq 0 ]; then chown postgres "$BASE"; fi
chmod 700 "$BASE"

if ! run_as_owner "$BINDIR/initdb" -D "$PGDATA_DIR" -U postgres -A trust -E UTF8 \
    --locale=C.UTF-8 >"$BASE/initdb.log" 2>&1 \
    && ! run_as_owner "$BINDIR/initdb" -D "$PGDATA_DIR" -U postgres -A trust -E UTF8 \
    --no-locale >"$BASE/initdb.log" 2>&1; then
  say "initdb failed; the PostgreSQL tests will be skipped. Log:"
  tail -20 "$BASE/initdb.log" >&2
  rm -rf "$BASE"
  exit 0
fi

# a free port on loopback
PORT="$(python3 - <<'PY'
import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])
s.close()
PY
)"

if ! run_as_owner "$BINDIR/pg_ctl" -D "$PGDATA_DIR" -l "$BASE/server.log" -w -t 60 \
    -o "-h 127.0.0.1 -p $PORT -k $BASE -c fsync=off -c synchronous_commit=off \
-c full_page_writes=off -c max_connections=200" start >/dev/null 2>&1; then
  say "the server did not start; the PostgreSQL tests will be skipped. Log:"
  tail -20 "$BASE/server.log" >&2
  rm -rf "$BASE"
  exit 0
fi

cat > "$STATE_FILE" <<EOF
BINDIR=$BINDIR
PGDATA_DIR=$PGDATA_DIR
PGPORT_USED=$PORT
EOF
echo "QA_AUDIT_TEST_PG_URL=postgresql+psycopg://postgres@127.0.0.1:${PORT}/postgres" > "$ENV_FILE"
say "PostgreSQL $("$BINDIR/postgres" --version | awk '{print $3}') on 127.0.0.1:$PORT ($BASE)"
exit 0
