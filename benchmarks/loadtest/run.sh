#!/usr/bin/env bash
# HTTP load test: wrk against servers doing the same work (parse, await a 10 ms back-end,
# answer, keep-alive), side by side in one run, in two variants: the 10 ms back-end alone (path
# /bench), and CPU-bound, each request also doing about 100 us of computation (path /cpu). See
# docs/benchmarks.md, "HTTP load test".
#
#   benchmarks/loadtest/run.sh                 # builds nothing: run after the build below
#
# Build first (from the repository root, no install needed):
#   mvn -B -DskipTests -Pbenchmarks -pl api,runtime,processor,netty,examples,benchmarks -am package
#   (then the servers run from target/classes and from the shaded benchmarks.jar, Netty and the
#   Netty bridge's example server, io.yieldpoint.examples.netty.NettyBridgeServer, in it)
#
# Settings (environment): JAVA (a JDK 21+: the virtual-thread server needs it; default
# $JDK25_HOME/bin/java, JDK25_HOME defaulting to /usr/lib/jvm/temurin-25-jdk-amd64), CONNECTIONS,
# VARIANTS (paths: "/bench /cpu"), DURATION (per wrk run), WRK_THREADS, JVM_OPTS, OUT (the table),
# ROWS (an extended regular expression: only the servers whose name matches run; all by default),
# e.g. the TLS rows and their plain twins:
#   ROWS='TLS|^yieldpoint, [12] loops?$|^netty bridge, [12] threads?$' benchmarks/loadtest/run.sh
# or the example service and its virtual-thread twin alone: ROWS='^example service'.
#
# Needs: wrk (4.x, built with OpenSSL for the TLS rows' https://; Debian/Ubuntu: apt-get install -y
# wrk) and the JDK's keytool (next to $JAVA, for the TLS rows' key store).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)

