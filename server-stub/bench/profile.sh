#!/usr/bin/env bash
# Where does a request's CPU time go in the stub? Starts the stub (the snapshot of the built jar, as run.sh),
# warms it up with the wrk request of run.sh (bench/post.lua: the documented CCE request, a unique name
# each), then samples PROFILE_DURATION s of the same load with async-profiler (its agent loaded through
# `jcmd JVMTI.agent_load` after the warm-up, so that startup and warm-up are not in the profile; event
# itimer: a stack sample per millisecond of CPU time used by any thread of the JVM, request threads,
# collector, JIT compiler and the time spent in system calls alike), and sorts the samples into the steps
# of a request (bench/profile-report.mjs): HTTP layer, JSON parsing, unknown members, schema validation,
# rules, response building, store, journal, and the collector and the JIT compiler beside them. Prints the
# breakdown as shares and as microseconds of CPU per request, and the hottest methods; writes
# server-stub/target/bench-profile.json and keeps the collapsed stacks
# (server-stub/target/bench-profile/stub.collapsed, for a flame graph tool).
#
#   server-stub/bench/profile.sh [--help]
#
# Why async-profiler and not Java Flight Recorder (which this script used before): JFR samples Java
# threads only, so the collector and the JIT were missing, and it put 35% of its samples into two byte
# loops of the body check that take 2 us of a request's 160 (measured apart); async-profiler samples at
# any instruction. The agent comes from Maven Central (tools.profiler:async-profiler, linux-x64, SHA-256
# pinned in bench/lib.sh) and is only loaded into this script's own stub.
set -euo pipefail

SCRIPT_NAME=profile.sh
usage() {
  cat <<'EOF'
Usage: server-stub/bench/profile.sh [--help]

Settings (environment variables, defaults in brackets):
  PROFILE_DURATION=10     seconds of the recorded wrk run (a round of run.sh)
  PROFILE_WARMUP=10       seconds of wrk before the recording starts
  PROFILE_RESET=0         0: it keeps every pool created (maxNodePools 2,000,000,000, as run.sh's rounds),
                          1: it holds at most a few thousand (POST /__admin/reset every 0.5 s)
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
DURATION=${PROFILE_DURATION:-10}
WARMUP=${PROFILE_WARMUP:-10}
RESET=${PROFILE_RESET:-0}
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
[[ -x $JCMD ]] || die "jcmd of the JDK of '$JAVA' is needed (looked in $(dirname "$JCMD"))"

ensure_wrk
ensure_stub_jar
ensure_async_profiler
AGENT=$ROOT/$ASYNC_PROFILER_LIB
rm -rf "$WORK"
mkdir -p "$WORK"
snapshot_stub
printf 'maxNodePools: 2000000000\n' >"$WORK/stub-bench.yaml"

busy=$(cpu_busy 2)
echo "== profile of the stub, $(date -u +%Y-%m-%dT%H:%M:%SZ): CPUs ${busy}% busy before the start, load $(cut -d' ' -f1-3 /proc/loadavg)"
((busy > 20)) && echo "$SCRIPT_NAME: warning: other processes keep the CPUs busy; the shares are indicative only" >&2
read -ra opts <<<"${PROFILE_JAVA_OPTS:-}"
start_cmd stub "$WORK/stub.log" "$JAVA" -Xmx128m "${opts[@]}" -jar "$JAR" \
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
# jcmd splits its arguments at '=' unless they are quoted: the agent's options go in quotes.
agent() { # options
  timeout 60 "$JCMD" "$pid" "JVMTI.agent_load $AGENT \"$1\"" >>"$WORK/jcmd.txt" 2>&1 \
    || { cat "$WORK/jcmd.txt" >&2; die "jcmd JVMTI.agent_load ($1) failed"; }
}
# As before a round of run.sh: the pools of the warm-up are forgotten.
code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 -X POST "http://127.0.0.1:$PORT/__admin/reset") || true
[[ $code == 200 ]] || die "POST /__admin/reset answered ${code:-nothing}"
agent "start,event=itimer,interval=1ms"
c0=$(group_cpu_ms "$pid")
wrk_run stub recorded m "$DURATION" "$PORT"
c1=$(group_cpu_ms "$pid")
agent "stop,file=$ROOT/$WORK/stub.collapsed,collapsed"
wrk_line "recorded ${DURATION}s" "$WRK_LAST" $((c1 - c0))
for p in "${HELPERS[@]}"; do stop_helper "$p"; done
stop_group "$pid"
[[ -s $WORK/stub.collapsed ]] || die "no profile in $WORK/stub.collapsed (see $WORK/stub.log)"

node "$BENCH_DIR/profile-report.mjs" "$WORK/stub.collapsed" "$OUT" "$WRK_LAST" "$((c1 - c0))" "$busy"
