#!/usr/bin/env bash
# The leakscope demo: builds the project, starts a small service that leaks native memory at a
# known rate (a cache of direct buffers that never evicts), watches it from outside with
# `leakscope watch`, and prints the samples and the summary.
#
#   scripts/demo.sh            # leak 8MiB/s, watch for 15 s
#   RATE=20MiB/s SECONDS_TO_WATCH=30 scripts/demo.sh
set -euo pipefail
cd "$(dirname "$0")/.."
rate="${RATE:-8MiB/s}"
watch_for="${SECONDS_TO_WATCH:-15}"
out=demo-out
mkdir -p "$out"

echo "== building (mvn -B -DskipTests install, log in $out/build.log)"
if ! mvn -B -DskipTests install > "$out/build.log" 2>&1; then
  tail -40 "$out/build.log"
  echo "demo: the build failed; the whole log is in $out/build.log" >&2
  exit 1
fi

echo "== starting a service that leaks $rate in direct buffers"
java -XX:MaxDirectMemorySize=4g -cp core/target/classes:core/target/test-classes \
  dev.leakscope.workload.NativeLeak "$rate" "$((watch_for + 30))s" > "$out/service.log" 2>&1 &
service=$!
trap 'kill $service 2>/dev/null || true' EXIT
sleep 1

echo "== scripts/leakscope watch --pid $service --interval 1s --duration ${watch_for}s --out $out/watch.jsonl"
scripts/leakscope watch --pid "$service" --interval 1s --duration "${watch_for}s" --out "$out/watch.jsonl"

mib() { awk -v b="$1" 'BEGIN { printf "%8.1f MiB", b / 1048576 }'; }
field() { grep -o "\"$2\":[0-9.-]*" <<<"$1" | head -1 | cut -d: -f2; }

echo
echo "== samples (rss_anon is anonymous memory: where a native leak shows)"
grep '"type":"sample"' "$out/watch.jsonl" | while IFS= read -r line; do
  printf '  t=%6ss  rss=%s  rss_anon=%s\n' "$(field "$line" t)" "$(mib "$(field "$line" rss)")" "$(mib "$(field "$line" rss_anon)")"
done

summary=$(grep '"type":"summary"' "$out/watch.jsonl")
anon=$(grep -o '"rss_anon":{[^}]*}' <<<"$summary")
change=$(field "$anon" change_bytes)
seconds=$(field "$summary" run_seconds)
echo
echo "== summary: $(grep -o '"reason":"[^"]*"' <<<"$summary" | cut -d'"' -f4)"
awk -v c="$change" -v s="$seconds" -v r="$rate" \
  'BEGIN { printf "  rss_anon grew %.1f MiB in %.1f s: %.2f MiB/s (the service leaks %s)\n", c / 1048576, s, c / 1048576 / s, r }'
echo "  the whole stream: $out/watch.jsonl (format: docs/events.md)"
