#!/usr/bin/env bash
# Side-by-side overhead of agent builds on one JMH benchmark, with forks that run without the agent
# and with agent jars (with options). Forks on a shared 2-vCPU machine vary by ±15-30%, so every
# figure is a median over ROUNDS rounds. Needs the benchmarks jar (mvn -B -Pbench -DskipTests install).
#
#   scripts/bench-agents.sh [--paired] BENCHMARK ROUNDS LABEL=JAR[,OPTIONS]...
#
# Alternating (the default): each round runs one fork without the agent and one per variant, one
# after another; prints each variant's median score and its ratio to the median without the agent.
# --paired: each round runs, per variant, a fork without the agent and one with it at the same time,
# each pinned to one of the two CPUs (swapped every round), so that both see the same moment of a
# noisy host; every $SWAP_SECONDS (default 5; 0: never) the two forks trade CPUs, so that each spends
# as long on either one even when the CPUs' speeds change within the round (on this VM one is at times
# 40-100% slower). Prints the median of the per-pair ratios and their geometric mean, which over an
# even number of rounds cancels a steady difference between the two CPUs. Only for benchmarks that run on
# one thread (AllocationBenchmark; OnnxInferenceBenchmark, whose model runs on the calling thread): a
# pinned fork shares its one CPU with the JVM's and the agent's threads.
#
#   scripts/bench-agents.sh AllocationBenchmark 8 before=/tmp/old-agent.jar now=agent/target/leakscope-agent.jar \
#       now-1h=agent/target/leakscope-agent.jar,interval=1h
# Every agent runs with samples=off and its stream in a temporary directory. Each fork runs
# $JMH_ITERATIONS (default: 5 warm-up and 5 measured iterations of 1 s; JMH's -p selects parameters).
set -euo pipefail
cd "$(dirname "$0")/.."
usage() { echo "usage: $0 [--paired] BENCHMARK ROUNDS LABEL=JAR[,OPTIONS]..." >&2; exit 2; }
paired=false
if [ "${1:-}" = --paired ]; then paired=true; shift; fi
[ $# -ge 3 ] || usage
bench=$1; rounds=$2; shift 2
read -r -a iterations <<< "${JMH_ITERATIONS:--wi 5 -i 5 -r 1 -w 1}"
swap_seconds=${SWAP_SECONDS:-5}
[[ "$swap_seconds" =~ ^[0-9]+$ ]] || { echo "SWAP_SECONDS must be a whole number of seconds, not '$swap_seconds'" >&2; exit 2; }
[[ "$rounds" =~ ^[1-9][0-9]*$ ]] || { echo "ROUNDS must be a positive whole number, not '$rounds'" >&2; exit 2; }
for variant in "$@"; do
  [[ "$variant" == *=* ]] || { echo "a variant must be LABEL=JAR[,OPTIONS], not '$variant'" >&2; exit 2; }
  jar=${variant#*=}; jar=${jar%%,*}
  [ -f "$jar" ] || { echo "agent jar '$jar' of variant '${variant%%=*}' does not exist" >&2; exit 2; }
done
[ -f bench/target/benchmarks.jar ] || { echo "bench/target/benchmarks.jar is missing: mvn -B -Pbench -DskipTests install" >&2; exit 2; }
$paired && ! command -v taskset > /dev/null && { echo "--paired needs taskset (util-linux)" >&2; exit 2; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

# One fork; VARIANT is "none" or LABEL=JAR[,OPTIONS]. Prints "benchmark[-parameter] score" lines.
fork() {
  local variant=$1 args=()
  if [ "$variant" != none ]; then
    local label=${variant%%=*} spec=${variant#*=} jar options=""
    jar=${spec%%,*}
    [ "$spec" != "$jar" ] && options=",${spec#*,}"
    args=(-jvmArgsAppend "-javaagent:$jar=samples=off,out=$out/$label.jsonl$options")
  fi
  # the lock would keep the two forks of a pair from running at once
  java -Djmh.ignoreLock=true -jar bench/target/benchmarks.jar "$bench" -f 1 "${iterations[@]}" "${args[@]}" 2>&1 \
    | awk '/^[A-Za-z]+Benchmark\.[A-Za-z0-9]+ / {
        # Benchmark [parameters] Mode [Cnt] Score [± Error] Units: Cnt and Error only with 2+ iterations
        for (m = 2; m <= NF && $m !~ /^(avgt|thrpt|sample|ss)$/; m++) ;
        p = ""; for (i = 2; i < m; i++) p = p "-" $i
        s = $(NF - 1); for (i = m; i <= NF; i++) if ($i == "±") s = $(i - 1)
        print $1 p, s
      }'
}

# An awk function: the median of the c values v[key, 1..c].
MEDIAN='function median(v, key, c,   a, i, j, t) {
  for (i = 1; i <= c; i++) a[i] = v[key, i]
  for (i = 1; i <= c; i++) for (j = i + 1; j <= c; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
  return (c % 2) ? a[(c + 1) / 2] : (a[c / 2] + a[c / 2 + 1]) / 2
}'

alternating() {
  for r in $(seq 1 "$rounds"); do
    for variant in none "$@"; do
      fork "$variant" | awk -v r="$r" -v l="${variant%%=*}" '{ print r, l, $1, $2 }' | tee -a "$out/scores"
    done
  done
  echo
  echo "== medians over $rounds rounds (ratio: to the median without the agent)"
  # lines: round, label, benchmark, score
  awk "$MEDIAN"'{ k = $3 SUBSEP $2; v[k, ++n[k]] = $4 }
    END {
      for (k in n) m[k] = median(v, k, n[k])
      for (k in n) { split(k, p, SUBSEP); printf "%-45s %-12s %10.3f %7.3f\n", p[1], p[2], m[k], m[k] / m[p[1], "none"] }
    }' "$out/scores" | sort
}

# Pins every thread of process $1 and of all its descendants (the JMH host and its fork) to CPU $2.
pin_tree() {
  local child
  taskset -a -pc "$2" "$1" > /dev/null 2>&1 || true # it may have just ended
  for child in $(pgrep -P "$1"); do pin_tree "$child" "$2"; done
}

# Until killed: every $swap_seconds, the process trees $1 and $2 trade CPUs ($1 starts on CPU $3).
swap_cpus() {
  local on_a=$3
  while sleep "$swap_seconds"; do
    on_a=$((1 - on_a))
    pin_tree "$1" "$on_a"
    pin_tree "$2" "$((1 - on_a))"
  done
}

paired() {
  for r in $(seq 1 "$rounds"); do
    local cpu=$((r % 2))
    for variant in "$@"; do
      (taskset -pc "$cpu" "$BASHPID" > /dev/null && fork none > "$out/none") &
      local without=$!
      (taskset -pc "$((1 - cpu))" "$BASHPID" > /dev/null && fork "$variant" > "$out/agent") &
      local with=$!
      local swapper=""
      if [ "$swap_seconds" -gt 0 ]; then
        swap_cpus "$without" "$with" "$cpu" &
        swapper=$!
      fi
      wait "$without" "$with"
      [ -n "$swapper" ] && { kill "$swapper"; wait "$swapper" 2> /dev/null || true; }
      join <(sort "$out/none") <(sort "$out/agent") \
        | awk -v r="$r" -v l="${variant%%=*}" '{ printf "%s %s %s %.3f %.3f %.4f\n", r, l, $1, $2, $3, $3 / $2 }' \
        | tee -a "$out/pairs"
    done
  done
  echo
  echo "== medians over $rounds pairs: without the agent, with it, of the per-pair ratios; their geometric mean"
  # lines: round, label, benchmark, score without the agent, score with it, their ratio
  awk "$MEDIAN"'{ k = $3 SUBSEP $2; c = ++n[k]; none[k, c] = $4; agent[k, c] = $5; ratio[k, c] = $6; logs[k] += log($6) }
    END {
      for (k in n) {
        split(k, p, SUBSEP)
        printf "%-45s %-12s %10.3f %10.3f %7.3f %7.3f\n", p[1], p[2], median(none, k, n[k]), median(agent, k, n[k]),
          median(ratio, k, n[k]), exp(logs[k] / n[k])
      }
    }' "$out/pairs" | sort
}

if $paired; then paired "$@"; else alternating "$@"; fi
