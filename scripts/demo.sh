#!/usr/bin/env bash
# The leakscope demo: builds the project, then runs a small service that leaks native memory at a
# known rate (a cache of direct buffers that never evicts) with the leakscope agent inside it, and
# shows what the agent reports while it runs: samples, findings with the allocation site they come
# from, and the summary it writes when the JVM exits.
#
#   scripts/demo.sh                                              # leak 20 MiB/s for 60 s, 1500 MiB limit
#   RATE=8MiB/s MAX_DIRECT=1g SECONDS_TO_RUN=90 scripts/demo.sh
set -euo pipefail
cd "$(dirname "$0")/.."
rate="${RATE:-20MiB/s}"
max_direct="${MAX_DIRECT:-1500m}"
run_for="${SECONDS_TO_RUN:-60}"
out=demo-out
stream="$out/agent.jsonl"
mkdir -p "$out"
rm -f "$stream" "$stream".[0-9]*

echo "== building (mvn -B -DskipTests install, log in $out/build.log)"
if ! mvn -B -DskipTests install > "$out/build.log" 2>&1; then
  tail -40 "$out/build.log"
  echo "demo: the build failed; the whole log is in $out/build.log" >&2
  exit 1
fi

agent="-javaagent:agent/target/leakscope-agent.jar=interval=1s,out=$stream"
echo "== java -XX:MaxDirectMemorySize=$max_direct $agent ... NativeLeak $rate ${run_for}s"
echo "   (the agent reads the JVM's own limit, -XX:MaxDirectMemorySize, and measures the time to it)"
java -XX:MaxDirectMemorySize="$max_direct" "$agent" -cp core/target/classes:core/target/test-classes \
  dev.leakscope.workload.NativeLeak "$rate" "${run_for}s" > "$out/service.log" 2>&1 &
service=$!
trap 'kill $service 2>/dev/null || true' EXIT

mib() { awk -v b="$1" 'BEGIN { printf "%8.1f MiB", b / 1048576 }'; }
field() { grep -o "\"$2\":[0-9.eE+-]*" <<<"$1" | sed -n 1p | cut -d: -f2; }
text() { grep -o "\"$2\":\"[^\"]*\"" <<<"$1" | sed -n 1p | cut -d'"' -f4; }
finding() {
  printf '  t=%6ss  %-15s %-17s %s\n' "$(field "$1" t)" "$(text "$1" signal)" "$(text "$1" verdict)" "$(text "$1" message)"
  site=$(text "$1" site)
  if [ -n "$site" ]; then
    printf '            from %s' "$site"
    explained=$(field "$1" explained_rate_bytes_per_s)
    [ -n "$explained" ] && awk -v e="$explained" -v r="$(field "$1" rate_bytes_per_s)" \
      'BEGIN { if (r > 0) printf " (%.0f%% of the rate)", 100 * e / r }'
    printf '\n'
  fi
}

echo
echo "== while it runs: the latest sample every 5 s, and each finding as it comes"
echo "   (direct_buffers is what the JVM holds in direct buffers; rss_anon is anonymous memory)"
shown=0
while kill -0 "$service" 2>/dev/null; do
  sleep 5
  [ -f "$stream" ] || continue
  lines=$(wc -l < "$stream")
  sed -n "$((shown + 1)),${lines}p" "$stream" | grep '"type":"finding"' | while IFS= read -r line; do finding "$line"; done || true
  shown=$lines
  last=$(grep '"type":"sample"' "$stream" | tail -1 || true)
  [ -n "$last" ] && printf '  t=%6ss  direct_buffers=%s  rss_anon=%s\n' "$(field "$last" t)" \
    "$(mib "$(field "$last" direct_buffers)")" "$(mib "$(field "$last" rss_anon)")"
done
wait "$service" || { echo "demo: the service failed; see $out/service.log" >&2; exit 1; }

summary=$(grep '"type":"summary"' "$stream" || true)
if [ -z "$summary" ]; then
  echo "demo: the agent wrote no summary; see $out/service.log and $stream" >&2
  exit 1
fi
direct=$(grep -o '"direct_buffers":{[^}]*}' <<<"$summary")
worst=$(grep -o '"worst":{[^}]*}' <<<"$summary" || true)
echo
echo "== summary, written by the agent's shutdown hook: $(text "$summary" reason)"
awk -v c="$(field "$direct" change_bytes)" -v s="$(field "$summary" run_seconds)" -v r="$rate" \
  'BEGIN { printf "  direct_buffers grew %.1f MiB in %.1f s: %.2f MiB/s (the service leaks %s)\n", c / 1048576, s, c / 1048576 / s, r }'
echo "  direct_buffers verdict: $(text "$direct" verdict), rate $(field "$direct" rate_bytes_per_s) bytes/s"
[ -n "$worst" ] && echo "  worst: $(text "$worst" signal): $(text "$worst" message)"
top_site=$(grep -o '"sites":\[{[^]]*' <<<"$summary" | sed -n 1p)
[ -n "$top_site" ] && echo "  top site: $(text "$top_site" site), $(mib "$(field "$top_site" live_bytes)") live"
echo "  the whole stream: $stream (format: docs/events.md); replay it with:"
echo "  scripts/leakscope analyze $stream"
echo "  the same service can be watched from outside: scripts/leakscope watch --pid PID (docs/watch.md)"
if [ "$(text "$direct" verdict)" != "leak" ]; then
  echo "demo: expected a leak verdict on direct_buffers" >&2
  exit 1
fi
if ! grep '"type":"finding"' "$stream" | grep '"verdict":"leak"' | grep -q 'NativeLeak.load(NativeLeak.java'; then
  echo "demo: expected the leak's finding to name its allocation site, NativeLeak.load" >&2
  exit 1
fi

echo
echo "== the report: java -jar agent/target/leakscope-agent.jar report $stream -o $out/report.html"
report=$(java -jar agent/target/leakscope-agent.jar report "$stream" -o "$out/report.html")
echo "  open $report in a browser: charts of every signal with their verdicts, the site and its stack (docs/report.md)"
