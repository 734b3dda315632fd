#!/usr/bin/env bash
# How a CI build fails when a leak comes back: run the service's workload under the agent, then
# gate on the stream the agent wrote. Three runs of a small service (NativeLeak, a cache of direct
# buffers) stand for three builds:
#   main:   the fixed service, no leak: its stream is kept as the baseline
#   branch: the leak has come back (4 MiB/s)
# and `leakscope gate` decides, by its exit code: 0 pass, 1 fail, 2 bad input.
#
#   scripts/ci-gate-example.sh        # builds the agent jar first when it is missing
# Exits 0 when every gate gave the exit code this example expects, 1 otherwise.
set -uo pipefail
cd "$(dirname "$0")/.."
jar=agent/target/leakscope-agent.jar
out=demo-out/ci-gate
mkdir -p "$out"
if [ ! -f "$jar" ] || [ ! -d core/target/test-classes ]; then
  echo "== building (mvn -B -DskipTests install, log in $out/build.log)"
  mvn -B -DskipTests install > "$out/build.log" 2>&1 || { tail -40 "$out/build.log"; exit 1; }
fi

# A workload under the agent, as a CI job would run its integration or soak test.
run_service() { # NAME RATE
  java -javaagent:"$jar"=interval=200ms,out="$out/$1.jsonl" -cp core/target/classes:core/target/test-classes \
    dev.leakscope.workload.NativeLeak "$2" 12s > "$out/$1.log" 2>&1
}
echo "== running the service for 12 s under the agent, twice at once: main (no leak) and branch (4 MiB/s)"
rm -f "$out"/*.jsonl
run_service main 0 & main=$!
run_service branch 4MiB/s & branch=$!
wait $main && wait $branch || { echo "ci-gate-example: a service run failed; see $out/*.log" >&2; exit 1; }

failures=0
gate() { # EXPECTED_EXIT ARGS...
  local expected=$1; shift
  echo
  echo "\$ leakscope gate $*"
  java -jar "$jar" gate "$@"
  local code=$?
  echo "exit code $code (expected $expected)"
  [ "$code" -eq "$expected" ] || failures=$((failures + 1))
}

# A 12 s run is too short for a leak verdict (the detector needs minutes of persistence, or a
# near limit): a CI gate bounds growth, tracked sites and the rate against the main branch's.
gate 0 "$out/main.jsonl" --max-growth direct_buffers=16MB --no-site-leaks
gate 1 "$out/branch.jsonl" --max-growth direct_buffers=16MB --no-site-leaks
gate 1 "$out/branch.jsonl" --baseline "$out/main.jsonl" --tolerance 20%
gate 2 "$out/branch.jsonl" --max-growth direct_buffer=16MB

echo
if [ "$failures" -ne 0 ]; then
  echo "ci-gate-example: $failures gate(s) did not give the expected exit code" >&2
  exit 1
fi
echo "ci-gate-example: every gate gave the expected exit code; the streams are in $out/"