JAVA=${JAVA:-${JDK25_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java}
CONNECTIONS=${CONNECTIONS:-"1000 10000"}
VARIANTS=${VARIANTS:-"/bench /cpu"}
DURATION=${DURATION:-12s}
WARMUP=${WARMUP:-5s}
WRK_THREADS=${WRK_THREADS:-2}
JVM_OPTS=${JVM_OPTS:-"-Xms256m -Xmx1g"}
OUT=${OUT:-$ROOT/benchmarks/loadtest/results.md}
ROWS=${ROWS:-}
WORK=$(mktemp -d)
BACKEND_MS=10

YP_CP=$ROOT/api/target/classes:$ROOT/runtime/target/classes:$ROOT/examples/target/classes
BENCH_CP=$ROOT/benchmarks/target/benchmarks.jar
for d in api/target/classes/io runtime/target/classes/io examples/target/classes/io/yieldpoint/examples/http \
         benchmarks/target/benchmarks.jar; do
  [ -e "$d" ] || { echo "missing $d: build first (see the top of this script)" >&2; exit 1; }
done
command -v wrk >/dev/null || { echo "wrk not found" >&2; exit 1; }

# Both wrk and the servers need a descriptor per connection.
ulimit -n "$(ulimit -Hn)"
if [ "$(ulimit -n)" -lt 21000 ]; then
  echo "note: ulimit -n is $(ulimit -n); 10,000 connections need ~10,050 descriptors per process" >&2
fi

# Refuses to start a server on a port something already listens on (another run, say): its rows
# would measure that instead.
require_free_port() {
  if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then
    echo "port $1 is in use (another run of this script?): stop what listens there first" >&2
    exit 1
  fi
}

# name | port | command
SERVERS=(
  "yieldpoint, 1 loop|8081|$JAVA $JVM_OPTS -cp $YP_CP io.yieldpoint.examples.http.Http 8081 1"
  "yieldpoint, 2 loops|8085|$JAVA $JVM_OPTS -cp $YP_CP io.yieldpoint.examples.http.Http 8085 2"
  "netty, 1 thread|8084|$JAVA $JVM_OPTS -cp $BENCH_CP io.yieldpoint.benchmarks.http.NettyHttpServer 8084 1"
  "netty, 2 threads|8086|$JAVA $JVM_OPTS -cp $BENCH_CP io.yieldpoint.benchmarks.http.NettyHttpServer 8086 2"
  "netty bridge, 1 thread|8087|$JAVA $JVM_OPTS -cp $BENCH_CP io.yieldpoint.examples.netty.NettyBridgeServer 8087 1"
  "netty bridge, 2 threads|8088|$JAVA $JVM_OPTS -cp $BENCH_CP io.yieldpoint.examples.netty.NettyBridgeServer 8088 2"
  "virtual thread per connection|8083|$JAVA $JVM_OPTS -cp $BENCH_CP io.yieldpoint.benchmarks.http.BlockingHttpServer virtual 8083"
)
if [ -n "${WITH_PLATFORM_THREADS:-}" ]; then
  SERVERS+=("thread per connection|8082|$JAVA $JVM_OPTS -cp $BENCH_CP io.yieldpoint.benchmarks.http.BlockingHttpServer threads 8082")
fi

# ---------------------------------------------------------------- The example service
# GET /quote/{sku} (docs/service.md): a query on an embedded H2 catalog, three suppliers asked at
# once over HTTP (each answering after 10 ms, 200 ms timeout each), the quote streamed in chunks;
# once on Yieldpoint (2 loops) and once on virtual threads (benchmarks/.../service), against the
# same simulated suppliers, which run in a process of their own (1 loop; their CPU counts as
# "other CPU"). wrk asks for random skus of the catalog (quote.lua). An entry's fourth field is the
# paths it serves (default: VARIANTS). The service rows stop at SERVICE_MAX_CONNECTIONS (1,000):
# each service connection holds three to the suppliers, and 10,000 would need 30,000 descriptors in
# the suppliers' process, beyond the hard limit of the test machine (20,000).
SERVICE_PATH=/quote
SERVICE_MAX_CONNECTIONS=${SERVICE_MAX_CONNECTIONS:-1000}
SUPPLIERS_PORT=8100
HELPER_PIDS=()
SUPPLIERS="http://127.0.0.1:$SUPPLIERS_PORT"
SERVERS+=("example service, yieldpoint|8101|$JAVA $JVM_OPTS -cp $BENCH_CP io.yieldpoint.examples.service.QuoteServer 8101 2 $SUPPLIERS|$SERVICE_PATH")
SERVERS+=("example service, virtual threads|8102|$JAVA $JVM_OPTS -cp $BENCH_CP io.yieldpoint.benchmarks.service.VirtualThreadQuoteServer 8102 $SUPPLIERS|$SERVICE_PATH")
# Starts the simulated suppliers if a service row is to run (called once ROWS has chosen).
start_suppliers() {
  local entry
  for entry in "${SERVERS[@]}"; do
    if [[ $entry == "example service"* ]]; then
      require_free_port "$SUPPLIERS_PORT"
      trap 'for h in "${HELPER_PIDS[@]}"; do kill "$h" 2>/dev/null || true; done' EXIT   # widened below
      echo "== starting the simulated suppliers on port $SUPPLIERS_PORT" >&2
      $JAVA $JVM_OPTS -cp "$BENCH_CP" io.yieldpoint.examples.service.SupplierServer "$SUPPLIERS_PORT" 1 "$BACKEND_MS" \
        > "$WORK/suppliers.log" 2>&1 &
      HELPER_PIDS+=($!)
      return
    fi
  done
}
# wrk's options for a path: the service's requests name random skus of its catalog.
wrk_script() { [ "$1" = "$SERVICE_PATH" ] && echo "-s $ROOT/benchmarks/loadtest/quote.lua" || true; }
# ---------------------------------------------------------------- (end of the example service)

# ---------------------------------------------------------------- TLS rows
# The cost of TLS per request: the same servers serving HTTPS (TLS 1.3, the JDK's provider, an EC
# P-256 key made for the run by keytool), beside their plain rows in the same run. wrk keeps its
# connections alive, so a connection's handshake happens once, at its start: the difference from the
# plain twin is the cost of encrypting and decrypting each request and answer, plus the handshakes
# spread over the run. tls_ratio_table prints, per server, TLS / plain and the server CPU time per
# request of each.
declare -A SCHEME   # port -> https for the TLS servers; http otherwise
# The TLS rows stop at TLS_MAX_CONNECTIONS (1,000): 10,000 connections opened at once are 10,000 full
# handshakes at the start of the run, which two cores did not get through within a 12 s run (no
# request answered in the run of 2026-12-04 23:00 UTC), so the row would measure only that storm.
TLS_MAX_CONNECTIONS=${TLS_MAX_CONNECTIONS:-1000}
TLS_STORE=$WORK/loadtest-server.p12
TLS_PASSWORD=loadtest-only

make_tls_keystore() {
  local keytool
  keytool=$(dirname "$JAVA")/keytool
  [ -x "$keytool" ] || keytool=$(command -v keytool) || { echo "keytool not found (the TLS rows need it)" >&2; exit 1; }
  "$keytool" -genkeypair -alias server -keyalg EC -groupname secp256r1 -dname CN=localhost \
    -ext SAN=dns:localhost,ip:127.0.0.1 -validity 2 -storetype PKCS12 -keystore "$TLS_STORE" \
    -storepass "$TLS_PASSWORD" -keypass "$TLS_PASSWORD" > "$WORK/keytool.log" 2>&1 \
    || { cat "$WORK/keytool.log" >&2; exit 1; }
}

add_tls_servers() {
  local tls_args="$TLS_STORE $TLS_PASSWORD"
  SERVERS+=(
    "yieldpoint TLS, 1 loop|8091|$JAVA $JVM_OPTS -cp $YP_CP io.yieldpoint.examples.http.Http 8091 1 $tls_args"
    "yieldpoint TLS, 2 loops|8092|$JAVA $JVM_OPTS -cp $YP_CP io.yieldpoint.examples.http.Http 8092 2 $tls_args"
    "netty bridge TLS, 1 thread|8093|$JAVA $JVM_OPTS -cp $BENCH_CP io.yieldpoint.examples.netty.NettyBridgeServer 8093 1 $tls_args"
    "netty bridge TLS, 2 threads|8094|$JAVA $JVM_OPTS -cp $BENCH_CP io.yieldpoint.examples.netty.NettyBridgeServer 8094 2 $tls_args"
  )
  local port
  for port in 8091 8092 8093 8094; do SCHEME[$port]=https; done
}

# TLS / plain for each server that ran both ways, from rows.txt: rate and p99 ratios, and the server's
# CPU time per request (its CPU share of one core / requests per second), plain -> TLS.
tls_ratio_table() {
  local body
  body=$(awk -F'|' '{ k = $1 SUBSEP $2 SUBSEP $3; rps[k] = $4; p99[k] = $8; cpu[k] = $10 + 0; seen[$1 SUBSEP $3] = 1 }
    function r(a, b) { return (b + 0 > 0) ? sprintf("%.2fx", a / b) : "-" }
    function us(c, rate) { return (rate + 0 > 0) ? 10000 * c / rate : -1 }
    END { n = split("yieldpoint, 1 loop|yieldpoint, 2 loops|netty bridge, 1 thread|netty bridge, 2 threads", plain, "|")
          for (k in seen) { split(k, p, SUBSEP); v = p[1]; c = p[2];
            for (i = 1; i <= n; i++) {
              name = plain[i]; tls = name; sub(/, /, " TLS, ", tls)
              a = v SUBSEP name SUBSEP c; b = v SUBSEP tls SUBSEP c
              if (!(a in rps) || !(b in rps)) continue
              ua = us(cpu[a], rps[a]); ub = us(cpu[b], rps[b])
              cost = (ua >= 0 && ub >= 0) ? sprintf("%.1f", ub - ua) : "-"
              printf "| %s | %s | %s | %s | %s | %.1f -> %.1f | %s |\n", v, c, name, r(rps[b], rps[a]), r(p99[b], p99[a]), ua, ub, cost } } }' \
    "$WORK/rows.txt" | sort)
  [ -n "$body" ] || return 0   # no server ran both ways
  echo
  echo "| variant | connections | server | TLS / plain: rate | TLS / plain: p99 | server CPU per request, plain -> TLS (us) | TLS's CPU per request (us) |"
  echo "| --- | ---: | --- | ---: | ---: | ---: | ---: |"
  echo "$body"
}

make_tls_keystore
add_tls_servers
# ---------------------------------------------------------------- end of the TLS rows

# Only the servers that ROWS names (all by default).
if [ -n "${ROWS:-}" ]; then
  chosen=()
  for entry in "${SERVERS[@]}"; do
    [[ ${entry%%|*} =~ $ROWS ]] && chosen+=("$entry")
  done
  [ "${#chosen[@]}" -gt 0 ] || { echo "ROWS='$ROWS' matches no server" >&2; exit 1; }
  SERVERS=("${chosen[@]}")
fi
# Every port free before anything starts.
for entry in "${SERVERS[@]}"; do
  IFS='|' read -r _ port _ <<< "$entry"
  require_free_port "$port"
done
start_suppliers

# The URL of a server's path: https for the TLS servers.
url() {
  echo "${SCHEME[$1]:-http}://127.0.0.1:$1$2"
}

wait_for_port() {
  for _ in $(seq 1 100); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then return 0; fi
    sleep 0.1
  done
  echo "server on port $1 did not start" >&2
  return 1
}

# Samples the server's RSS (kB) and thread count every 0.2 s while wrk runs; prints the peaks, and
# the CPU ticks wrk had used at its last sample.
sample_peaks() {
  local pid=$1 wrk_pid=$2 max_rss=0 max_threads=0 rss threads wrk_ticks=0 t
  while kill -0 "$wrk_pid" 2>/dev/null; do
    if read -r rss threads < <(awk '/^VmRSS:/{r=$2} /^Threads:/{t=$2} END{print r, t}' "/proc/$pid/status" 2>/dev/null); then
      [ "${rss:-0}" -gt "$max_rss" ] && max_rss=$rss
      [ "${threads:-0}" -gt "$max_threads" ] && max_threads=$threads
    fi
    t=$(cpu_ticks "$wrk_pid" 2>/dev/null) && wrk_ticks=$t
    sleep 0.2
  done
  echo "$max_rss $max_threads $wrk_ticks"
}

# Busy CPU ticks of the whole machine, all cores (user, nice, system, irq, softirq, steal).
machine_ticks() {
  awk '/^cpu /{print $2 + $3 + $4 + $7 + $8 + $9}' /proc/stat
}

# CPU time (utime + stime, in clock ticks) the process has used so far.
cpu_ticks() {
  awk '{print $14 + $15}' "/proc/$1/stat"
}

# Latency in wrk's units (us, ms, s) to milliseconds.
to_ms() {
  awk -v v="$1" 'BEGIN{ if (v ~ /us$/) { sub(/us$/,"",v); printf "%.2f", v/1000 }
                       else if (v ~ /ms$/) { sub(/ms$/,"",v); printf "%.2f", v }
                       else if (v ~ /s$/) { sub(/s$/,"",v); printf "%.2f", v*1000 }
                       else print v }'
}

{
  echo "| variant | server | connections | requests/s | bound (c / 10 ms) | % of bound | p50 ms | p99 ms | errors | server CPU | wrk CPU | other CPU | peak threads | peak RSS MiB |"
  echo "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
} > "$WORK/table.md"

# All three servers run side by side; the wrk runs are interleaved (each level of connections
# against each server in turn), so that other load on the machine, if any, falls on all of them alike.
declare -A PIDS NAMES SERVER_PATHS
PORTS=()
ALL_PATHS=""
for entry in "${SERVERS[@]}"; do
  IFS='|' read -r name port cmd paths <<< "$entry"
  SERVER_PATHS[$port]=${paths:-$VARIANTS}
  for p in ${SERVER_PATHS[$port]}; do [[ " $ALL_PATHS " == *" $p "* ]] || ALL_PATHS="$ALL_PATHS $p"; done
  echo "== starting $name: $cmd" >&2
  $cmd > "$WORK/server-$port.log" 2>&1 &
  PIDS[$port]=$!
  NAMES[$port]=$name
  PORTS+=("$port")
done
trap 'for p in "${PORTS[@]}"; do kill "${PIDS[$p]}" 2>/dev/null || true; done; for h in "${HELPER_PIDS[@]}"; do kill "$h" 2>/dev/null || true; done' EXIT
[ ${#HELPER_PIDS[@]} -eq 0 ] || wait_for_port "$SUPPLIERS_PORT"
for port in "${PORTS[@]}"; do
  wait_for_port "$port"
  for path in ${SERVER_PATHS[$port]}; do
    # shellcheck disable=SC2046
    wrk -t"$WRK_THREADS" -c100 -d"$WARMUP" $(wrk_script "$path") "$(url "$port" "$path/warmup")" > /dev/null   # JIT warm-up
  done
done

variant_name() {
  case "$1" in
    /cpu) echo "CPU-bound (+100 us)" ;;
    "$SERVICE_PATH") echo "example service (3 suppliers x 10 ms)" ;;
    *) echo "10 ms back-end" ;;
  esac
}

