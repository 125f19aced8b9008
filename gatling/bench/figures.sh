#!/usr/bin/env bash
# The "Load with Gatling" figures of docs/BENCHMARKS.md: each simulation against the reference server
# (its jar, a process of its own) and against the Node `ws` operator-profile server, in one run.
# Only 127.0.0.1; every server is stopped on exit; each step is bounded by its simulation's duration.
#   gatling/bench/figures.sh [--quick]      (--quick: a tenth of the load, to try the script)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
OUT="$ROOT/reports/gatling/figures-$(date -u +%Y%m%dT%H%M%SZ)"
TOKEN="bench-$RANDOM$RANDOM"
SCALE=1
[[ "${1:-}" == "--quick" ]] && SCALE=10
mkdir -p "$OUT"
cd "$ROOT"
./mvnw -q -ntp -pl reference-server -am package -DskipTests
(cd reference-server/bench/node-echo && npm ci --no-audit --no-fund >/dev/null)

SERVER_PID=""
stop_server() { if [[ -n "$SERVER_PID" ]]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=""; fi; }
trap stop_server EXIT

URL=""
start_server() { # $1: reference|node; sets SERVER_PID and URL (not in a subshell, or the PID is lost)
  local log="$OUT/$1-server.log"
  if [[ "$1" == reference ]]; then
    java -Xms1g -Xmx1g -XX:+UseParallelGC -jar reference-server/target/reference-server.jar --port 0 \
      --operator-token "$TOKEN" </dev/null >"$log" 2>&1 &
  else
    node reference-server/bench/node-echo/operator-server.js --port 0 --operator-token "$TOKEN" </dev/null >"$log" 2>&1 &
  fi
  SERVER_PID=$!
  for _ in $(seq 100); do
    local url; url=$(grep -oE 'ws://[0-9.]+:[0-9]+/' "$log" | head -1 || true)
    if [[ -n "$url" ]]; then URL="$url"; return; fi
    sleep 0.1
  done
  echo "figures.sh: $1 server did not start; see $log" >&2; exit 3
}

# Gatling's own CPU: user+system ticks of the forked Gatling JVM, sampled until it exits.
gatling_cpu() { # $1: the Maven process that forks Gatling; 0 ticks when it ends without forking one
  local maven="$1" ticks=0 pid=""
  while true; do
    pid=$(pgrep -f 'io.gatling.app.Gatling' | head -1 || true)
    [[ -n "$pid" ]] && break
    kill -0 "$maven" 2>/dev/null || { echo 0; return; }
    sleep 0.2
  done
  while [[ -r /proc/$pid/stat ]]; do
    ticks=$(awk '{print $14+$15}' "/proc/$pid/stat" 2>/dev/null || echo "$ticks")
    sleep 0.5
  done
  echo "$ticks"
}

# failure LOG MAVEN_EXIT: why a run failed, in one line. Maven exits 1 whatever went wrong, so the
# log tells: the Gatling plugin reports Gatling's exit 2 as "assertions failed"; a simulation that
# stopped before injecting anyone printed its reason as "wxchat-gatling: ..." and exited 1 or 3.
failure() {
  local log="$1" code="$2" line
  if grep -qE 'Gatling simulation assertions failed' "$log"; then
    echo "the simulation ran and its assertions failed (Gatling exit 2); its figures follow"
  elif grep -q 'Simulation .* started' "$log"; then
    echo "the simulation started but did not finish (Maven exit $code); see $log"
  elif line=$(grep -m1 '^wxchat-gatling: ' "$log"); then
    echo "the simulation could not run: ${line#wxchat-gatling: }"
  else
    echo "the simulation could not run: the build failed before Gatling started (Maven exit $code); see $log"
  fi
}

run() { # $1 server, $2 name, then -D options
  local server="$1" name="$2"; shift 2
  start_server "$server"
  local url="$URL"
  local log="$OUT/$server-$name.log"
  echo "== $server $name $* (load average before: $(cut -d' ' -f1-3 /proc/loadavg))" | tee -a "$OUT/summary.txt"
  ./mvnw -q -ntp -pl gatling -am verify -DskipTests -DskipITs -Dtarget="$url" -DoperatorToken="$TOKEN" "$@" \
    >"$log" 2>&1 &
  local maven=$!
  gatling_cpu "$maven" >"$OUT/$server-$name.cpu" &
  local sampler=$!
  local code=0
  wait "$maven" || code=$?
  [[ "$code" -eq 0 ]] || echo "   $(failure "$log" "$code")" | tee -a "$OUT/summary.txt"
  wait "$sampler" || true
  stop_server
  local ticks; ticks=$(cat "$OUT/$server-$name.cpu")
  echo "   load average after: $(cut -d' ' -f1-3 /proc/loadavg); Gatling JVM CPU: $((ticks / $(getconf CLK_TCK))) s" \
    | tee -a "$OUT/summary.txt"
  # the last console summary (the counts at the end), then the assertions and the run's percentiles
  awk '/---- Requests/{block=""; keep=1} keep&&/^$/{keep=0} keep{block=block $0 "\n"} END{printf "%s", block}' "$log" \
    | grep -vE 'Global|connect mp|close mp|send mp|Requests|close  ' | sed 's/^/   /' | tee -a "$OUT/summary.txt" || true
  grep -E 'actual|wxchat-gatling' "$log" | sed 's/^/   /' | tee -a "$OUT/summary.txt" || true
}

for server in reference node; do
  run "$server" soak -Dsimulation=ConnectionSoakSimulation -Dusers=$((10000 / SCALE)) -Dramp=40s -Dduration=20s
  run "$server" chat -Dsimulation=ChatLoadSimulation -Dmodel=closed -Dusers=$((200 / SCALE)) -Dmessages=100 \
    -Dthink=0ms -Dduration=40s -Dp95=25ms -Dp99=50ms
  run "$server" fanout -Dsimulation=OperatorFanOutSimulation -Dusers=$((1000 / SCALE)) -Dpushes=10 -Dwarmup=3 -Dramp=10s \
    -Dgap=500ms -Dp99=100ms
done
echo "figures: $OUT/summary.txt"
