#!/usr/bin/env bash
# Scores the growth detector on the labelled corpus (docs/detection.md) for one or more seeds and
# prints the report of each: confusion matrix per family, latency percentiles, rate errors, and
# which of the four gates failed. `mvn -B verify` runs the default seed (20261124) as a test.
#
#   scripts/detector-corpus.sh              # the default seed
#   scripts/detector-corpus.sh 1 2 3 4 5    # other draws of the same families
set -uo pipefail
cd "$(dirname "$0")/.."
seeds=("$@")
[ ${#seeds[@]} -gt 0 ] || seeds=(20261124)
mvn -B -q -DskipTests install > /dev/null 2>&1 || { echo "build failed: run mvn -B -DskipTests install" >&2; exit 1; }
for seed in "${seeds[@]}"; do
  echo "== seed $seed"
  mvn -B -q -o -pl core surefire:test -Dtest=DetectorCorpusTest -Dsurefire.failIfNoSpecifiedTests=false \
    -DargLine="-Dleakscope.corpus.seed=$seed" 2>&1 \
    | grep -vE '^\s+at |^\[ERROR\] *$|^\[ERROR\] (To see|Re-run|For more|See |-> |Failed to execute|After correcting)|\[0m' \
    | sed -e 's/^\[ERROR\] //' | grep -vE '^(Tests run:|Failures:)' || true
done
