#!/usr/bin/env bash
# Soak: the example HTTP server under moderate load for a long time (30 minutes by default), with
# its resident memory, descriptors, threads and CPU sampled all along, so that a leak shows as a
# slope; then, optionally, a long run of the processor's random-program tester. Not part of CI
# (see docs/reliability.md, "Soak").
#
#   benchmarks/soak/run.sh
#
# Build first (from the repository root):
#   mvn -B -DskipTests -pl api,runtime,processor,examples -am install
#
# The load: wrk keeps CONNECTIONS keep-alive connections busy on the 10 ms back-end path (at most
# CONNECTIONS x 100 requests/s), and a second wrk opens and closes a connection per request on
# CHURN connections (descriptor churn: accept, close, and the descriptor count must come back).
#
# Settings (environment): DURATION (default 30m), CONNECTIONS (50), CHURN (4), SAMPLE (seconds
# between samples, 10), LOOPS (server event loops, 1), JAVA (default: java on the PATH),
# JVM_OPTS, PROGRAMS (random programs after the soak; default 0 = none), SEED, OUT (the report).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)

DURATION=${DURATION:-30m}
CONNECTIONS=${CONNECTIONS:-50}
CHURN=${CHURN:-4}
SAMPLE=${SAMPLE:-10}
LOOPS=${LOOPS:-1}
JAVA=${JAVA:-java}
JVM_OPTS=${JVM_OPTS:-"-Xms64m -Xmx256m"}
PROGRAMS=${PROGRAMS:-0}
SEED=${SEED:-$(date +%s)}
OUT=${OUT:-$ROOT/benchmarks/soak/results.md}
PORT=${PORT:-8099}
WORK=$(mktemp -d)

CP=$ROOT/api/target/classes:$ROOT/runtime/target/classes:$ROOT/examples/target/classes
for d in api/target/classes/io runtime/target/classes/io examples/target/classes/io/yieldpoint/examples/http; do
  [ -e "$d" ] || { echo "missing $d: build first (see the top of this script)" >&2; exit 1; }
done
command -v wrk >/dev/null || { echo "wrk not found (apt-get install wrk)" >&2; exit 1; }

seconds() { # 30m, 90s, 2h -> seconds
  local v=$1
  case $v in *h) echo $(( ${v%h} * 3600 ));; *m) echo $(( ${v%m} * 60 ));; *s) echo "${v%s}";; *) echo "$v";; esac
}
TOTAL=$(seconds "$DURATION")

