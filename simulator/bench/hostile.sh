#!/usr/bin/env sh
# The harness against hostile servers: wall time, exit code, peak RSS and reports size of a full run
# (default options) against each server of simulator/src/test/.../HostileServers.java.
#   ./mvnw -q -ntp -pl simulator -am package -DskipTests   # the jar and the test classes
#   simulator/bench/hostile.sh [simulator.jar] [timeout-seconds]      # BEHAVIOURS="stall garbage" for a few
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
jar=${1:-$root/simulator/target/simulator.jar}
limit=${2:-600}
classes="$root/simulator/target/test-classes"
out=$(mktemp -d)
printf '| server | wall | exit | peak RSS | reports |\n|---|---|---|---|---|\n'
for behaviour in ${BEHAVIOURS:-endless-headers frames-forever hundred-mb-frame ten-thousand-replies endless-log-line \
    stall html-page garbage close-1002 invalid-utf8}; do
  reports="$out/$behaviour"
  if [ "$behaviour" = endless-log-line ]; then
    set -- run --server-cmd "java -cp $classes io.wxchat.conformance.HostileServers $behaviour" --port-ready 0 \
        --scenarios "$root/scenarios" --report-dir "$reports"
    server=""
  else
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
    java -cp "$classes" io.wxchat.conformance.HostileServers "$behaviour" "$port" &
    server=$!
    sleep 1
    set -- run --target "ws://127.0.0.1:$port/" --scenarios "$root/scenarios" --report-dir "$reports"
  fi
  start=$(date +%s)
  /usr/bin/time -v -o "$out/time.txt" timeout "$limit" java -jar "$jar" "$@" >"$out/$behaviour.log" 2>&1
  code=$?
  wall=$(( $(date +%s) - start ))
  [ -n "$server" ] && kill "$server" 2>/dev/null
  rss=$(awk -F': ' '/Maximum resident/ {printf "%d MB", $2 / 1024}' "$out/time.txt")
  size=$(du -sk "$reports" 2>/dev/null | awk '{printf "%.1f MB", $1 / 1024}')
  printf '| %s | %s s | %s | %s | %s |\n' "$behaviour" "$wall" "$code" "$rss" "${size:-none}"
done
echo "logs and reports: $out" >&2
