#!/usr/bin/env bash
# Runs the Dispatcher load-test suite (issue 5) and writes load-tests/results/<timestamp>.md/.json
# plus latest.md/.json.
#
#   load-tests/run.sh            full run: 10 s warm-up, 60 s measured, 3 repetitions (about an hour)
#   load-tests/run.sh --quick    ~3-5 minute smoke (short windows, 1 repetition; the report says so)
#
# Other arguments go to the load generator, e.g. --pg "Host=..;Username=..;Password=..;Database=..",
# --target http://127.0.0.1:5000, --scenarios baselines,intake, --rate 2500, --open-cases 200000.
# Without --pg, and with PostgreSQL's server binaries installed, a throwaway local PostgreSQL is
# started on a free loopback port for the insert baseline (and Postgres mode) and removed afterwards.
# Pass --no-local-pg to skip that.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
cd "$root"

args=()
local_pg=1
for a in "$@"; do
  case "$a" in
    --no-local-pg) local_pg=0 ;;
    --pg|--target) local_pg=0; args+=("$a") ;;
    *) args+=("$a") ;;
  esac
done

echo "== building load-tests (Release)"
dotnet build "$here/Dispatcher.LoadTests/Dispatcher.LoadTests.csproj" -c Release -nologo -v q -clp:ErrorsOnly

pgdir=""
cleanup() {
  if [[ -n "$pgdir" && -d "$pgdir" ]]; then
    su postgres -s /bin/sh -c "pg_ctl -D '$pgdir/data' -m immediate stop" >/dev/null 2>&1 || true
    rm -rf "$pgdir"
  fi
}
trap cleanup EXIT

if [[ $local_pg == 1 ]] && command -v initdb >/dev/null && command -v pg_ctl >/dev/null && id postgres >/dev/null 2>&1; then
  pgdir="$(mktemp -d /tmp/dispatcher-loadtests-pg.XXXXXX)"
  chown postgres "$pgdir"
  port="$(python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])')"
  echo "== starting a throwaway PostgreSQL on 127.0.0.1:$port ($pgdir)"
  su postgres -s /bin/sh -c "initdb -D '$pgdir/data' -A trust -U postgres >'$pgdir/initdb.log' 2>&1"
  su postgres -s /bin/sh -c "pg_ctl -D '$pgdir/data' -l '$pgdir/pg.log' -w -o \"-p $port -k '$pgdir' -c listen_addresses=127.0.0.1 -c max_connections=300 -c shared_buffers=256MB -c synchronous_commit=on\" start" >/dev/null
  su postgres -s /bin/sh -c "createdb -h 127.0.0.1 -p $port -U postgres loadtests"
  args+=(--pg "Host=127.0.0.1;Port=$port;Username=postgres;Password=unused;Database=loadtests" --notes "PostgreSQL: throwaway local instance started by run.sh (trust auth, synchronous_commit=on, default fsync), same machine.")
fi

echo "== running the suite"
dotnet "$here/Dispatcher.LoadTests/bin/Release/net10.0/Dispatcher.LoadTests.dll" --results "$here/results" "${args[@]}"
