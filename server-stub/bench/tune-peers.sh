#!/usr/bin/env bash
# Which configuration of each peer is its best? Runs candidate configurations of Prism and WireMock side
# by side and drives them in turns with the wrk request of run.sh (bench/post.lua), so that run.sh can
# compare the stub with each peer at its best. Prints req/s, p50/p99 and server CPU per request of every
# candidate, and for Prism whether it still rejects an invalid request (a Prism that validates nothing
# would not be a fair peer).
#
#   server-stub/bench/tune-peers.sh [--help]
#
# Figures from a busy machine mean little: run it on a quiet one, like run.sh (it prints how much CPU
# other processes took during each turn).
set -euo pipefail

SCRIPT_NAME=tune-peers.sh
usage() {
  cat <<'EOF'
Usage: server-stub/bench/tune-peers.sh [--help]

Settings (environment variables, defaults in brackets):
  BENCH_CANDIDATES=all    space-separated candidate names to run (see the list printed at the start)
  BENCH_DURATION=5        seconds of each measured wrk run
  BENCH_ROUNDS=3          measured wrk runs per candidate, taking turns
  BENCH_WARMUP=3          seconds of wrk warm-up per candidate
  BENCH_THREADS=2 BENCH_CONNECTIONS=16   wrk threads and connections (as run.sh)
  BENCH_START_TIMEOUT=60 BENCH_POLL=0.05
EOF
}
if [[ ${1:-} == --help || ${1:-} == -h ]]; then usage; exit 0; fi
[[ $# -eq 0 ]] || { echo "$SCRIPT_NAME: unexpected argument '$1'" >&2; exit 2; }

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$BENCH_DIR/../.." && pwd)
cd "$ROOT"
WORK="server-stub/target/bench-tune"
JAVA=${JAVA:-java}
DURATION=${BENCH_DURATION:-5}
ROUNDS=${BENCH_ROUNDS:-3}
WARMUP=${BENCH_WARMUP:-3}
THREADS=${BENCH_THREADS:-2}
CONNECTIONS=${BENCH_CONNECTIONS:-16}
START_TIMEOUT=${BENCH_START_TIMEOUT:-60}
POLL=${BENCH_POLL:-0.05}
# shellcheck source=lib.sh
source "$BENCH_DIR/lib.sh"

ensure_wrk
ensure_stub_jar
ensure_prism
ensure_wiremock
rm -rf "$WORK"
mkdir -p "$WORK"
snapshot_stub
make_wiremock_root "$WORK/wiremock"

WM=("$JAVA" -jar "$WIREMOCK_JAR" --port PORT --bind-address 127.0.0.1 --root-dir "$WORK/wiremock")
WM_QUIET=(--no-request-journal --disable-request-logging)
WM_LEAN=(--disable-banner --disable-response-templating --disable-gzip --disable-http2-plain --disable-extensions-scanning
  --use-chunked-encoding never)
PR=("$PRISM" mock "$DOC" -h 127.0.0.1 -p PORT)
declare -A CMD
NAMES=()
candidate() { local name=$1; shift; NAMES+=("$name"); CMD[$name]=$(printf '%s\n' "$@"); }
candidate prism-info "${PR[@]}" # Prism's defaults: -v info, a log line per request
candidate prism-info-m "${PR[@]}" -m
candidate prism-warn "${PR[@]}" -v warn
candidate prism-error "${PR[@]}" -v error
candidate prism-silent "${PR[@]}" -v silent
candidate prism-error-nocors "${PR[@]}" -v error --cors false
candidate prism-error-m "${PR[@]}" -v error -m
candidate wiremock-journal "${WM[@]}" # WireMock's defaults: request journal on
candidate wiremock-quiet "${WM[@]}" "${WM_QUIET[@]}"
candidate wiremock-lean "${WM[@]}" "${WM_QUIET[@]}" "${WM_LEAN[@]}"
candidate wiremock-lean-t8 "${WM[@]}" "${WM_QUIET[@]}" "${WM_LEAN[@]}" --container-threads 8
candidate wiremock-lean-t10 "${WM[@]}" "${WM_QUIET[@]}" "${WM_LEAN[@]}" --container-threads 10
candidate wiremock-lean-t25 "${WM[@]}" "${WM_QUIET[@]}" "${WM_LEAN[@]}" --container-threads 25
candidate wiremock-lean-async "${WM[@]}" "${WM_QUIET[@]}" "${WM_LEAN[@]}" --container-threads 10 --async-response-enabled true
SELECTED=("${NAMES[@]}")
if [[ -n ${BENCH_CANDIDATES:-} && ${BENCH_CANDIDATES:-} != all ]]; then read -ra SELECTED <<<"$BENCH_CANDIDATES"; fi
for name in "${SELECTED[@]}"; do [[ -n ${CMD[$name]:-} ]] || die "unknown candidate $name (known: ${NAMES[*]})"; done

echo "== candidates, $(date -u +%Y-%m-%dT%H:%M:%SZ), load $(cut -d' ' -f1-3 /proc/loadavg)"
declare -A PG PT CPU REQ SEC P50 P99 BAD FOREIGN
for name in "${SELECTED[@]}"; do
  mapfile -t cmd <<<"${CMD[$name]}"
  echo "   $name: ${cmd[*]}"
  start_cmd "$name" "$WORK/$name.log" "${cmd[@]}"
  PG[$name]=$SERVER_PGID
  PT[$name]=$PORT
  REQ[$name]=0; SEC[$name]=0; CPU[$name]=0; P50[$name]=""; P99[$name]=0; BAD[$name]=0; FOREIGN[$name]=0
  if [[ $name == prism* ]]; then # still a validating peer? (an empty body violates the schema)
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 -X POST -H 'Content-Type: application/json' \
      -H "X-Auth-Token: $TOKEN" --data '{}' "http://127.0.0.1:$PORT$OPERATION") || true
    echo "      an invalid body ({}): $code"
    [[ $code =~ ^4 ]] || die "$name answered $code to an invalid body: it does not validate"
  fi
done
if ((WARMUP > 0)); then
  for name in "${SELECTED[@]}"; do wrk_run "$name" warmup w "$WARMUP" "${PT[$name]}"; done
fi
echo "== $ROUNDS rounds of wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s, in turns"
for ((round = 1; round <= ROUNDS; round++)); do
  for name in "${SELECTED[@]}"; do
    cpu_mark; mark=$MARK
    c0=$(group_cpu_ms "${PG[$name]}")
    wrk_run "$name" "round$round" "t$round" "$DURATION" "${PT[$name]}"
    c1=$(group_cpu_ms "${PG[$name]}")
    cpu_mark
    foreign=$(foreign_cpus "$mark" "$MARK")
    wrk_line "round $round $name" "$WRK_LAST" $((c1 - c0)) "$foreign"
    read -r req sec p50 p99 bad < <(node -e '
      const r = JSON.parse(process.argv[1]);
      const bad = Object.entries(r.statuses).filter(([k]) => k !== "201").reduce((n, [, v]) => n + v, 0)
        + r.errors.connect + r.errors.read + r.errors.write + r.errors.timeout;
      console.log(r.requests, r.durationSeconds, r.latencyMicros.p50, r.latencyMicros.p99, bad);' "$WRK_LAST")
    REQ[$name]=$((REQ[$name] + req)); CPU[$name]=$((CPU[$name] + c1 - c0)); BAD[$name]=$((BAD[$name] + bad))
    SEC[$name]=$(node -p "${SEC[$name]} + $sec"); P50[$name]+="$p50 "
    ((p99 > P99[$name])) && P99[$name]=$p99
    FOREIGN[$name]=$(node -p "Math.max(${FOREIGN[$name]}, $foreign)")
  done
done
echo "== summary (all rounds; p50: median of the rounds, p99: worst round; other: most CPUs other processes took in a turn)"
printf '   %-22s %8s %8s %8s %10s %6s %6s\n' candidate req/s p50ms p99ms CPUus/req non201 other
for name in "${SELECTED[@]}"; do
  node -e '
    const [name, req, sec, p50s, p99, cpu, bad, other] = process.argv.slice(1);
    const p = p50s.trim().split(" ").map(Number).sort((a, b) => a - b); const m = p[Math.floor(p.length / 2)];
    console.log("   " + name.padEnd(22) + (req / sec).toFixed(0).padStart(9) + (m / 1000).toFixed(2).padStart(9)
      + (p99 / 1000).toFixed(2).padStart(9) + (cpu * 1000 / req).toFixed(0).padStart(11) + bad.padStart(7) + other.padStart(7));
  ' "$name" "${REQ[$name]}" "${SEC[$name]}" "${P50[$name]}" "${P99[$name]}" "${CPU[$name]}" "${BAD[$name]}" "${FOREIGN[$name]}"
done
