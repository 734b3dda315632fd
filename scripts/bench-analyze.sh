#!/usr/bin/env bash
# Whole-process timing of `leakscope analyze` on a generated CSV: ROWS one-second samples of one
# signal (default a million), a 10 MB/min leak restarting every ~28 h under AR(1) noise. Builds the
# jar if it is missing. Figures go to docs/benchmarks.md.
#
#   scripts/bench-analyze.sh            # 1,000,000 rows, 5 runs
#   ROWS=200000 RUNS=3 scripts/bench-analyze.sh
set -euo pipefail
cd "$(dirname "$0")/.."
rows="${ROWS:-1000000}"
runs="${RUNS:-5}"
jar=agent/target/leakscope-agent.jar
[ -f "$jar" ] || mvn -B -q -DskipTests install > /dev/null
trace=$(mktemp --suffix=.csv)
trap 'rm -f "$trace" "$trace.out"' EXIT
awk -v rows="$rows" 'BEGIN {
  srand(3); print "t_seconds,rss_anon"; e = 0
  for (t = 0; t < rows; t++) {
    g = sqrt(-2 * log(1 - rand())) * cos(6.283185307 * rand())   # a standard normal
    e = 0.8 * e + 3e6 * g
    printf "%d,%.0f\n", t, 2e9 + (t % 100000) * 10e6 / 60 + e
  }
}' > "$trace"
echo "== $(wc -l < "$trace") lines, $(du -h "$trace" | cut -f1); $(java -version 2>&1 | sed -n 1p)"
for i in $(seq "$runs"); do
  /usr/bin/time -f "run $i: %e s elapsed, %U s user CPU, %M KB max RSS" java -jar "$jar" analyze "$trace" > "$trace.out"
done
echo "== $(grep -c '"type":"finding"' "$trace.out") findings; the last one: $(grep '"type":"finding"' "$trace.out" | tail -1 | cut -c1-160)"
