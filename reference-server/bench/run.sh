#!/usr/bin/env bash
# Reruns the closed-loop comparison: the Java reference server against a Node.js `ws` echo server,
# same driver (closedloop/, JDK only, compiled here), same run, interleaved; latency to the
# microsecond and CPU per message of driver, servers and other processes. The load figures
# (connections held, replies per second, fan-out) are Gatling's: gatling/bench/figures.sh.
# Only 127.0.0.1; every step has a time limit; servers are stopped on any exit.
set -euo pipefail

usage() {
  cat <<'EOF'
usage: reference-server/bench/run.sh [options]
  --runs N             measured closed-loop runs per server (default 5)
  --warmup-runs N      unreported runs per server first (default 5)
  --clients N          closed-loop clients (default 100)
  --messages N         messages per client per run (default 2000)
  --slices N           each run in N turns per server, java node java node ... (default 20): the
                       machine's slower and faster seconds fall on both servers of a pair alike
  --settle-seconds N   before each run wait up to N s for other processes to go quiet (default 20)
  --java-opts "..."    JVM options for the Java server (default: $JAVA_SERVER_OPTS or
                       "-Xms1g -Xmx1g -XX:+UseParallelGC -XX:+AlwaysPreTouch")
  --out DIR            where logs and the compiled driver go (default reference-server/bench/out/<date-time>)
  --help               this text
Exit status: 0 when every run completed with every reply present and well-formed; 1 when a reply
was missing, malformed or over the reply timeout, or a connection failed or dropped; 2 bad usage.
Connections held idle and the soak are Gatling's now: gatling/bench/figures.sh
(ConnectionSoakSimulation, ChatLoadSimulation; README "Load tests").
Needs: a JDK 17+ (java and javac), node 18+, npm, and the reference server jar:
  cd "$(git rev-parse --show-toplevel)" && ./mvnw -q -pl reference-server -am package -DskipTests
EOF
}

die() {
  echo "run.sh: $*" >&2
  exit 2
}

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH_DIR/../.." && pwd)"
JAR="$ROOT/reference-server/target/reference-server.jar"

RUNS=5
WARMUPS=5
CLIENTS=100
MESSAGES=2000
SLICES=20
SETTLE=20
# Fixed heap: no resizing mid-run. ParallelGC: the server allocates only short-lived garbage, and
# G1's concurrent threads would compete with the driver for the two cores.
JAVA_OPTS="${JAVA_SERVER_OPTS:--Xms1g -Xmx1g -XX:+UseParallelGC -XX:+AlwaysPreTouch}"
OUT=""

need_value() { [[ $# -ge 2 && -n "$2" ]] || die "$1 needs a value"; }
need_int() { [[ "$2" =~ ^[0-9]+$ ]] || die "$1 must be a non-negative integer: $2"; }
moved() { die "$1 is gone: connections held idle and the soak run on Gatling now (gatling/bench/figures.sh, README \"Load tests\")"; }

while [[ $# -gt 0 ]]; do
  case "$1" in
    --runs) need_value "$@"; need_int "$1" "$2"; RUNS="$2"; shift 2 ;;
    --warmup-runs) need_value "$@"; need_int "$1" "$2"; WARMUPS="$2"; shift 2 ;;
    --clients) need_value "$@"; need_int "$1" "$2"; CLIENTS="$2"; shift 2 ;;
    --messages) need_value "$@"; need_int "$1" "$2"; MESSAGES="$2"; shift 2 ;;
    --slices) need_value "$@"; need_int "$1" "$2"; SLICES="$2"; shift 2 ;;
    --settle-seconds) need_value "$@"; need_int "$1" "$2"; SETTLE="$2"; shift 2 ;;
    --idle-connections|--soak-seconds|--skip-soak|--skip-idle) moved "$1" ;;
    --java-opts) need_value "$@"; JAVA_OPTS="$2"; shift 2 ;;
    --out) need_value "$@"; OUT="$2"; shift 2 ;;
    --help|-h) usage; exit 0 ;;
    *) die "unknown option \"$1\"; run with --help for the list" ;;
  esac
done
[[ "$RUNS" -ge 1 ]] || die "--runs must be at least 1: $RUNS"

