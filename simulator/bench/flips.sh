#!/usr/bin/env bash
# Verdict stability on a busy machine (a benchmark, not a test): keeps one core busy with
# `yes > /dev/null`, runs the whole suite N times against each target and prints, per case, the
# verdicts seen and whether they flipped, then the worst harness lateness of each run.
#   ./mvnw -q -pl simulator -am package -DskipTests     # builds simulator.jar and reference-server.jar
#   simulator/bench/flips.sh [N] [PROFILE]              # N=20, PROFILE=operator
# Targets: the embedded reference server, the third-party Node server (simulator/src/test/node/
# chat-server, launched on free ports, operator on stdin) and the launched reference jar.
set -euo pipefail
N=${1:-20}
PROFILE=${2:-operator}
root=$(cd "$(dirname "$0")/../.." && pwd)
sim="$root/simulator/target/simulator.jar"
ref="$root/reference-server/target/reference-server.jar"
node_dir="$root/simulator/src/test/node/chat-server"
for f in "$sim" "$ref"; do
  [ -f "$f" ] || { echo "flips.sh: $f is missing; run ./mvnw -q -pl simulator -am package -DskipTests" >&2; exit 2; }
done
[ -d "$node_dir/node_modules" ] || (cd "$node_dir" && npm ci --no-audit --no-fund >/dev/null)
out="$root/simulator/bench/out/$(date -u +%Y%m%d-%H%M%S)"
mkdir -p "$out"

yes > /dev/null &
busy=$!
trap 'kill "$busy" 2>/dev/null || true' EXIT INT TERM

run_target() { # name, then the run command's target arguments
  local name=$1; shift
  for i in $(seq 1 "$N"); do
    local start=$(date +%s.%N)
    set +e
    WXCHAT_SCENARIOS="$root/scenarios" java -jar "$sim" run --profile "$PROFILE" --report-dir "$out/reports-$name" \
      "$@" > "$out/$name-$i.txt" 2>&1
    local rc=$?
    set -e
    local end=$(date +%s.%N)
    printf '%s run %2d: exit %d, %5.1f s, %s\n' "$name" "$i" "$rc" "$(echo "$end - $start" | bc)" \
      "$(grep -o 'harness lateness: at most [0-9.]* ms' "$out/$name-$i.txt" | head -1)"
  done
}

echo "== $(date -u +%H:%M) UTC, $N runs per target, profile $PROFILE, one core kept busy by yes (pid $busy), load: $(cut -d' ' -f1-3 /proc/loadavg)"
run_target embedded
run_target node --server-cmd "node server.js --port {port} --mode $PROFILE" --server-dir "$node_dir" --port-ready 0 \
  --name node
run_target jar --server-cmd "java -jar $ref --port {port} --mode $PROFILE" --port-ready 0 --name jar
kill "$busy" 2>/dev/null || true

echo
echo "== verdicts per case (a flip is a run whose verdict differs from the case's most common one)"
for name in embedded node jar; do
  cat "$out/$name"-*.txt | awk -v target="$name" '
    $1 ~ /^(PASSED|NON_STRICT|FAILED|UNIMPLEMENTED|INFORMATIONAL)$/ && $2 ~ /^[a-z]+\.[0-9]/ { seen[$2 " " $1]++; cases[$2] = 1 }
    / rerun: / { reruns++ }
    END {
      total = 0; flipped = 0
      for (c in cases) {
        best = 0; sum = 0; line = ""
        for (k in seen) { split(k, p, " "); if (p[1] == c) { sum += seen[k]; line = line " " p[2] "x" seen[k]; if (seen[k] > best) best = seen[k] } }
        flips = sum - best; total += flips; if (flips > 0) flipped++
        printf "%-9s %-16s flips %2d  %s\n", target, c, flips, line
      }
      printf "%-9s TOTAL: %d flips over %d cases (%d cases flipped); %d rerun lines\n", target, total, length(cases), flipped, reruns
    }' | sort
done
echo "== worst harness lateness per target (max over runs)"
for name in embedded node jar; do
  printf '%-9s %s ms\n' "$name" "$(grep -ho 'harness lateness: at most [0-9.]* ms' "$out/$name"-*.txt | awk '{ if ($5 + 0 > m) m = $5 + 0 } END { print m + 0 }')"
done
echo "logs: $out"
