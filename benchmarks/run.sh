#!/usr/bin/env bash
# Builds and runs the benchmark suite, then writes the report (docs/benchmarks.md explains it).
#
#   benchmarks/run.sh                 full run (about 17 minutes on 2 cores): writes docs/benchmarks/
#   benchmarks/run.sh --quick         smoke run (about 3 minutes): writes benchmarks/target/quick-report/
#   benchmarks/run.sh --quick SwitchBenchmark            one JMH class (a regex), quick settings
#   benchmarks/run.sh --jmh-only 'SwitchBenchmark.yieldpoint'   JMH only, full settings, no memory/compile
#
# Options: --quick, --jmh-only, --no-build, --out DIR, then an optional JMH regex.
# Environment: JAVA_HOME runs the suite (if unset: JDK25_HOME when a java is there); BUILD_JAVA_HOME
# builds it (if unset: JDK17_HOME when a javac is there); JDK25_HOME (default
# /usr/lib/jvm/temurin-25-jdk-amd64), JDK17_HOME (default /usr/lib/jvm/java-17-openjdk-amd64);
# MVN_ARGS (e.g. -o); JMH_ARGS (extra JMH options).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

QUICK=0; JMH_ONLY=0; BUILD=1; OUT=""; FILTER=""
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) QUICK=1 ;;
    --jmh-only) JMH_ONLY=1 ;;
    --no-build) BUILD=0 ;;
    --out) OUT="$2"; shift ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) FILTER="$1" ;;
  esac
  shift
done

JDK25_HOME="${JDK25_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
JDK17_HOME="${JDK17_HOME:-/usr/lib/jvm/java-17-openjdk-amd64}"

# The suite is meant for JDK 25 (virtual threads need 21+): JAVA_HOME if set, else JDK25_HOME if there.
if [ -z "${JAVA_HOME:-}" ] && [ -x "$JDK25_HOME/bin/java" ]; then
  export JAVA_HOME="$JDK25_HOME"
fi
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
echo "== java: $("$JAVA" -version 2>&1 | head -n 1)"

if [ -z "$OUT" ]; then
  if [ $QUICK = 1 ] || [ -n "$FILTER" ] || [ $JMH_ONLY = 1 ]; then OUT="$ROOT/benchmarks/target/quick-report"; else OUT="$ROOT/docs/benchmarks"; fi