echo "== server: $JAVA $JVM_OPTS -cp ... io.yieldpoint.examples.http.Http $PORT $LOOPS" >&2
$JAVA $JVM_OPTS -cp "$CP" io.yieldpoint.examples.http.Http "$PORT" "$LOOPS" > "$WORK/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true; kill $(jobs -p) 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
  (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null && break
  sleep 0.1
done

fds() { ls "/proc/$1/fd" 2>/dev/null | wc -l; }
status() { awk '/^VmRSS:/{r=$2} /^Threads:/{t=$2} END{print r, t}' "/proc/$1/status"; }
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

read -r rss0 threads0 < <(status "$SERVER")
fds0=$(fds "$SERVER")
echo "baseline before load: RSS $((rss0 / 1024)) MiB, $fds0 descriptors, $threads0 threads" >&2

wrk -t1 -c"$CONNECTIONS" -d"${TOTAL}s" --timeout 10s --latency "http://127.0.0.1:$PORT/bench" > "$WORK/wrk.txt" 2>&1 &
KEEP=$!
wrk -t1 -c"$CHURN" -d"${TOTAL}s" --timeout 10s -H "Connection: close" "http://127.0.0.1:$PORT/bench" > "$WORK/churn.txt" 2>&1 &
CHURNER=$!

echo "seconds,rss_kb,descriptors,threads,cpu_ticks" > "$WORK/samples.csv"
start=$(date +%s)
while kill -0 "$KEEP" 2>/dev/null; do
  now=$(( $(date +%s) - start ))
  if read -r rss threads < <(status "$SERVER"); then
    echo "$now,$rss,$(fds "$SERVER"),$threads,$(ticks "$SERVER")" >> "$WORK/samples.csv"
  else
    echo "the server died at ${now}s" >&2
    break
  fi
  sleep "$SAMPLE"
done
wait "$KEEP" || true
wait "$CHURNER" || true
sleep 3 # the churn's last connections close
read -r rss1 threads1 < <(status "$SERVER")
fds1=$(fds "$SERVER")
alive=yes
kill -0 "$SERVER" 2>/dev/null || alive=no

# Summary: the load's figures, and the samples' range in the first and the last fifth of the run
# (after a warm-up of one fifth), so that growth shows as a difference.
summary=$(awk -F, -v total="$TOTAL" 'NR > 1 {
    t = $1; if (t < total / 5) next;
    part = (t < 2 * total / 5) ? "early" : (t >= 4 * total / 5 ? "late" : "");
    if (part == "") next;
    n[part]++; rss[part] += $2; fd[part] += $3; th[part] += $4;
    if (!(part in maxfd) || $3 > maxfd[part]) maxfd[part] = $3;
    if (!(part in maxth) || $4 > maxth[part]) maxth[part] = $4;
  } END {
    for (p in n) printf "%s %.1f %.1f %.1f %d %d\n", p, rss[p] / n[p] / 1024, fd[p] / n[p], th[p] / n[p], maxfd[p], maxth[p]
  }' "$WORK/samples.csv")
row() { echo "$summary" | awk -v p="$1" '$1 == p { printf "| %s | %s | %s | %s | %s | %s |\n", p == "early" ? "20-40% of the run" : "80-100% of the run", $2, $3, $5, $4, $6 }'; }

rps=$(awk '/^Requests\/sec:/{print $2}' "$WORK/wrk.txt")
p99=$(awk '$1=="99%"{print $2}' "$WORK/wrk.txt")
errors=$(awk '/Socket errors:/{gsub(",",""); print $4+$6+$8+$10}' "$WORK/wrk.txt")
reqs=$(awk '/requests in/{print $1}' "$WORK/wrk.txt")
churn_reqs=$(awk '/requests in/{print $1}' "$WORK/churn.txt")
churn_errors=$(awk '/Socket errors:/{gsub(",",""); print $4+$6+$8+$10}' "$WORK/churn.txt")
cpu_total=$(tail -n 1 "$WORK/samples.csv" | cut -d, -f5)
cpu_share=$(awk -v t="$cpu_total" -v hz="$(getconf CLK_TCK)" -v s="$TOTAL" 'BEGIN{printf "%.0f%%", 100 * t / hz / s}')

{
  echo "<!-- benchmarks/soak/run.sh, $(date -u '+%Y-%m-%d %H:%M UTC') -->"
  echo "Machine: $(nproc) cores, $(awk '/MemTotal/{printf "%.0f GiB", $2/1048576}' /proc/meminfo) RAM; load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)."
  echo "JDK: $("$JAVA" -version 2>&1 | head -n 1); \`$JVM_OPTS\`; server: example HTTP server, $LOOPS loop(s); $DURATION."
  echo
  echo "| load | requests | requests/s | p99 | errors |"
  echo "| --- | ---: | ---: | ---: | ---: |"
  echo "| $CONNECTIONS keep-alive connections, 10 ms back-end | ${reqs:-0} | ${rps:-0} | ${p99:-?} | ${errors:-0} |"
  echo "| $CHURN connections, one request each (Connection: close) | ${churn_reqs:-0} | - | - | ${churn_errors:-0} |"
  echo
  echo "| samples | mean RSS MiB | mean descriptors | max descriptors | mean threads | max threads |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: |"
  row early
  row late
  echo
  echo "Before the load: RSS $((rss0 / 1024)) MiB, $fds0 descriptors, $threads0 threads. After it (3 s later): RSS $((rss1 / 1024)) MiB, $fds1 descriptors, $threads1 threads; server alive: $alive. Server CPU over the run: $cpu_share of one core. $(($(wc -l < "$WORK/samples.csv") - 1)) samples, every ${SAMPLE} s, in \`$WORK/samples.csv\`."
} > "$OUT"

if [ "$PROGRAMS" -gt 0 ]; then
  echo "== $PROGRAMS random programs, seed $SEED" >&2
  t0=$(date +%s)
  if mvn -B -o -q -pl processor test -Dtest=RandomProgramTest -Dsurefire.failIfNoSpecifiedTests=false \
       -Dyieldpoint.random.count="$PROGRAMS" -Dyieldpoint.random.seed="$SEED" > "$WORK/random.txt" 2>&1; then
    verdict="0 failures"
  else
    verdict="FAILURES: see processor/target/random-programs/failures-seed-$SEED.txt"
  fi
  {
    echo
    echo "Random programs: $PROGRAMS, seed $SEED, $verdict, $(( $(date +%s) - t0 )) s."
    grep -h -F '[random programs]' processor/target/surefire-reports/*RandomProgramTest*-output.txt "$WORK/random.txt" 2>/dev/null | tail -n 2 | sed 's/^/    /'
  } >> "$OUT"
fi

cat "$OUT"
[ "$alive" = yes ]
