#!/usr/bin/env bash
# Hostile clients against the reference server, one attack at a time, each on a fresh server:
# the attacker is bounded in bytes and time, a canary greets every 200 ms and times its
# auto-reply, and the server's RSS is sampled every 100 ms (see Attacker.java).
# Only 127.0.0.1; the server is stopped (by its pid) after each attack and on any exit.
set -euo pipefail

usage() {
  cat <<'USAGE'
usage: reference-server/bench/attack.sh [options] [ATTACK...]
  ATTACK              fragments empty-fragments no-read headers pings operator-push (default: all,
                      and fragments again with --java-opts -Xmx256m)
  --seconds N         time bound of each attack (default 20)
  --max-mib N         bytes bound of each attack in MiB (default 1024)
  --java-opts "..."   JVM options for the server (default: none, the JVM's default heap)
  --help              this text
Needs java 17+ and the jar: ./mvnw -q -ntp -pl reference-server -am package -DskipTests
USAGE
}

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
JAR="$BENCH_DIR/../target/reference-server.jar"
SECONDS_BOUND=20
MAX_MIB=1024
JAVA_OPTS=""
ATTACKS=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --seconds) SECONDS_BOUND="$2"; shift 2 ;;
    --max-mib) MAX_MIB="$2"; shift 2 ;;
    --java-opts) JAVA_OPTS="$2"; shift 2 ;;
    --help|-h) usage; exit 0 ;;
    -*) echo "attack.sh: unknown option $1" >&2; usage >&2; exit 2 ;;
    *) ATTACKS+=("$1"); shift ;;
  esac
done
[[ -f "$JAR" ]] || { echo "attack.sh: no $JAR; build it: ./mvnw -q -ntp -pl reference-server -am package -DskipTests" >&2; exit 2; }
[[ "$SECONDS_BOUND" -le 60 && "$MAX_MIB" -le 1024 ]] || { echo "attack.sh: keep each attack within 60 s and 1024 MiB" >&2; exit 2; }

OUT="$BENCH_DIR/out/attack-$(date -u +%Y%m%d-%H%M%S)"
mkdir -p "$OUT"
SERVER_PID=""
stop_server() {
  if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$SERVER_PID" 2>/dev/null || true
  fi
  SERVER_PID=""
}
trap stop_server EXIT

# one attack: ATTACK NAME JAVA_OPTS
run_attack() {
  local attack="$1" name="$2" opts="$3" log="$OUT/$2.server.log" ready port
  # shellcheck disable=SC2086
  java $opts -jar "$JAR" --port 0 --operator-token t </dev/null >"$OUT/$name.stdout" 2>"$log" &
  SERVER_PID=$!
  for _ in $(seq 100); do
    ready=$(grep -o 'ws://127.0.0.1:[0-9]*' "$OUT/$name.stdout" 2>/dev/null || true)
    [[ -n "$ready" ]] && break
    sleep 0.1
  done
  [[ -n "$ready" ]] || { echo "attack.sh: server did not start; see $log" >&2; exit 1; }
  port="${ready##*:}"
  local result
  result=$(java "$BENCH_DIR/Attacker.java" "$attack" 127.0.0.1 "$port" "$SERVER_PID" "$SECONDS_BOUND" "$MAX_MIB" t)
  local alive="alive"
  kill -0 "$SERVER_PID" 2>/dev/null || alive="DEAD"
  local traces
  traces=$(grep -c '^\s*at ' "$log" || true)
  echo "$name [$opts] server $alive, stack-trace lines in log: $traces"
  echo "  $result"
  grep -m3 -E 'closing|refused|not reading|accept' "$log" | sed 's/^/  log: /' || true
  stop_server
}

if [[ ${#ATTACKS[@]} -eq 0 ]]; then
  for a in fragments empty-fragments no-read headers pings operator-push; do
    run_attack "$a" "$a" "$JAVA_OPTS"
  done
  run_attack fragments fragments-xmx256m "$JAVA_OPTS -Xmx256m"
else
  for a in "${ATTACKS[@]}"; do
    run_attack "$a" "$a" "$JAVA_OPTS"
  done
fi
echo "logs: $OUT"
