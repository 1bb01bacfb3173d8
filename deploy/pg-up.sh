#!/usr/bin/env bash
# Starts a THROWAWAY PostgreSQL for tests and local clusters: a fresh data directory (mktemp -d),
# trust authentication, listening on 127.0.0.1 only, on a free port (or $PGPORT_WANTED).
# Creates the role and database "dispatcher" (password "dispatcher"); the bootstrap superuser is
# "postgres". Installs the Debian "postgresql" package first when the server binaries are missing.
#
# stdout carries only shell-sourceable lines:
#   eval "$(deploy/pg-up.sh)"
#   export DISPATCHER_PG_PORT=... DISPATCHER_PG_DATA=... DISPATCHER_PG_PID=... ConnectionStrings__Dispatcher=...
# Everything else goes to stderr; the server log is $DISPATCHER_PG_DATA/postgres.log.
# Stop and delete it with: deploy/pg-down.sh "$DISPATCHER_PG_DATA"
set -euo pipefail

log() { echo "pg-up: $*" >&2; }

find_bindir() {
  if [ -x /usr/lib/postgresql/15/bin/initdb ]; then echo /usr/lib/postgresql/15/bin; return 0; fi
  local d
  d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [ -n "$d" ] && [ -x "$d/initdb" ]; then echo "$d"; return 0; fi
  return 1
}

if ! bindir=$(find_bindir); then
  log "PostgreSQL server binaries not found; installing the Debian package 'postgresql'"
  if [ "$(id -u)" -ne 0 ]; then
    log "not root: cannot apt-get install postgresql; install it (PostgreSQL 15) and retry"
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >&2 || log "apt-get update failed; trying the install anyway"
  apt-get install -y -q --no-install-recommends postgresql >&2
  bindir=$(find_bindir) || { log "postgresql installed but no initdb found under /usr/lib/postgresql"; exit 1; }
fi
major=$(basename "$(dirname "$bindir")")
[ "$major" = 15 ] || log "PostgreSQL 15 not available, using $major from $bindir"

# Who runs the server: initdb/postgres refuse root, so root hands over to the "postgres" account.
me=$(id -un)
if [ "$(id -u)" -eq 0 ]; then
  id postgres >/dev/null 2>&1 || { log "user 'postgres' does not exist"; exit 1; }
  as_pg() { runuser -u postgres -- "$@"; }
  owner=postgres
else
  as_pg() { "$@"; }
  owner=$me
fi

data=$(mktemp -d "${TMPDIR:-/tmp}/dispatcher-pg.XXXXXX")
cleanup_on_failure() {
  local rc=$?
  if [ $rc -ne 0 ]; then
    log "failed (exit $rc); server log follows"
    [ -f "$data/postgres.log" ] && tail -n 40 "$data/postgres.log" >&2 || true
    as_pg "$bindir/pg_ctl" -D "$data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$data"
  fi
}
trap cleanup_on_failure EXIT

chmod 700 "$data"
[ "$owner" = "$me" ] || chown "$owner": "$data"

log "initdb ($bindir) in $data as $owner"
# (initdb wants an empty directory, so its output is kept in memory and written afterwards)
if ! initdb_out=$(as_pg "$bindir/initdb" -D "$data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 2>&1); then
  echo "$initdb_out" >&2
  exit 1
fi
echo "$initdb_out" >"$data/initdb.log"

port_free() { # true when nothing listens on 127.0.0.1:$1
  ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

pick_port() {
  local p i
  for i in $(seq 1 50); do
    p=$(( 10000 + (RANDOM * 32768 + RANDOM) % 5000 ))   # below the ephemeral range and the tests' own (tests/Shared/FreePorts.cs)
    if port_free "$p"; then echo "$p"; return 0; fi
  done
  return 1
}

started=""
for attempt in 1 2 3 4 5; do
  if [ -n "${PGPORT_WANTED:-}" ]; then port=$PGPORT_WANTED; else port=$(pick_port) || { log "no free port found"; exit 1; }; fi
  log "starting on 127.0.0.1:$port (attempt $attempt)"
  if as_pg "$bindir/pg_ctl" -D "$data" -l "$data/postgres.log" -w -t 60 \
       -o "-p $port -k $data -c listen_addresses=127.0.0.1 -c fsync=on -c max_connections=200" start >&2; then
    started=1
    break
  fi
  [ -n "${PGPORT_WANTED:-}" ] && break   # a fixed port that fails will not get better
  log "start failed on port $port; retrying on another port"
done
[ -n "$started" ] || { log "could not start PostgreSQL"; exit 1; }

pid=$(head -n 1 "$data/postmaster.pid")

psql_admin() {
  as_pg "$bindir/psql" -X -q -v ON_ERROR_STOP=1 -h "$data" -p "$port" -U postgres -d postgres "$@"
}
psql_admin -c "CREATE ROLE dispatcher LOGIN PASSWORD 'dispatcher'" >&2
psql_admin -c "CREATE DATABASE dispatcher OWNER dispatcher" >&2

trap - EXIT
log "ready: pid $pid, port $port, data $data"
echo "export DISPATCHER_PG_PORT=$port"
echo "export DISPATCHER_PG_DATA=$data"
echo "export DISPATCHER_PG_PID=$pid"
echo "export ConnectionStrings__Dispatcher=\"Host=127.0.0.1;Port=$port;Database=dispatcher;Username=dispatcher;Password=dispatcher\""
