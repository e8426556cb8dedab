#!/usr/bin/env bash
# The concurrency-heavy test classes, ROUNDS rounds each (default 200), one JVM per module, after
# one build of the test classes; a total per module in $OUT. Not part of CI: see
# docs/reliability.md, "Repeated runs".
set -u
cd "$(dirname "$0")/../.."
OUT=${OUT:-/tmp/yieldpoint-repeat}
ROUNDS=${ROUNDS:-200}
mkdir -p "$OUT"
mvn -B -q install -DskipTests -pl api,runtime,test,processor,netty || exit 1
mvn -B -q test-compile -pl runtime,test,integration-tests,netty || exit 1
LAUNCHER=$(find ~/.m2/repository/org/junit/platform/junit-platform-launcher -name 'junit-platform-launcher-1.14*.jar' | sort | tail -1)
run() { # module, classes...
  local module=$1; shift
  mvn -B -q dependency:build-classpath -pl "$module" -Dmdep.includeScope=test -Dmdep.outputFile="$OUT/cp-$module" || exit 1
  local cp="$module/target/test-classes:$module/target/classes:$(cat "$OUT/cp-$module"):$LAUNCHER"
  java -ea -cp "$cp" benchmarks/repeat/RepeatTests.java "$ROUNDS" "$@" > "$OUT/$module.log" 2>&1
  echo "$module: $(grep TOTAL "$OUT/$module.log")"
}
R=io.yieldpoint.runtime
run runtime $R.CancellationRaceTest $R.ConfinementStressTest $R.SyncStressTest $R.EventLoopTest \
    $R.EventLoopShutdownTest $R.CoroutineMachineTest $R.StreamsTest $R.AsyncStreamMachineTest
run test $R.CoreStressTest $R.ChannelTest $R.MutexAndSemaphoreTest $R.SelectTest $R.TaskGroupTest $R.net.TcpStreamTest
run integration-tests io.yieldpoint.it.EventLoopGroupTest io.yieldpoint.it.debug.CoroutineDumpTest
run netty io.yieldpoint.netty.CoroutineHandlerTest
