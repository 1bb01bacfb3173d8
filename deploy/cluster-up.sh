#!/usr/bin/env bash
# Starts N Dispatcher silos on loopback against one PostgreSQL, each with its own silo, gateway
# and HTTP port, and records their PIDs. Right after deploy/pg-up.sh:
#
#   eval "$(deploy/pg-up.sh)" && deploy/cluster-up.sh 3
#
# Needs ConnectionStrings__Dispatcher (pg-up.sh exports it). Dispatcher__TrackingSecret is the
# same on every silo; when unset, a throwaway one is generated for this local cluster (tracking
# numbers issued by it do not verify on another cluster).
#
# Silo i (from 0) listens on HTTP 5100+i, silo port 11700+i, gateway 30700+i (bases can be
# changed with HTTP_BASE, SILO_BASE, GATEWAY_BASE). State (PIDs, logs, the settings the silos
# were started with, so deploy/silo-restart.sh can start one again) goes to $CLUSTER_DIR
# (default .cluster in the repository). Stop with deploy/cluster-down.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-2}
: "${ConnectionStrings__Dispatcher:?set ConnectionStrings__Dispatcher (eval \"\$(deploy/pg-up.sh)\" exports one for a throwaway server)}"
if [ -z "${Dispatcher__TrackingSecret:-}" ]; then
  Dispatcher__TrackingSecret=$(head -c 32 /dev/urandom | base64 | tr -d '/+=\n')
  echo "cluster-up: Dispatcher__TrackingSecret not set; generated a throwaway one for this local cluster" >&2
fi
# A loopback cluster is a test system: it keeps the city file's demo keys unless told otherwise
# (Dispatcher__AllowDemoKeys=false with production keys in Dispatcher__ApiKeys__0__Sha256 etc.).
Dispatcher__AllowDemoKeys=${Dispatcher__AllowDemoKeys:-true}
state=${CLUSTER_DIR:-.cluster}
# One key ring for the console's session cookies, shared by every silo (on several machines: a shared volume).
case "$state" in /*) state_abs=$state ;; *) state_abs=$(pwd)/$state ;; esac
Dispatcher__SessionKeysFolder=${Dispatcher__SessionKeysFolder:-$state_abs/session-keys}
export ConnectionStrings__Dispatcher Dispatcher__TrackingSecret Dispatcher__AllowDemoKeys Dispatcher__SessionKeysFolder
http_base=${HTTP_BASE:-5100}; silo_base=${SILO_BASE:-11700}; gateway_base=${GATEWAY_BASE:-30700}
cluster_id=${CLUSTER_ID:-dispatcher}
mkdir -p "$state"
if [ -s "$state/pids" ]; then
  echo "A cluster is already recorded in $state/pids; run deploy/cluster-down.sh first." >&2
  exit 1
fi
. deploy/silo-common.sh

# What silo-restart.sh needs to start a silo the same way (owner-only: it holds the secret).
( umask 077
  { declare -p ConnectionStrings__Dispatcher Dispatcher__TrackingSecret Dispatcher__AllowDemoKeys Dispatcher__SessionKeysFolder \
      http_base silo_base gateway_base cluster_id | sed 's/^declare -[-a-z]* /export /'; } > "$state/env" )

dotnet build src/Dispatcher.Host -c Release -nologo -v q >&2
dotnet "$host" migrate >&2

for i in $(seq 0 $((count - 1))); do
  pid=$(start_silo "$i")
  echo "$pid $((http_base + i)) $i" >> "$state/pids"
done

while read -r pid port _; do
  wait_ready "$pid" "$port"
done < "$state/pids"
