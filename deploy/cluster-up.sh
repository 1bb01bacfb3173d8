#!/usr/bin/env bash
# Starts N Dispatcher silos on loopback against one PostgreSQL, each with its own silo, gateway
# and HTTP port, and records their PIDs. Stop them with deploy/cluster-down.sh.
#
#   ConnectionStrings__Dispatcher="Host=127.0.0.1;Port=5432;Database=dispatcher;Username=dispatcher;Password=…" \
#   Dispatcher__TrackingSecret="a-long-shared-secret" deploy/cluster-up.sh 3
#
# Silo i (from 0) listens on HTTP 5100+i, silo port 11700+i, gateway 30700+i (bases can be
# changed with HTTP_BASE, SILO_BASE, GATEWAY_BASE). State (PIDs, logs) goes to $CLUSTER_DIR
# (default .cluster in the repository).
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-2}
: "${ConnectionStrings__Dispatcher:?set ConnectionStrings__Dispatcher (see deploy/pg-up.sh for a throwaway server)}"
: "${Dispatcher__TrackingSecret:?set Dispatcher__TrackingSecret (the same on every silo, at least 16 characters)}"
# A loopback cluster is a test system: it keeps the city file's demo keys unless told otherwise
# (Dispatcher__AllowDemoKeys=false with production keys in Dispatcher__ApiKeys__0__Sha256 etc.).
Dispatcher__AllowDemoKeys=${Dispatcher__AllowDemoKeys:-true}
export ConnectionStrings__Dispatcher Dispatcher__TrackingSecret Dispatcher__AllowDemoKeys
state=${CLUSTER_DIR:-.cluster}
http_base=${HTTP_BASE:-5100}; silo_base=${SILO_BASE:-11700}; gateway_base=${GATEWAY_BASE:-30700}
cluster_id=${CLUSTER_ID:-dispatcher}
mkdir -p "$state"
if [ -s "$state/pids" ]; then
  echo "A cluster is already recorded in $state/pids; run deploy/cluster-down.sh first." >&2
  exit 1
fi

dotnet build src/Dispatcher.Host -c Release -nologo -v q >&2
host=src/Dispatcher.Host/bin/Release/net10.0/Dispatcher.Host.dll
dotnet "$host" migrate >&2

for i in $(seq 0 $((count - 1))); do
  port=$((http_base + i))
  dotnet "$host" --urls "http://127.0.0.1:$port" \
    --Dispatcher:Storage=Postgres --Dispatcher:Cluster:ClusterId="$cluster_id" \
    --Dispatcher:Cluster:SiloPort=$((silo_base + i)) --Dispatcher:Cluster:GatewayPort=$((gateway_base + i)) \
    > "$state/silo-$i.log" 2>&1 &
  echo "$! $port" >> "$state/pids"
done

while read -r pid port; do
  for _ in $(seq 1 120); do
    if curl -fs "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1; then break; fi
    if ! kill -0 "$pid" 2>/dev/null; then echo "silo on $port (pid $pid) exited; see $state/" >&2; exit 1; fi
    sleep 0.5
  done
  echo "silo pid $pid ready: http://127.0.0.1:$port"
done < "$state/pids"
