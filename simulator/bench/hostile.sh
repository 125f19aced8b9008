#!/usr/bin/env sh
# The harness against hostile servers: wall time, exit code, peak RSS and reports size of a full run
# (default options) against each server of simulator/src/test/.../HostileServers.java.
#   ./mvnw -q -ntp -pl simulator -am package -DskipTests   # the jar, the classes and the test classes
#   simulator/bench/hostile.sh [simulator.jar] [timeout-seconds]      # BEHAVIOURS="stall garbage" for a few
# Each server is probed before its run (it must listen and answer a first connection, upgrade and a
# text, without dying) and checked after it (it must still run); otherwise the script stops, exit 2:
# a row measured against a dead server is worse than no row.
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
jar=${1:-$root/simulator/target/simulator.jar}
limit=${2:-600}
# HostileServers (test classes) frames with FrameCodec (main classes): both, or every connection dies
classes="$root/simulator/target/test-classes:$root/simulator/target/classes"
out=$(mktemp -d)
server=""
die() {
  [ -n "$server" ] && kill "$server" 2>/dev/null
  echo "hostile.sh: $*" >&2
  echo "logs: $out" >&2
  exit 2
}
for dir in "$root/simulator/target/test-classes" "$root/simulator/target/classes"; do
  [ -d "$dir" ] || die "$dir is missing; build first: ./mvnw -q -ntp -pl simulator -am package -DskipTests"
done
[ -f "$jar" ] || die "$jar is missing; build first: ./mvnw -q -ntp -pl simulator -am package -DskipTests"

alive() { # a server that exited stays a zombie until waited for: kill -0 would say it runs
  stat=$(ps -o stat= -p "$1" 2>/dev/null) || return 1
  case $stat in Z*) return 1 ;; esac
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

# Waits up to 10 s for the server to listen, then opens a first connection: an upgrade request and one
# masked text frame; the server must answer something and still run 1 s later.
probe() { # behaviour port (of the started $server)
  python3 - "$2" <<'PY' || die "$1: its first connection failed (see $out/$1.server.txt)"
import socket, sys, time
port = int(sys.argv[1])
deadline = time.time() + 10
while True:
    try:
        s = socket.create_connection(("127.0.0.1", port), timeout=2)
        break
    except OSError:
        if time.time() > deadline:
            sys.exit("nothing listens on port %d after 10 s" % port)
        time.sleep(0.1)
s.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
          b"Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
payload = b'{"content":"probe"}'
mask = b"\x01\x02\x03\x04"
s.sendall(bytes([0x81, 0x80 | len(payload)]) + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(payload)))
try:
    if not s.recv(4096):
        sys.exit("the server closed its first connection without a byte")
except socket.timeout:
    sys.exit("the server answered nothing to its first connection within 2 s")
except OSError as e:
    sys.exit("the server's first connection failed: %s" % e)
time.sleep(1)
s.close()
PY
  alive "$server" || die "$1: the server died on its first connection: $(head -c 2000 "$out/$1.server.txt")"
}

printf '| server | wall | exit | peak RSS | reports |\n|---|---|---|---|---|\n'
for behaviour in ${BEHAVIOURS:-endless-headers frames-forever hundred-mb-frame ten-thousand-replies endless-log-line \
    stall html-page garbage close-1002 invalid-utf8}; do
  reports="$out/$behaviour"
  port=$(free_port)
  # a connection that dies of anything but I/O halts the server program, so the probe or the check after sees it
  java -cp "$classes" io.wxchat.conformance.HostileServers "$behaviour" "$port" >/dev/null 2>"$out/$behaviour.server.txt" &
  server=$!
  probe "$behaviour" "$port"
  if [ "$behaviour" = endless-log-line ]; then # probed standalone; the run launches its own
    kill "$server" 2>/dev/null
    wait "$server" 2>/dev/null
    server=""
    set -- run --server-cmd "java -cp $classes io.wxchat.conformance.HostileServers $behaviour" --port-ready 0 \
        --scenarios "$root/scenarios" --report-dir "$reports"
  else
    set -- run --target "ws://127.0.0.1:$port/" --scenarios "$root/scenarios" --report-dir "$reports"
  fi
  start=$(date +%s)
  /usr/bin/time -v -o "$out/time.txt" timeout "$limit" java ${SIM_JAVA_OPTS:-} -jar "$jar" "$@" >"$out/$behaviour.log" 2>&1
  code=$?
  wall=$(( $(date +%s) - start ))
  if [ -n "$server" ]; then
    alive "$server" || die "$behaviour: the server died during the run (its row would measure a dead
server): $(head -c 2000 "$out/$behaviour.server.txt")"
    kill "$server" 2>/dev/null
    wait "$server" 2>/dev/null
  fi
  rss=$(awk -F': ' '/Maximum resident/ {printf "%d MB", $2 / 1024}' "$out/time.txt")
  size=$(du -sk "$reports" 2>/dev/null | awk '{printf "%.1f MB", $1 / 1024}')
  printf '| %s | %s s | %s | %s | %s |\n' "$behaviour" "$wall" "$code" "$rss" "${size:-none}"
done
echo "logs and reports: $out" >&2
