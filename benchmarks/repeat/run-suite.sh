#!/usr/bin/env bash
# The README's test command run again and again on a fresh clone, alternating JDK 17 and
# Temurin 25 (when installed), each run a clean build; a line per run in $OUT/runs.txt, and the
# log of each failed run beside it. RUNS=N runs (default 20), or until $OUT/stop exists.
# Not part of CI: see docs/reliability.md, "Repeated runs".
set -u
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
OUT=${OUT:-/tmp/yieldpoint-repeat}
RUNS=${RUNS:-20}
JDK17=${JDK17_HOME:-/usr/lib/jvm/java-17-openjdk-amd64}
JDK25=${JDK25_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
mkdir -p "$OUT"
rm -rf "$OUT/clone" && git clone -q "$ROOT" "$OUT/clone" && cd "$OUT/clone" || exit 1
for i in $(seq 1 "$RUNS"); do
  [ -e "$OUT/stop" ] && break
  J=$JDK17
  if [ $((i % 2)) -eq 0 ] && [ -x "$JDK25/bin/java" ]; then J=$JDK25; fi
  start=$(date +%s)
  JAVA_HOME=$J mvn -B -q clean verify > "$OUT/run-$i.log" 2>&1
  rc=$?
  fails=$(grep -h -E '<<< (FAILURE|ERROR)' "$OUT/run-$i.log" | head -3 | tr '\n' ' ')
  echo "$(date -u +%H:%M) run $i $(git rev-parse --short HEAD) $(basename "$J") rc=$rc $(( $(date +%s) - start )) s $fails" | tee -a "$OUT/runs.txt"
  [ $rc -eq 0 ] && rm -f "$OUT/run-$i.log"
done
