#!/usr/bin/env bash
# The one test command: starts a throwaway PostgreSQL on a free loopback port (installing the
# Debian package when the server binaries are missing), builds once, runs every test project,
# stops what it started, and ends with "tests: N passed, N failed[, N skipped]".
set -uo pipefail
cd "$(dirname "$0")"
root=$(pwd)
results="$root/.test-run"
rm -rf "$results" && mkdir -p "$results"

summary() { # passed failed skipped
  local line="tests: $1 passed, $2 failed"
  [ "$3" -gt 0 ] && line="$line, $3 skipped"
  echo "$line"
}

pg_data=""
cleanup() {
  if [ -n "$pg_data" ]; then deploy/pg-down.sh "$pg_data" >/dev/null 2>&1 || true; fi
}
trap cleanup EXIT

echo "== starting PostgreSQL"
if ! pg_env=$(deploy/pg-up.sh); then
  echo "PostgreSQL could not be started (see above)."
  summary 0 1 0
  exit 1
fi
eval "$pg_env"
pg_data="$DISPATCHER_PG_DATA"
export DISPATCHER_TEST_PG="Host=127.0.0.1;Port=$DISPATCHER_PG_PORT;Username=postgres;Database=postgres"
echo "   PostgreSQL on 127.0.0.1:$DISPATCHER_PG_PORT (data $DISPATCHER_PG_DATA)"

# The console's browser tests (tests/Dispatcher.Console.Tests) drive Debian's chromium through Debian's
# chromedriver; install them when missing, as PostgreSQL is (needs root, as in CI). The CJK font makes
# the Chinese pages readable in the screenshots.
if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
  echo "== installing chromium and chromium-driver"
  if ! { DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
         DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver fonts-wqy-zenhei; } > "$results/chromium-install.log" 2>&1; then
    tail -n 20 "$results/chromium-install.log"
    echo "chromium and chromium-driver could not be installed (root needed); the console tests will fail."
  fi
fi

echo "== building"
# The build's own status decides (not that of a pipe after it): tests never run against older assemblies.
dotnet build Dispatcher.sln -c Release -nologo -v q > "$results/build.log" 2>&1
build_status=$?
tail -n 30 "$results/build.log"
if [ "$build_status" -ne 0 ]; then
  echo "The build failed (exit $build_status)."
  summary 0 1 0
  exit 1
fi

# What a project's console output says about its failures: each failed test with the first lines of
# its error message and stack trace (any exception, not only assertions), summaries and build errors.
failures_only() {
  awk '/^[[:space:]]+Passed / { next }
       /Error Message:/ { n = 15 } /Stack Trace:/ { n = 8 }
       n > 0 { print; n--; next }
       /^[[:space:]]+(Failed|Skipped) |Failed!|Passed!|error|\[FAIL\]/ { print }'
}

echo "== testing"
status=0
project_timeout=${DISPATCHER_TEST_PROJECT_TIMEOUT:-600}
for project in tests/*/*.csproj; do
  name=$(basename "$project" .csproj)
  echo "-- $name"
  # A project that hangs is stopped after its timeout and counts as failed.
  timeout --kill-after=30 "$project_timeout" dotnet test "$project" -c Release --no-build -nologo \
    --logger "trx;LogFileName=$name.trx" --results-directory "$results" \
    --logger "console;verbosity=normal" 2>&1 | failures_only | tail -n 300
  test_status=${PIPESTATUS[0]}
  [ "$test_status" -ne 0 ] && status=1
  if [ "$test_status" -eq 124 ] || [ "$test_status" -eq 137 ]; then
    echo "   $name ran past its ${project_timeout} s timeout and was stopped."
    echo '<Counters total="1" executed="1" passed="0" failed="1" />' > "$results/$name.timeout.trx"
  elif [ ! -f "$results/$name.trx" ]; then
    echo "   $name produced no results (crashed or did not run)."
    status=1
    echo '<Counters total="1" executed="0" passed="0" failed="1" />' > "$results/$name.missing.trx"
  elif ! grep -qE '<Counters [^>]*executed="[1-9]' "$results/$name.trx"; then
    # A project that runs no test proves nothing: a filter or discovery problem must not pass.
    echo "   $name ran no test."
    status=1
    echo '<Counters total="1" executed="1" passed="0" failed="1" />' > "$results/$name.empty.trx"
  fi
done

count() { # attribute
  local sum=0 n
  for f in "$results"/*.trx; do
    n=$(grep -o "<Counters [^>]*" "$f" | head -n 1 | grep -oE " $1=\"[0-9]+\"" | grep -oE '[0-9]+')
    sum=$((sum + ${n:-0}))
  done
  echo "$sum"
}
passed=$(count passed)
failed=$(count failed)
total=$(count total)
executed=$(count executed)
skipped=$((total - executed))
[ "$skipped" -lt 0 ] && skipped=0
[ "$failed" -gt 0 ] && status=1
summary "$passed" "$failed" "$skipped"
exit $status
