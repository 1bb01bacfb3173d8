# Shared by cluster-up.sh and silo-restart.sh (sourced, not run): starts silo $1 of a loopback
# cluster with the settings recorded in $state/env and waits until it answers /health/ready.
# $state/pids holds one line per silo: "PID HTTP_PORT INDEX".

host=src/Dispatcher.Host/bin/Release/net10.0/Dispatcher.Host.dll

# Prints the PID of the started silo; its log goes to $state/silo-$1.log (appended).
start_silo() {
  local i=$1 port=$((http_base + $1))
  dotnet "$host" --urls "http://127.0.0.1:$port" \
    --Dispatcher:Storage=Postgres --Dispatcher:Cluster:ClusterId="$cluster_id" \
    --Dispatcher:Cluster:SiloPort=$((silo_base + i)) --Dispatcher:Cluster:GatewayPort=$((gateway_base + i)) \
    >> "$state/silo-$i.log" 2>&1 &
  echo $!
}

wait_ready() { # PID PORT
  local pid=$1 port=$2
  for _ in $(seq 1 120); do
    if curl -fs "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1; then
      echo "silo pid $pid ready: http://127.0.0.1:$port"
      return 0
    fi
    if ! kill -0 "$pid" 2>/dev/null; then echo "silo on $port (pid $pid) exited; see $state/" >&2; return 1; fi
    sleep 0.5
  done
  echo "silo on $port (pid $pid) not ready after 60 s; see $state/" >&2
  return 1
}
