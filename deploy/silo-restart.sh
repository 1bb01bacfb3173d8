#!/usr/bin/env bash
# Restarts silo N (from 0) of the cluster started by deploy/cluster-up.sh, in place: same ports,
# same settings, new PID recorded in $CLUSTER_DIR/pids (so deploy/cluster-down.sh still stops it).
#
#   deploy/silo-restart.sh 1          # graceful: SIGTERM, SIGKILL after 30 s, then start again
#   deploy/silo-restart.sh 1 --kill   # a crash: SIGKILL, then start again
#
# A silo already dead (e.g. killed by hand) is just started again.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:?usage: deploy/silo-restart.sh N [--kill]}
signal=TERM
[ "${2:-}" = "--kill" ] && signal=KILL
state=${CLUSTER_DIR:-.cluster}
[ -s "$state/pids" ] && [ -s "$state/env" ] || { echo "no cluster recorded in $state (run deploy/cluster-up.sh)" >&2; exit 1; }
line=$(awk -v n="$n" '$3 == n' "$state/pids")
[ -n "$line" ] || { echo "no silo $n in $state/pids" >&2; exit 1; }
read -r pid port _ <<< "$line"
. "$state/env"
. deploy/silo-common.sh

if kill -0 "$pid" 2>/dev/null; then
  kill -"$signal" "$pid" 2>/dev/null || true
  for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null || true
  echo "stopped silo $n (pid $pid, SIG$signal)"
fi

new=$(start_silo "$n")
awk -v n="$n" -v line="$new $port $n" '$3 == n { print line; next } { print }' "$state/pids" > "$state/pids.new"
mv "$state/pids.new" "$state/pids"
wait_ready "$new" "$port"