for path in $ALL_PATHS; do
 variant=$(variant_name "$path")
 for c in $CONNECTIONS; do
  for port in "${PORTS[@]}"; do
    [[ " ${SERVER_PATHS[$port]} " == *" $path "* ]] || continue
    [[ "$path" != "$SERVICE_PATH" || "$c" -le "$SERVICE_MAX_CONNECTIONS" ]] || continue
    [[ "${SCHEME[$port]:-http}" != https || "$c" -le "$TLS_MAX_CONNECTIONS" ]] || continue
    name=${NAMES[$port]}
    pid=${PIDS[$port]}
    sleep 2   # let the previous run's sockets close
    log="$WORK/wrk-$port-$c${path//\//-}.txt"
    threads=$WRK_THREADS
    [ "$threads" -gt "$c" ] && threads=$c
    cpu_before=$(cpu_ticks "$pid")
    machine_before=$(machine_ticks)
    start_ns=$(date +%s%N)
    # shellcheck disable=SC2046
    wrk -t"$threads" -c"$c" -d"$DURATION" --timeout 10s --latency $(wrk_script "$path") "$(url "$port" "$path")" > "$log" 2>&1 &
    wrk_pid=$!
    read -r rss threads_peak wrk_ticks < <(sample_peaks "$pid" "$wrk_pid")
    wait "$wrk_pid" || true
    # Shares of one core during the run (100% = one core busy all along): the server, wrk, and
    # everything else on the machine (other people's builds: the machine is shared).
    elapsed_ns=$(( $(date +%s%N) - start_ns ))
    server_ticks=$(( $(cpu_ticks "$pid") - cpu_before ))
    other_ticks=$(( $(machine_ticks) - machine_before - server_ticks - wrk_ticks ))
    [ "$other_ticks" -lt 0 ] && other_ticks=0
    share() { awk -v t="$1" -v hz="$(getconf CLK_TCK)" -v ns="$elapsed_ns" 'BEGIN{printf "%.0f%%", 100 * (t / hz) / (ns / 1e9)}'; }
    cpu=$(share "$server_ticks")
    wrk_cpu=$(share "$wrk_ticks")
    other_cpu=$(share "$other_ticks")
    rps=$(awk '/^Requests\/sec:/{print $2}' "$log")
    p50=$(to_ms "$(awk '$1=="50%"{print $2}' "$log")")
    p99=$(to_ms "$(awk '$1=="99%"{print $2}' "$log")")
    errors=$(awk '/Socket errors:/{gsub(",",""); print $4+$6+$8+$10} ' "$log")
    non2xx=$(awk '/Non-2xx/{print $NF}' "$log")
    errors=$(( ${errors:-0} + ${non2xx:-0} ))
    bound=$(( c * 1000 / BACKEND_MS ))
    pct=$(awk -v r="${rps:-0}" -v b="$bound" 'BEGIN{printf "%.0f%%", 100*r/b}')
    rss_mib=$(awk -v k="${rss:-0}" 'BEGIN{printf "%.0f", k/1024}')
    printf '%s|%s|%s|%.0f|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s\n' "$variant" "$name" "$c" "${rps:-0}" "$bound" "$pct" \
      "$p50" "$p99" "$errors" "$cpu" "$wrk_cpu" "$other_cpu" "$threads_peak" "$rss_mib" >> "$WORK/rows.txt"
    echo "   $variant, $name, c=$c: ${rps:-?} req/s, p50 $p50 ms, p99 $p99 ms, errors $errors, CPU server $cpu wrk $wrk_cpu other $other_cpu, threads $threads_peak, RSS ${rss_mib} MiB" >&2
  done
 done
