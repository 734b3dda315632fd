#!/usr/bin/env bash
# The leakscope demo: builds the project, starts a small service that leaks native memory at a
# known rate (a cache of direct buffers that never evicts), watches it from outside with
# `leakscope watch`, and prints the samples, the findings and the summary.
#
#   scripts/demo.sh                                  # leak 20 MiB/s towards a 2.5 GB limit
#   RATE=8MiB/s LIMIT=1500MB SECONDS_TO_WATCH=90 scripts/demo.sh
set -euo pipefail
cd "$(dirname "$0")/.."
rate="${RATE:-20MiB/s}"
limit="${LIMIT:-2500MB}"
watch_for="${SECONDS_TO_WATCH:-60}"
out=demo-out
mkdir -p "$out"

echo "== building (mvn -B -DskipTests install, log in $out/build.log)"
if ! mvn -B -DskipTests install > "$out/build.log" 2>&1; then
  tail -40 "$out/build.log"
  echo "demo: the build failed; the whole log is in $out/build.log" >&2
  exit 1
fi

echo "== starting a service that leaks $rate in direct buffers"
java -XX:MaxDirectMemorySize=8g -cp core/target/classes:core/target/test-classes \
  dev.leakscope.workload.NativeLeak "$rate" "$((watch_for + 30))s" > "$out/service.log" 2>&1 &
service=$!
trap 'kill $service 2>/dev/null || true' EXIT
sleep 1

echo "== scripts/leakscope watch --pid $service --limit rss_anon=$limit --duration ${watch_for}s --out $out/watch.jsonl"
echo "   (a container limit would be found by itself; here the demo sets one, so that the leak"
echo "    is reported within a minute: the detector's persistence window is 60% of the time to the limit)"
scripts/leakscope watch --pid "$service" --interval 1s --duration "${watch_for}s" --limit "rss_anon=$limit" \
  --out "$out/watch.jsonl"

mib() { awk -v b="$1" 'BEGIN { printf "%8.1f MiB", b / 1048576 }'; }
field() { grep -o "\"$2\":[0-9.eE+-]*" <<<"$1" | head -1 | cut -d: -f2; }
text() { grep -o "\"$2\":\"[^\"]*\"" <<<"$1" | head -1 | cut -d'"' -f4; }

echo
echo "== samples, every 5 s (rss_anon is anonymous memory: where a native leak shows)"
grep '"type":"sample"' "$out/watch.jsonl" | awk 'NR % 5 == 1' | while IFS= read -r line; do
  printf '  t=%6ss  rss=%s  rss_anon=%s\n' "$(field "$line" t)" "$(mib "$(field "$line" rss)")" "$(mib "$(field "$line" rss_anon)")"
done

echo
echo "== findings (a verdict per signal, when it changes)"
grep '"type":"finding"' "$out/watch.jsonl" | while IFS= read -r line; do
  printf '  t=%6ss  %-15s %-17s %s\n' "$(field "$line" t)" "$(text "$line" signal)" "$(text "$line" verdict)" "$(text "$line" message)"
done

summary=$(grep '"type":"summary"' "$out/watch.jsonl")
anon=$(grep -o '"rss_anon":{[^}]*}' <<<"$summary")
echo
echo "== summary: $(text "$summary" reason)"
awk -v c="$(field "$anon" change_bytes)" -v s="$(field "$summary" run_seconds)" -v r="$rate" \
  'BEGIN { printf "  rss_anon grew %.1f MiB in %.1f s: %.2f MiB/s (the service leaks %s)\n", c / 1048576, s, c / 1048576 / s, r }'
echo "  rss_anon verdict: $(text "$anon" verdict), rate $(field "$anon" rate_bytes_per_s) bytes/s"
echo "  the whole stream: $out/watch.jsonl (format: docs/events.md); replay it with:"
echo "  scripts/leakscope analyze $out/watch.jsonl"
