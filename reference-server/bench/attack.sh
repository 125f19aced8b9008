#!/usr/bin/env bash
# Hostile clients against the reference server, one attack at a time, each on a fresh server:
# the attacker is bounded in bytes and time, a canary greets every 200 ms and times its
# auto-reply, and the server's RSS is sampled every 100 ms (see Attacker.java).
# Only 127.0.0.1; the server is stopped (by its pid) after each attack and on any exit.
set -euo pipefail

usage() {
  cat <<'USAGE'
usage: reference-server/bench/attack.sh [options] [ATTACK...]
  ATTACK              fragments empty-fragments no-read no-read-many (2,000 connections)
                      partial-many (2,000 unfinished 63 KiB texts) headers pings operator-push, and three variants: fragments-xmx256m and
                      no-read-many-xmx256m (with -Xmx256m), and operator-push-plain-java
                      (started by plain `java -jar`, without the launcher's -XX:GCTimeRatio=1);
                      default: all of them
  --seconds N         time bound of each attack (default 20)
  --max-mib N         bytes bound of each attack in MiB (default 1024)
  --java-opts "..."   JVM options added to the launcher's (default: none; the JVM's default heap)
  --plain-java        start the server with `java OPTS -jar` instead of reference-server/bin/wxchat-server
  --repeat N          run the list N times, one after another, and sum up the RSS maxima (default 1)
  --help              this text
The server is started by reference-server/bin/wxchat-server, which builds its jar when needed.
USAGE
}

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
JAR="$BENCH_DIR/../target/reference-server.jar"
SECONDS_BOUND=20
MAX_MIB=1024
JAVA_OPTS=""
PLAIN_JAVA=""
REPEAT=1
ATTACKS=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --seconds) SECONDS_BOUND="$2"; shift 2 ;;
    --max-mib) MAX_MIB="$2"; shift 2 ;;
    --java-opts) JAVA_OPTS="$2"; shift 2 ;;
    --plain-java) PLAIN_JAVA=1; shift ;;
    --repeat) REPEAT="$2"; shift 2 ;;
    --help|-h) usage; exit 0 ;;
    -*) echo "attack.sh: unknown option $1" >&2; usage >&2; exit 2 ;;
    *) ATTACKS+=("$1"); shift ;;
  esac
done
LAUNCHER="$BENCH_DIR/../bin/wxchat-server"
if [[ -z "$PLAIN_JAVA" ]]; then
  "$LAUNCHER" --version >/dev/null || { echo "attack.sh: $LAUNCHER could not start the server (above)" >&2; exit 2; }
fi
[[ -f "$JAR" ]] || { echo "attack.sh: no $JAR; build it: ./mvnw -q -ntp -pl reference-server -am package -DskipTests" >&2; exit 2; }
NAMES=(fragments empty-fragments no-read no-read-many partial-many headers pings operator-push
  fragments-xmx256m no-read-many-xmx256m operator-push-plain-java)
[[ ${#ATTACKS[@]} -gt 0 ]] || ATTACKS=("${NAMES[@]}")
for name in "${ATTACKS[@]}"; do
  [[ " ${NAMES[*]} " == *" $name "* ]] || { echo "attack.sh: no attack $name; the attacks are: ${NAMES[*]}" >&2; exit 2; }
done
[[ "$REPEAT" =~ ^[1-9][0-9]*$ && "$REPEAT" -le 50 ]] || { echo "attack.sh: --repeat takes 1 to 50, not $REPEAT" >&2; exit 2; }
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

# one attack: ATTACK NAME JAVA_OPTS [plain]; the launcher execs java, so its pid is the server's
run_attack() {
  local attack="$1" name="$2" how="${4:-launcher}" log="$OUT/$2.server.log" ready port words opts
  read -r -a words <<<"$3" # the options as words, not globbed
  opts="${words[*]}"
  if [[ "$how" == plain ]]; then
    java "${words[@]}" -jar "$JAR" --port 0 --operator-token t </dev/null >"$OUT/$name.stdout" 2>"$log" &
  else
    WXCHAT_SERVER_JAVA_OPTS="$opts" "$LAUNCHER" --port 0 --operator-token t </dev/null >"$OUT/$name.stdout" 2>"$log" &
  fi
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
  local started="reference-server/bin/wxchat-server${opts:+ $opts}"
  [[ "$how" == plain ]] && started="java ${opts:+$opts }-jar"
  echo "$name [$started] server $alive, stack-trace lines in log: $traces"
  echo "  $result"
  grep -m3 -E 'closing|refused|not reading|accept' "$log" | sed 's/^/  log: /' || true
  stop_server
}

# a run by its name: an attack, or one of the two variants the default list adds
run_named() {
  local name="$1" file="$1"
  [[ "$REPEAT" -gt 1 ]] && file="$name-$2"
  case "$name" in
    fragments-xmx256m) run_attack fragments "$file" "$JAVA_OPTS -Xmx256m" ;;
    no-read-many-xmx256m) run_attack no-read-many "$file" "$JAVA_OPTS -Xmx256m" ;;
    operator-push-plain-java) run_attack operator-push "$file" "$JAVA_OPTS" plain ;;
    *) run_attack "$name" "$file" "$JAVA_OPTS" "${PLAIN_JAVA:+plain}" ;;
  esac
}

declare -A RSS_MAX=()
for round in $(seq "$REPEAT"); do
  for name in "${ATTACKS[@]}"; do
    run_named "$name" "$round" >"$OUT/last-run.txt" # not in a subshell: the EXIT trap must see the server
    cat "$OUT/last-run.txt"
    rss=$(grep -o -m1 'max [0-9]* MB' "$OUT/last-run.txt" | grep -o '[0-9]*' || true)
    RSS_MAX[$name]="${RSS_MAX[$name]:-}${RSS_MAX[$name]:+, }${rss:-?}"
  done
done
if [[ "$REPEAT" -gt 1 ]]; then
  echo "server RSS max (MB) in $REPEAT rounds:"
  for name in "${ATTACKS[@]}"; do
    echo "  $name: ${RSS_MAX[$name]}"
  done
fi
echo "logs: $OUT"