command -v java >/dev/null || die "java not found: install a JDK 17+ (apt-get install openjdk-17-jdk-headless)"
command -v javac >/dev/null || die "javac not found: the driver is compiled here; install a JDK 17+, not only a JRE (apt-get install openjdk-17-jdk-headless)"
command -v node >/dev/null || die "node not found: install Node.js 18+ (apt-get install nodejs npm)"
if [[ ! -f "$JAR" ]]; then
  echo "run.sh: $JAR is missing; build it first:" >&2
  echo "  cd $ROOT && ./mvnw -q -pl reference-server -am package -DskipTests" >&2
  exit 2
fi
if [[ ! -d "$BENCH_DIR/node-echo/node_modules/ws" ]]; then
  echo "== npm ci in reference-server/bench/node-echo"
  (cd "$BENCH_DIR/node-echo" && timeout 300 npm ci --no-audit --no-fund --loglevel=error)
fi

if [[ "$(ulimit -n)" -lt $((CLIENTS + 100)) ]]; then
  ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
  [[ "$(ulimit -n)" -ge $((CLIENTS + 100)) ]] || die "open-file limit $(ulimit -n) is too low for --clients $CLIENTS"
fi

OUT="${OUT:-$BENCH_DIR/out/$(date +%Y%m%d-%H%M%S)}"
mkdir -p "$OUT"
CLASSES="$OUT/classes"
javac -nowarn -d "$CLASSES" "$BENCH_DIR"/closedloop/*.java || die "the driver in $BENCH_DIR/closedloop did not compile"
# driver SECONDS ARGS...: the closed-loop driver, killed if it outlives SECONDS.
driver() {
  local limit="$1"
  shift
  timeout --signal=TERM --kill-after=10 "$limit" \
    java -XX:+UseParallelGC -Xms512m -Xmx2g -cp "$CLASSES" closedloop.ClosedLoop "$@" --settle-seconds "$SETTLE"
}

PIDS=()
# shellcheck disable=SC2317 # called by the EXIT trap
stop_servers() {
  local pid
  for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
  done
  PIDS=()
}
trap stop_servers EXIT
trap 'exit 130' INT TERM

# start_server NAME CMD... : sets URL and PID; waits at most 30 s for the readiness line.
start_server() {
  local name="$1"
  shift
  "$@" </dev/null >"$OUT/$name.stdout" 2>"$OUT/$name.stderr" &
  PID=$!
  PIDS+=("$PID")
  URL=""
  for _ in $(seq 300); do
    URL="$(grep -oE 'listening on wss?://[^ ]+' "$OUT/$name.stdout" | head -1 | sed 's/^listening on //' || true)"
    [[ -n "$URL" ]] && break
    kill -0 "$PID" 2>/dev/null || { cat "$OUT/$name.stderr" >&2; die "$name exited before it was ready"; }
    sleep 0.1
  done
  [[ -n "$URL" ]] || die "$name printed no 'listening on ws://...' line within 30 s (see $OUT/$name.stderr)"
  echo "== $name: pid $PID at $URL"
}

# stop_server NAME PID: SIGTERM, and the exit code must be 0.
stop_server() {
  local name="$1" pid="$2" rc=0
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  if kill -0 "$pid" 2>/dev/null; then
    kill -KILL "$pid" 2>/dev/null || true
    echo "== $name: did not stop within 10 s of SIGTERM; killed"
  fi
  wait "$pid" 2>/dev/null || rc=$?
  echo "== $name: exit code $rc after SIGTERM"
}

echo "== output in $OUT"
echo "== machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; load $(cut -d' ' -f1-3 /proc/loadavg); $(java -version 2>&1 | head -1); node $(node --version); ws $(node -p "require('$BENCH_DIR/node-echo/node_modules/ws/package.json').version")"
echo "== java server options: $JAVA_OPTS"

# shellcheck disable=SC2086 # JAVA_OPTS is a list of options
start_server java java $JAVA_OPTS -jar "$JAR" --port 0 --host 127.0.0.1 --mode echo
JAVA_URL="$URL" JAVA_PID="$PID"
start_server node node "$BENCH_DIR/node-echo/server.js" --port 0 --host 127.0.0.1
NODE_URL="$URL" NODE_PID="$PID"

status=0
echo
echo "== closed loop: $CLIENTS clients x $MESSAGES messages, $WARMUPS warmup + $RUNS measured runs each, java and node interleaved in $SLICES slices per run"
# Each step runs in the background and is waited for, so that SIGTERM/SIGINT stop run.sh at once
# (bash runs traps only between foreground commands).
driver $((120 + (WARMUPS + RUNS) * 2 * (60 + SETTLE))) --clients "$CLIENTS" --messages "$MESSAGES" --slices "$SLICES" --warmup-runs "$WARMUPS" --runs "$RUNS" \
  --url "java=$JAVA_URL" --server-pid "java=$JAVA_PID" --url "node=$NODE_URL" --server-pid "node=$NODE_PID" \
  --handshake-concurrency 100 | tee "$OUT/closed-loop.txt" | grep -v '^RESULT' &
wait $! || status=1
stop_server node "$NODE_PID"
stop_server java "$JAVA_PID"
PIDS=()

echo
echo "================ summary ($OUT) ================"
echo "-- closed loop, $CLIENTS clients x $MESSAGES messages per run:"
sed -n '/^SUMMARY/,$p' "$OUT/closed-loop.txt"
# per run: each server's msg/s, and the java/node ratio of the runs made side by side (run i of each)
awk '/^RESULT/ && /label=run_/ {
  split($2, t, "="); split($6, x, "="); n[t[2]]++; v[t[2], n[t[2]]] = x[2]
} END {
  for (name in n) { m = ""; for (i = 1; i <= n[name]; i++) m = m " " v[name, i]; print "  " name " msg/s per run:" m }
  if (n["java"] > 0 && n["java"] == n["node"]) {
    m = ""; lo = 0; hi = 0
    for (i = 1; i <= n["java"]; i++) {
      if (v["node", i] == 0) { continue }
      r = v["java", i] / v["node", i]; m = m sprintf(" %.2f", r)
      if (lo == 0 || r < lo) lo = r
      if (r > hi) hi = r
    }
    if (lo > 0) printf "  pair java/node msg/s per run:%s (slowest pair %.2fx, fastest %.2fx: the fastest is %.2f times the slowest)\n", m, lo, hi, hi / lo
  }
}' "$OUT/closed-loop.txt" | sort
# verdict FILE: compares quiet medians (runs during which no other process used over 10% of a core)
# when each server has at least half its runs quiet; otherwise the plain medians, warned.
verdict() {
  local file="$1" java_runs java_median java_noisy java_quiet node_runs node_median node_noisy node_quiet
  read -r java_runs java_median java_noisy java_quiet \
    <<<"$(awk '$1 == "java" && NF == 11 {print $2, $3, $10, $11}' "$file" | tail -1)" || true
  read -r node_runs node_median node_noisy node_quiet \
    <<<"$(awk '$1 == "node" && NF == 11 {print $2, $3, $10, $11}' "$file" | tail -1)" || true
  if [[ -z "${java_median:-}" || -z "${node_median:-}" ]]; then
    echo "java/node throughput: no result"
    return
  fi
  local basis="quiet medians" j="$java_quiet" n="$node_quiet"
  if [[ "$java_quiet" == - || "$node_quiet" == - || $((2 * java_noisy)) -gt "$java_runs" \
    || $((2 * node_noisy)) -gt "$node_runs" ]]; then
    basis="medians of all runs (WARNING: other processes were busy during most runs; rerun on a quiet machine)"
    j="$java_median" n="$node_median"
  fi
  awk -v j="$j" -v n="$n" -v basis="$basis" 'BEGIN {
    verdict = (j >= n) ? "java is not slower" : "JAVA IS SLOWER"
    printf "java/node throughput: %.0f / %.0f = %.2f (%s), from %s\n", j, n, j / n, verdict, basis
  }'
}
verdict "$OUT/closed-loop.txt"
echo "connections held idle, soak: Gatling's, see gatling/bench/figures.sh"
echo "exit status $status (0: every run completed with every reply present and well-formed, no connection failed or dropped)"
exit "$status"