fi
RAW="$OUT/raw"
# Start clean: a report must never mix this run's numbers with an earlier run's.
rm -rf "$RAW"
rm -f "$OUT"/*.png "$OUT/results.md"
mkdir -p "$RAW"

START=$(date +%s)
phase() { echo "== $1 ($(( $(date +%s) - START )) s since start)"; }

if [ $BUILD = 1 ]; then
  # Build with JDK 17, the project's baseline (--release 17 either way): javac 25's extra lint,
  # under -Werror, can reject sources that JDK 17 accepts. BUILD_JAVA_HOME overrides.
  BUILD_JAVA_HOME="${BUILD_JAVA_HOME:-}"
  if [ -z "$BUILD_JAVA_HOME" ] && [ -x "$JDK17_HOME/bin/javac" ]; then
    BUILD_JAVA_HOME="$JDK17_HOME"
  fi
  phase "build: mvn -B -Pbenchmarks -pl benchmarks -am -DskipTests package (JDK: ${BUILD_JAVA_HOME:-$JAVA_HOME})"
  JAVA_HOME="${BUILD_JAVA_HOME:-$JAVA_HOME}" mvn -B -q ${MVN_ARGS:-} -Pbenchmarks -pl benchmarks -am -DskipTests package
fi
JAR="$ROOT/benchmarks/target/benchmarks.jar"
VERSION=$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' "$ROOT/pom.xml" | head -n 1)

# Timers run a million coroutines per invocation (seconds each for some competitors): fewer iterations.
MAIN='io.yieldpoint.benchmarks.(Switch|Handoff|Spawn|Generator|FastPath|All|Channel|Request)Benchmark'
TIMERS='io.yieldpoint.benchmarks.TimerBenchmark'
if [ $QUICK = 1 ]; then
  JMH_OPTS=(-f 1 -wi 1 -i 2 -w 300ms -r 300ms)
  TIMER_OPTS=(-f 1 -wi 1 -i 1 -w 300ms -r 300ms)
else
  # Kotlin's and the JDK's code paths need a few seconds of C2 on 2 cores: 5 warm-up seconds.
  JMH_OPTS=(-f 2 -wi 5 -i 4 -w 1s -r 1s)
  TIMER_OPTS=(-f 2 -wi 2 -i 3 -w 1s -r 1s)
fi
jmh() { # name, regex, options...
  local name=$1 regex=$2; shift 2
  phase "JMH $* -prof gc $regex"
  rm -f "$RAW/$name.json"
  # shellcheck disable=SC2086
  "$JAVA" -Djava.awt.headless=true -jar "$JAR" "$@" -prof gc -foe false ${JMH_ARGS:-} \
    -rf json -rff "$RAW/$name.json" "$regex" | tee "$RAW/$name.txt" \
    | grep -E '^(# Run progress|[A-Za-z]+Benchmark\.[A-Za-z]+ |Benchmark )' || true
  if [ ! -s "$RAW/$name.json" ]; then
    # JMH refuses to run beside another JMH (/tmp/jmh.lock): two suites on 2 cores measure nothing.
    echo "JMH wrote no results; see $RAW/$name.txt (another JMH running on this machine?)" >&2
    exit 1
  fi
}
rm -f "$RAW"/jmh*.json
if [ -n "$FILTER" ]; then
  jmh jmh "$FILTER" "${JMH_OPTS[@]}"
else
  jmh jmh "$MAIN" "${JMH_OPTS[@]}"
  jmh jmh-timers "$TIMERS" "${TIMER_OPTS[@]}"
fi

if [ $JMH_ONLY = 0 ] && [ -z "$FILTER" ]; then
  phase "memory per suspended coroutine"
  rm -f "$RAW/memory.csv"
  if [ $QUICK = 1 ]; then SIZES="10000"; PLATFORM_SIZES="1000"; else SIZES="100000 1000000"; PLATFORM_SIZES="10000"; fi
  for c in yieldpoint floor completableFuture kotlin virtualThreads; do
    for n in $SIZES; do
      "$JAVA" -XX:+UseSerialGC -Xms64m -Xmx6g -cp "$JAR" io.yieldpoint.benchmarks.memory.MemoryHarness "$c" "$n" "$RAW/memory.csv" \
        || echo "memory harness failed: $c $n"
    done
  done
  # Many coroutines awaiting one task (the registration of many waiters on one task).
  rm -f "$RAW/memory-shared.csv"
  for c in yieldpoint floor completableFuture kotlin virtualThreads; do
    for n in $SIZES; do
      "$JAVA" -XX:+UseSerialGC -Xms64m -Xmx6g -cp "$JAR" io.yieldpoint.benchmarks.memory.MemoryHarness "$c" "$n" "$RAW/memory-shared.csv" shared \
        || echo "memory harness failed: $c $n shared"
    done
  done
  # Platform threads: pid_max and the map count limit a Linux box to some tens of thousands of threads.
  for n in $PLATFORM_SIZES; do
    "$JAVA" -XX:+UseSerialGC -Xms64m -Xmx6g -cp "$JAR" io.yieldpoint.benchmarks.memory.MemoryHarness platformThreads "$n" "$RAW/memory.csv" \
      || echo "memory harness failed: platformThreads $n"
  done

  phase "compile time"
  if [ $QUICK = 1 ]; then ROUNDS="0 1"; else ROUNDS="3 5"; fi
  CP="$ROOT/api/target/yieldpoint-api-$VERSION.jar:$ROOT/runtime/target/yieldpoint-runtime-$VERSION.jar"
  rm -f "$RAW/compile.csv"
  # shellcheck disable=SC2086
  "$JAVA" -cp "$JAR" io.yieldpoint.benchmarks.compile.CompileHarness "$CP" \
    "$ROOT/processor/target/yieldpoint-processor-$VERSION.jar" $ROUNDS "$RAW/compile.csv" | tee "$RAW/compile.txt"
fi

phase "report"
KIND=$([ $QUICK = 1 ] && echo quick || echo full)
if [ -n "$FILTER" ] || [ $JMH_ONLY = 1 ]; then KIND="$KIND, JMH only${FILTER:+, $FILTER},"; fi
LABEL="$KIND run, $(date -u '+%Y-%m-%d %H:%M UTC')"
"$JAVA" -Djava.awt.headless=true -cp "$JAR" io.yieldpoint.benchmarks.report.Report "$RAW" "$OUT" "$LABEL"
phase "done: $OUT/results.md"
