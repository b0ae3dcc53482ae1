#!/usr/bin/env bash
# Where does a request's time go in the stub? Starts the stub (the snapshot of the built jar, as run.sh),
# warms it up with the wrk request of run.sh (bench/post.lua: the documented CCE request, a unique name
# each), then records PROFILE_DURATION s of the same load with Java Flight Recorder (JFR.start through
# jcmd, so that startup and warm-up are not in the recording; settings=profile: a stack sample of every
# running Java thread every 10 ms), and sorts the samples into the steps of a request
# (bench/profile-report.mjs): HTTP layer, JSON parsing, schema validation, rules, response building,
# store, journal. Prints the breakdown and the hottest methods, writes
# server-stub/target/bench-profile.json and keeps the recording (server-stub/target/bench-profile/stub.jfr,
# for JDK Mission Control or `jfr print`).
#
#   server-stub/bench/profile.sh [--help]
#
# The recording adds about 1-2% of overhead. The samples cover Java code on Java threads only: GC
# and JIT threads and the kernel's share of socket I/O are not in them (the report gives the GC pauses
# and the JVM's CPU load from the same recording beside them).
set -euo pipefail

SCRIPT_NAME=profile.sh
usage() {
  cat <<'EOF'
Usage: server-stub/bench/profile.sh [--help]

Settings (environment variables, defaults in brackets):
  PROFILE_DURATION=20     seconds of the recorded wrk run
  PROFILE_WARMUP=10       seconds of wrk before the recording starts
  PROFILE_RESET=1         1: the stub holds at most a few thousand pools (POST /__admin/reset every 0.5 s),
                          0: it keeps every pool created (maxNodePools 2,000,000,000, as run.sh's rounds)
  PROFILE_JAVA_OPTS=""    more JVM options for the stub
  BENCH_THREADS=2 BENCH_CONNECTIONS=16   wrk threads and connections (as run.sh)
  PROFILE_OUT=server-stub/target/bench-profile.json
EOF
}
if [[ ${1:-} == --help || ${1:-} == -h ]]; then usage; exit 0; fi
[[ $# -eq 0 ]] || { echo "$SCRIPT_NAME: unexpected argument '$1' (see --help)" >&2; exit 2; }

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$BENCH_DIR/../.." && pwd)
cd "$ROOT"
WORK="server-stub/target/bench-profile"
JAVA=${JAVA:-java}
DURATION=${PROFILE_DURATION:-20}
WARMUP=${PROFILE_WARMUP:-10}
RESET=${PROFILE_RESET:-1}
THREADS=${BENCH_THREADS:-2}
CONNECTIONS=${BENCH_CONNECTIONS:-16}
START_TIMEOUT=60
POLL=0.05
OUT=${PROFILE_OUT:-$ROOT/server-stub/target/bench-profile.json}
for n in DURATION WARMUP THREADS CONNECTIONS; do
  [[ ${!n} =~ ^[0-9]+$ ]] || { echo "$SCRIPT_NAME: ${n} must be a whole number" >&2; exit 2; }
done
# shellcheck source=lib.sh
source "$BENCH_DIR/lib.sh"
JCMD=$(dirname "$(readlink -f "$(command -v "$JAVA")")")/jcmd
JFR=$(dirname "$JCMD")/jfr
[[ -x $JCMD && -x $JFR ]] || die "jcmd and jfr of the JDK of '$JAVA' are needed (looked in $(dirname "$JCMD"))"

ensure_wrk
ensure_stub_jar
rm -rf "$WORK"
mkdir -p "$WORK"
snapshot_stub
printf 'maxNodePools: 2000000000\n' >"$WORK/stub-bench.yaml"

busy=$(cpu_busy 2)
echo "== profile of the stub, $(date -u +%Y-%m-%dT%H:%M:%SZ): CPUs ${busy}% busy before the start, load $(cut -d' ' -f1-3 /proc/loadavg)"
((busy > 20)) && echo "$SCRIPT_NAME: warning: other processes keep the CPUs busy; the shares are indicative only" >&2
read -ra opts <<<"${PROFILE_JAVA_OPTS:-}"
start_cmd stub "$WORK/stub.log" "$JAVA" -XX:FlightRecorderOptions=stackdepth=256 "${opts[@]}" -jar "$JAR" \
  --config "$WORK/stub-bench.yaml" --port PORT
pid=$SERVER_PGID # setsid execs java: the process group leader is the JVM
echo "   stub: pid $pid, port $PORT, first 201 after $STARTUP_MS ms"
if [[ $RESET == 1 ]]; then
  (while sleep 0.5; do curl -s -o /dev/null --max-time 2 -X POST "http://127.0.0.1:$PORT/__admin/reset" || true; done) &
  HELPERS+=($!)
fi
if ((WARMUP > 0)); then
  wrk_run stub warmup w "$WARMUP" "$PORT"
  wrk_line "warm-up ${WARMUP}s" "$WRK_LAST" 0
fi
timeout 30 "$JCMD" "$pid" JFR.start name=bench settings=profile filename="$ROOT/$WORK/stub.jfr" >"$WORK/jcmd-start.txt" 2>&1 \
  || { cat "$WORK/jcmd-start.txt" >&2; die "jcmd JFR.start failed"; }
c0=$(group_cpu_ms "$pid")
wrk_run stub recorded m "$DURATION" "$PORT"
c1=$(group_cpu_ms "$pid")
timeout 60 "$JCMD" "$pid" JFR.stop name=bench >"$WORK/jcmd-stop.txt" 2>&1 \
  || { cat "$WORK/jcmd-stop.txt" >&2; die "jcmd JFR.stop failed"; }
wrk_line "recorded ${DURATION}s" "$WRK_LAST" $((c1 - c0))
for p in "${HELPERS[@]}"; do stop_helper "$p"; done
stop_group "$pid"
[[ -s $WORK/stub.jfr ]] || die "no recording in $WORK/stub.jfr"

timeout 300 "$JFR" print --json --stack-depth 256 --events jdk.ExecutionSample "$WORK/stub.jfr" >"$WORK/samples.json"
timeout 120 "$JFR" print --json --events jdk.GarbageCollection,jdk.CPULoad "$WORK/stub.jfr" >"$WORK/gc-cpu.json"
node "$BENCH_DIR/profile-report.mjs" "$WORK/samples.json" "$WORK/gc-cpu.json" "$OUT" "$WRK_LAST" "$((c1 - c0))" "$busy"