done

# The table, grouped by variant, then by server.
for path in $ALL_PATHS; do
  for port in "${PORTS[@]}"; do
    awk -F'|' -v v="$(variant_name "$path")" -v n="${NAMES[$port]}" '$1==v && $2==n{
      printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", $1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14}' \
      "$WORK/rows.txt" >> "$WORK/table.md"
  done
done

# Ratios of the same run: 2 loops to 1 loop, Yieldpoint to Netty at the same thread count, and the
# Netty bridge (coroutines in a Netty pipeline) to plain Netty at the same thread count.
grep -qv '^example service' "$WORK/rows.txt" && {
  echo
  echo "| variant | connections | yieldpoint 2 loops / 1 loop | yieldpoint / netty, 1 thread (rate; p99) | yieldpoint / netty, 2 threads (rate; p99) | netty bridge / netty, 1 thread (rate; p99) | netty bridge / netty, 2 threads (rate; p99) |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"
  awk -F'|' '{ rps[$1 SUBSEP $2 SUBSEP $3] = $4; p99[$1 SUBSEP $2 SUBSEP $3] = $8; seen[$1 SUBSEP $3] = 1 }
    function r(a, b) { return (b + 0 > 0) ? sprintf("%.2fx", a / b) : "-" }
    END { for (k in seen) { split(k, p, SUBSEP); v = p[1]; c = p[2]; if (v ~ /^example service/) continue;
            y1 = rps[v SUBSEP "yieldpoint, 1 loop" SUBSEP c]; y2 = rps[v SUBSEP "yieldpoint, 2 loops" SUBSEP c];
            n1 = rps[v SUBSEP "netty, 1 thread" SUBSEP c]; n2 = rps[v SUBSEP "netty, 2 threads" SUBSEP c];
            q1 = p99[v SUBSEP "yieldpoint, 1 loop" SUBSEP c]; q2 = p99[v SUBSEP "yieldpoint, 2 loops" SUBSEP c];
            m1 = p99[v SUBSEP "netty, 1 thread" SUBSEP c]; m2 = p99[v SUBSEP "netty, 2 threads" SUBSEP c];
            b1 = rps[v SUBSEP "netty bridge, 1 thread" SUBSEP c]; b2 = rps[v SUBSEP "netty bridge, 2 threads" SUBSEP c];
            e1 = p99[v SUBSEP "netty bridge, 1 thread" SUBSEP c]; e2 = p99[v SUBSEP "netty bridge, 2 threads" SUBSEP c];
            printf "| %s | %s | %s | %s; %s | %s; %s | %s; %s | %s; %s |\n", v, c, r(y2, y1), r(y1, n1), r(q1, m1), r(y2, n2), r(q2, m2),
              r(b1, n1), r(e1, m1), r(b2, n2), r(e2, m2) } }' \
    "$WORK/rows.txt" | sort
} >> "$WORK/table.md"
tls_ratio_table >> "$WORK/table.md"

