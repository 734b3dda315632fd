#!/usr/bin/env bash
# Side-by-side overhead of agent builds on one JMH benchmark: alternates one short fork per variant
# (no agent, and agent jars with options), ROUNDS times, then prints each variant's median score
# and its ratio to the run without the agent. Medians, because forks on a shared 2-vCPU machine
# vary by up to ±30%. Needs the benchmarks jar (mvn -B -Pbench -DskipTests install).
#
#   scripts/bench-agents.sh BENCHMARK ROUNDS LABEL=JAR[,OPTIONS]...
#   scripts/bench-agents.sh AllocationBenchmark 8 before=/tmp/old-agent.jar now=agent/target/leakscope-agent.jar \
#       now-1h=agent/target/leakscope-agent.jar,interval=1h
# Every agent runs with samples=off and its stream in a temporary directory.
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -ge 3 ] || { echo "usage: $0 BENCHMARK ROUNDS LABEL=JAR[,OPTIONS]..." >&2; exit 2; }
bench=$1; rounds=$2; shift 2
[ -f bench/target/benchmarks.jar ] || { echo "bench/target/benchmarks.jar is missing: mvn -B -Pbench -DskipTests install" >&2; exit 2; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
scores="$out/scores"
for r in $(seq 1 "$rounds"); do
  for variant in none "$@"; do
    label=${variant%%=*}
    args=()
    if [ "$variant" != none ]; then
      spec=${variant#*=}; jar=${spec%%,*}; options=""
      [ "$spec" != "$jar" ] && options=",${spec#*,}"
      args=(-jvmArgsAppend "-javaagent:$jar=samples=off,out=$out/$label.jsonl$options")
    fi
    # one line per benchmark and parameter: round, variant, benchmark with its parameters, score
    java -jar bench/target/benchmarks.jar "$bench" -f 1 -wi 3 -i 3 -r 1 -w 1 "${args[@]}" 2>&1 \
      | awk -v r="$r" -v l="$label" '/^[A-Za-z]+Benchmark\.[A-Za-z0-9]+ / { p = (NF > 7) ? "-" $2 : ""; print r, l, $1 p, $(NF-3) }' \
      | tee -a "$scores"
  done
done
echo
echo "== medians over $rounds rounds (ratio: to the run without the agent)"
awk '{ key = $3 SUBSEP $2; v[key, ++n[key]] = $4; names[$3]; labels[$2] }
  END {
    for (b in names) {
      split("", med)
      for (l in labels) {
        key = b SUBSEP l; c = n[key]
        for (i = 1; i <= c; i++) a[i] = v[key, i]
        for (i = 1; i <= c; i++) for (j = i + 1; j <= c; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
        med[l] = (c % 2) ? a[(c + 1) / 2] : (a[c / 2] + a[c / 2 + 1]) / 2
      }
      for (l in labels) printf "%-45s %-12s %10.3f %7.3f\n", b, l, med[l], med[l] / med["none"]
    }
  }' "$scores" | sort
