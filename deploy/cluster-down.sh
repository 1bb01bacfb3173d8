#!/usr/bin/env bash
# Stops the silos recorded by deploy/cluster-up.sh, by PID: SIGTERM, then SIGKILL after 30 s.
set -euo pipefail
cd "$(dirname "$0")/.."
state=${CLUSTER_DIR:-.cluster}
[ -s "$state/pids" ] || { echo "no cluster recorded in $state/pids"; exit 0; }
while read -r pid port _; do
  kill -TERM "$pid" 2>/dev/null || continue
  for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null || true
  echo "stopped silo pid $pid (http $port)"
done < "$state/pids"
rm -f "$state/pids" "$state/env"
