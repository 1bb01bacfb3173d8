#!/usr/bin/env bash
# Stops a server started by deploy/pg-up.sh (pg_ctl -m fast) and deletes its data directory.
#   deploy/pg-down.sh [DATA_DIR]        (default: $DISPATCHER_PG_DATA)
# Refuses directories that do not look like a pg-up.sh data directory.
set -euo pipefail

log() { echo "pg-down: $*" >&2; }

data=${1:-${DISPATCHER_PG_DATA:-}}
[ -n "$data" ] || { log "usage: pg-down.sh DATA_DIR (or set DISPATCHER_PG_DATA)"; exit 2; }
if [ ! -d "$data" ]; then log "$data does not exist; nothing to do"; exit 0; fi
data=$(cd "$data" && pwd -P)
case "$(basename "$data")" in
  dispatcher-pg.*) ;;
  *) log "refusing to remove $data: not a pg-up.sh data directory (dispatcher-pg.*)"; exit 2 ;;
esac

bindir=""
if [ -f "$data/PG_VERSION" ] && [ -x "/usr/lib/postgresql/$(cat "$data/PG_VERSION")/bin/pg_ctl" ]; then
  bindir="/usr/lib/postgresql/$(cat "$data/PG_VERSION")/bin"
else
  bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
fi

if [ "$(id -u)" -eq 0 ]; then
  as_owner() { runuser -u "$(stat -c %U "$data")" -- "$@"; }
else
  as_owner() { "$@"; }
fi

if [ -f "$data/postmaster.pid" ]; then
  pid=$(head -n 1 "$data/postmaster.pid")
  if [ -n "$bindir" ] && as_owner "$bindir/pg_ctl" -D "$data" -m fast -w -t 60 stop >&2; then
    log "stopped server (pid $pid)"
  elif kill -0 "$pid" 2>/dev/null; then
    # pg_ctl missing or failed: stop that postmaster by its PID (SIGINT = fast shutdown).
    kill -INT "$pid" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null || true
    log "stopped server (pid $pid) by signal"
  fi
fi

rm -rf "$data"
log "removed $data"
