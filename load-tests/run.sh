#!/usr/bin/env bash
# Runs the Dispatcher load-test suite (issue 5) and writes load-tests/results/<timestamp>.md/.json
# plus latest.md/.json.
#
#   load-tests/run.sh            full run: 10 s warm-up, 60 s measured, 3 repetitions, and the 150,000-case deadline storm (about 2 h 40 min on this 2-core VM, usually run in two parts; see load-tests/README.md)
#   load-tests/run.sh --quick    ~15 minute smoke (short windows, 1 repetition, a 5,000-case deadline storm; the report says so)
#
# Other arguments go to the load generator, e.g. --pg "Host=..;Username=..;Password=..;Database=..",
# --target http://127.0.0.1:5000, --scenarios baselines,intake, --rate 2500, --open-cases 200000,
# --storm-cases 20000 (the deadline storm). Default scenarios: baselines,intake,open-cases,surge,postgres,peer,
# two-silos,storm (peer = the conventional ASP.NET Core + Npgsql design of issue 15, on the same database).
# Without --pg (and without --target) a throwaway PostgreSQL is started with the project's own
# deploy/pg-up.sh (free loopback port, trust auth, database/user "dispatcher", synchronous_commit
# and fsync at their defaults = on; it installs the Debian package when the server is missing),
# migrated with the host's own `migrate` command, used for the insert baseline, Postgres mode and
# two silos, and removed by deploy/pg-down.sh on exit. Pass --no-local-pg to skip that.
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

echo "== building load-tests and the host (Release)"
dotnet build "$here/Dispatcher.LoadTests/Dispatcher.LoadTests.csproj" -c Release -nologo -v q -clp:ErrorsOnly

pg_data=""
cleanup() {
  if [[ -n "$pg_data" ]]; then
    echo "== stopping the throwaway PostgreSQL ($pg_data)"
    deploy/pg-down.sh "$pg_data" || true
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM   # run the EXIT trap (pg-down) on Ctrl-C / kill too

if [[ $local_pg == 1 ]]; then
  echo "== starting a throwaway PostgreSQL (deploy/pg-up.sh)"
  if pg_env="$(deploy/pg-up.sh)"; then
    eval "$pg_env"
    pg_data="$DISPATCHER_PG_DATA"
    pg_conn="$ConnectionStrings__Dispatcher"
    # The suite passes the connection string explicitly to the hosts it starts in Postgres mode; the
    # embedded memory-mode hosts should not see it in their environment.
    unset ConnectionStrings__Dispatcher
    echo "   127.0.0.1:$DISPATCHER_PG_PORT, data $DISPATCHER_PG_DATA"
    # pg-up.sh keeps the server defaults; the suite's hosts (grain storage, reminders, clustering and
    # the case index each pool connections; two silos in one process) need more than 100 connections.
    # Same settings as the first runs: max_connections=300, shared_buffers=256MB (a restart applies them).
    pg_bin="/usr/lib/postgresql/$(cat "$DISPATCHER_PG_DATA/PG_VERSION")/bin"
    as_pg() { if [[ $(id -u) == 0 ]]; then runuser -u "$(stat -c %U "$DISPATCHER_PG_DATA")" -- "$@"; else "$@"; fi; }
    as_pg "$pg_bin/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$DISPATCHER_PG_PORT" -U postgres -d postgres \
      -c "ALTER SYSTEM SET max_connections = 300" -c "ALTER SYSTEM SET shared_buffers = '256MB'"
    as_pg "$pg_bin/pg_ctl" -D "$DISPATCHER_PG_DATA" -l "$DISPATCHER_PG_DATA/postgres.log" -m fast -w -t 60 restart >/dev/null
    echo "== migrating it (Dispatcher.Host migrate, Release)"
    dotnet build src/Dispatcher.Host/Dispatcher.Host.csproj -c Release -nologo -v q -clp:ErrorsOnly
    dotnet src/Dispatcher.Host/bin/Release/net10.0/Dispatcher.Host.dll migrate --ConnectionStrings:Dispatcher="$pg_conn"
    args+=(--pg "$pg_conn" --notes "PostgreSQL: throwaway local instance from deploy/pg-up.sh (127.0.0.1, trust auth, user/db dispatcher, synchronous_commit=on and fsync=on as by default, max_connections=300, shared_buffers=256MB), migrated by 'Dispatcher.Host migrate', same machine.")
  else
    echo "   deploy/pg-up.sh failed: running without PostgreSQL (baseline, Postgres mode and two silos are reported as not run)" >&2
  fi
fi

echo "== running the suite"
# Not exec: the EXIT trap must still stop PostgreSQL afterwards.
set +e
dotnet "$here/Dispatcher.LoadTests/bin/Release/net10.0/Dispatcher.LoadTests.dll" --results "$here/results" "${args[@]}"
rc=$?
set -e
exit $rc
