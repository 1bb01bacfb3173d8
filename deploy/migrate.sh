#!/usr/bin/env bash
# Applies deploy/sql/*.sql in file-name order with psql, all in one transaction, under the same
# advisory lock as the app's `migrate` command (so the two never run at once), skipping the files
# whose number dispatcher_schema_version already records (as `migrate` does: a later file may
# replace what an earlier one built). Idempotent: every file only creates what is missing and
# replaces functions and Orleans query texts.
#
#   deploy/migrate.sh                                   # libpq env: PGHOST PGPORT PGUSER PGPASSWORD PGDATABASE
#   deploy/migrate.sh --url postgresql://dispatcher:dispatcher@127.0.0.1:5432/dispatcher
#   deploy/migrate.sh --service-id city-12345          # owner of case rows from before sql/020
#
# Prints the applied files and the resulting schema version.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
url=""
service=""
while [ $# -gt 0 ]; do
  case "$1" in
    --url) url=${2:?--url needs a postgresql:// URL}; shift 2 ;;
    --url=*) url=${1#--url=}; shift ;;
    --service-id) service=${2:?--service-id needs the Dispatcher:Cluster:ServiceId}; shift 2 ;;
    --service-id=*) service=${1#--service-id=}; shift ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "migrate: unknown argument $1" >&2; exit 2 ;;
  esac
done

[ -z "$service" ] || [[ "$service" =~ ^[A-Za-z0-9._-]+$ ]] || { echo "migrate: --service-id may hold letters, digits, '.', '_' and '-' only" >&2; exit 2; }

command -v psql >/dev/null || { echo "migrate: psql not found (apt-get install postgresql-client)" >&2; exit 1; }

shopt -s nullglob
all=("$here"/sql/*.sql)
[ ${#all[@]} -gt 0 ] || { echo "migrate: no scripts in $here/sql" >&2; exit 1; }

conn=()
[ -n "$url" ] && conn=(-d "$url")

# The ledger is missing on a new database: then every file runs.
applied=" $(psql "${conn[@]}" -X -q -A -t -c 'SELECT version FROM dispatcher_schema_version' 2>/dev/null | tr '\n' ' ' || true) "
files=()
for f in "${all[@]}"; do
  n=$(basename "$f"); n=$((10#${n%%_*}))
  if [[ "$applied" == *" $n "* ]]; then echo "already applied $(basename "$f")"; else files+=("$f"); fi
done
if [ ${#files[@]} -eq 0 ]; then
  echo "schema version $(psql "${conn[@]}" -X -q -A -t -v ON_ERROR_STOP=1 -c 'SELECT coalesce(max(version), 0) FROM dispatcher_schema_version')"
  exit 0
fi

# Same key as Dispatcher.Storage's SchemaMigrator (0x12345); the transaction-scoped lock is
# released by the COMMIT at the end of the single transaction.
args=(-X -q -v ON_ERROR_STOP=1 --single-transaction
      -c 'DO $$ BEGIN PERFORM pg_advisory_xact_lock(74565); END $$;')
for f in "${files[@]}"; do args+=(-f "$f"); done

options="${PGOPTIONS:-} -c client_min_messages=warning"
[ -n "$service" ] && options="$options -c dispatcher.service_id=$service"
PGOPTIONS="$options" psql "${conn[@]}" "${args[@]}"

for f in "${files[@]}"; do echo "applied $(basename "$f")"; done
version=$(psql "${conn[@]}" -X -q -A -t -v ON_ERROR_STOP=1 -c 'SELECT coalesce(max(version), 0) FROM dispatcher_schema_version')
echo "schema version $version"