# The example service: Yieldpoint against virtual threads, same run.
if grep -q '^example service' "$WORK/rows.txt" 2>/dev/null; then
  {
    echo
    echo "| variant | connections | example service, yieldpoint / virtual threads (rate; p99) |"
    echo "| --- | ---: | ---: |"
    awk -F'|' '$1 ~ /^example service/ { rps[$2 SUBSEP $3] = $4; p99[$2 SUBSEP $3] = $8; v = $1; seen[$3] = 1 }
      function r(a, b) { return (b + 0 > 0) ? sprintf("%.2fx", a / b) : "-" }
      END { for (c in seen) printf "| %s | %s | %s; %s |\n", v, c,
              r(rps["example service, yieldpoint" SUBSEP c], rps["example service, virtual threads" SUBSEP c]),
              r(p99["example service, yieldpoint" SUBSEP c], p99["example service, virtual threads" SUBSEP c]) }' \
      "$WORK/rows.txt" | sort -t'|' -k3 -n
  } >> "$WORK/table.md"
fi

{
  echo "<!-- benchmarks/loadtest/run.sh, $(date -u '+%Y-%m-%d %H:%M UTC') -->"
  echo "Machine: $(nproc) cores ($(awk -F': ' '/model name/{print $2; exit}' /proc/cpuinfo)), $(awk '/MemTotal/{printf "%.0f GiB", $2/1048576}' /proc/meminfo) RAM, shared by wrk and the server."
  echo "JDK: $("$JAVA" -version 2>&1 | head -n 1); JVM options: \`$JVM_OPTS\`; wrk: $WRK_THREADS threads, $DURATION per run after a $WARMUP warm-up, \`--timeout 10s\`."
  echo
  cat "$WORK/table.md"
} > "$OUT"
cat "$OUT"
echo "raw wrk outputs kept in $WORK" >&2
