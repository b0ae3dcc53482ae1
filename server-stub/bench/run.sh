#!/usr/bin/env bash
# Benchmark of the stub against Prism's mock: both serve the same bundled contract on 127.0.0.1 and
# are driven with the same request, the documented CCE cluster request
# (openapi/examples/cce-cluster-request.json, 2.4 KB) with an X-Auth-Token.
#
#   server-stub/bench/run.sh            (from any directory; --help lists the settings)
#
# Measures the stub (`java -jar cce-nodepool-stub.jar`), the stub with an AppCDS archive, and Prism
# (`node_modules/.bin/prism mock <bundled document>`, the version pinned in package.json):
#   1. startup: BENCH_RUNS launches of each, interleaved; the time from launch to the first 201
#      answered to a curl loop polling every BENCH_POLL s; resident memory right then and 1 s later;
#   2. throughput: the servers run side by side; each is warmed up (BENCH_WARMUP s of wrk), then
#      BENCH_ROUNDS rounds take turns: wrk -t BENCH_THREADS -c BENCH_CONNECTIONS -d BENCH_DURATION
#      against one server after the other. Every request carries its own metadata.name
#      (bench/post.lua: the stub answers 409 to a second pool of one name), every answer must be 201.
# Prints the figures, the ratios and PASS/FAIL per target, writes them as JSON to
# server-stub/target/bench-results.json. Exit code 0: every target met; 1: a target missed; 2: the
# benchmark could not run or saw an answer other than 201 or a socket error.
#
# What runs is a snapshot taken at the start in server-stub/target/bench/: a copy of the built jar,
# the bundled document inside it (the one the stub validates with; Prism gets the same file), and an
# AppCDS archive made for the copy by the build's own training run. Builds running meanwhile would
# otherwise rewrite the jar and the document under the servers (and Prism restarts, dropping its
# connections, whenever its document changes).
set -euo pipefail

usage() {
  cat <<'EOF'
Usage: server-stub/bench/run.sh [--help]

Settings (environment variables, defaults in brackets):
  BENCH_RUNS=7            startup runs per server
  BENCH_POLL=0.02         seconds between two polls while waiting for the first 201
  BENCH_START_TIMEOUT=30  seconds a server may take to answer its first 201
  BENCH_THREADS=2         wrk threads
  BENCH_CONNECTIONS=16    wrk connections
  BENCH_DURATION=10       seconds of each measured wrk run
  BENCH_ROUNDS=2          measured wrk runs per server, taking turns with the other servers
  BENCH_WARMUP=5          seconds of wrk warm-up per server before the rounds (0: none)
  BENCH_CDS=auto          auto: also measure the stub's startup with an AppCDS archive (made by the
                          build's training run); 0: never; 1: required
  BENCH_PRISM_QUIET=1     1: also measure Prism with `-v error` (no log line per request), for information
  BENCH_STUB_RESET=1      1: also measure the stub with POST /__admin/reset every 0.5 s while wrk runs
                          (it then holds few node pools), for information
  BENCH_BUILD=0           1: build the stub with the Maven wrapper even if the jar exists
  BENCH_OUT=server-stub/target/bench-results.json
  JAVA=java               the java launcher
Targets: median startup to the first 201 <= 1000 ms and <= 0.5 x Prism's; throughput >= 3 x Prism's
(requests of all rounds / their time); resident memory after start < 128 MiB (every startup run).
Exit codes: 0 every target met, 1 a target missed, 2 the benchmark could not run or saw errors.
EOF
}
if [[ ${1:-} == --help || ${1:-} == -h ]]; then usage; exit 0; fi
if [[ $# -gt 0 ]]; then echo "run.sh: unexpected argument '$1' (settings are environment variables; see --help)" >&2; exit 2; fi

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$BENCH_DIR/../.." && pwd)
cd "$ROOT"

RUNS=${BENCH_RUNS:-7}
POLL=${BENCH_POLL:-0.02}
START_TIMEOUT=${BENCH_START_TIMEOUT:-30}
THREADS=${BENCH_THREADS:-2}
CONNECTIONS=${BENCH_CONNECTIONS:-16}
DURATION=${BENCH_DURATION:-10}
ROUNDS=${BENCH_ROUNDS:-2}
WARMUP=${BENCH_WARMUP:-5}
CDS=${BENCH_CDS:-auto}
PRISM_QUIET=${BENCH_PRISM_QUIET:-1}
STUB_RESET=${BENCH_STUB_RESET:-1}
BUILD=${BENCH_BUILD:-0}
OUT=${BENCH_OUT:-$ROOT/server-stub/target/bench-results.json}
JAVA=${JAVA:-java}
for n in RUNS START_TIMEOUT THREADS CONNECTIONS DURATION ROUNDS WARMUP; do
  [[ ${!n} =~ ^[0-9]+$ ]] || { echo "run.sh: BENCH_$n must be a whole number, got '${!n}'" >&2; exit 2; }
done
((RUNS >= 1 && DURATION >= 1 && ROUNDS >= 1 && THREADS >= 1 && CONNECTIONS >= THREADS)) \
  || { echo "run.sh: need BENCH_RUNS, BENCH_DURATION, BENCH_ROUNDS >= 1 and BENCH_CONNECTIONS >= BENCH_THREADS >= 1" >&2; exit 2; }
[[ $POLL =~ ^[0-9]*\.?[0-9]+$ ]] || { echo "run.sh: BENCH_POLL must be a number of seconds" >&2; exit 2; }
[[ $CDS =~ ^(auto|0|1)$ ]] || { echo "run.sh: BENCH_CDS must be auto, 0 or 1" >&2; exit 2; }

BUILT_JAR=server-stub/target/cce-nodepool-stub.jar
BUILT_DOC=openapi/target/classes/cce-nodepool/openapi.yaml
BODY_SRC=openapi/examples/cce-cluster-request.json
PRISM=node_modules/.bin/prism
LUA=$BENCH_DIR/post.lua
TOKEN=bench-token
OPERATION=/api/v3/projects/bench-project/clusters/bench-cluster/nodepools
WORK=server-stub/target/bench
JAR=$WORK/cce-nodepool-stub.jar # the snapshot (see the head of this file)
JSA=$WORK/cce-nodepool-stub.jsa
DOC=$WORK/openapi.yaml
BODY=$WORK/cce-cluster-request.json
RECORDS=$WORK/records.jsonl
STUB_CONFIG=$WORK/stub-bench.yaml

# ---------------------------------------------------------------- processes and cleanup
# Every server runs in a session of its own (setsid): stopping it stops its whole process group.
# wrk and the reset loop run in the background and are waited for, so that signals act at once.
RUNNING=() # process group IDs of the running servers
WRK_PID=""
RESET_PID=""
stop_group() {
  local pgid=$1 i rest=()
  for i in "${RUNNING[@]}"; do [[ $i == "$pgid" ]] || rest+=("$i"); done
  RUNNING=("${rest[@]}")
  kill -TERM -- "-$pgid" 2>/dev/null || true
  for ((i = 0; i < 50; i++)); do
    kill -0 -- "-$pgid" 2>/dev/null || break
    sleep 0.1
  done
  kill -KILL -- "-$pgid" 2>/dev/null || true
  wait "$pgid" 2>/dev/null || true
}
stop_reset_loop() {
  if [[ -n $RESET_PID ]]; then kill -TERM "$RESET_PID" 2>/dev/null || true; wait "$RESET_PID" 2>/dev/null || true; fi
  RESET_PID=""
}
cleanup() {
  local status=$? pgid
  trap - EXIT INT TERM
  if [[ -n $WRK_PID ]]; then kill -TERM "$WRK_PID" 2>/dev/null || true; wait "$WRK_PID" 2>/dev/null || true; fi
  stop_reset_loop
  for pgid in "${RUNNING[@]}"; do stop_group "$pgid"; done
  exit "$status"
}
trap cleanup EXIT
trap 'echo "run.sh: interrupted" >&2; exit 130' INT
trap 'echo "run.sh: terminated" >&2; exit 143' TERM

die() { echo "run.sh: $*" >&2; exit 2; }
now_ms() { local t=${EPOCHREALTIME/[^0-9]/}; echo $((t / 1000)); }

# ---------------------------------------------------------------- prerequisites
for tool in curl node "$JAVA" setsid timeout; do command -v "$tool" >/dev/null || die "'$tool' is not installed"; done
if ! command -v wrk >/dev/null; then
  if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
    echo "== installing wrk (apt-get)"
    export DEBIAN_FRONTEND=noninteractive
    timeout 600 apt-get update -q
    timeout 600 apt-get install -y -q wrk
  else
    die "wrk is not installed (Debian/Ubuntu: sudo apt-get install wrk)"
  fi
fi
if [[ $BUILD == 1 || ! -f $BUILT_JAR || ! -f $BUILT_DOC ]]; then
  echo "== building the stub: ./mvnw -B -q -DskipTests -pl server-stub -am package"
  timeout 1800 ./mvnw -B -q -DskipTests -pl server-stub -am package
fi
[[ -f $BUILT_JAR ]] || die "$BUILT_JAR is missing after the build"
if [[ ! -x $PRISM ]]; then
  echo "== installing the node tools: node openapi/scripts/npm-ci-if-changed.mjs"
  timeout 900 node openapi/scripts/npm-ci-if-changed.mjs
fi
[[ -x $PRISM ]] || die "$PRISM is missing (npm ci did not install @stoplight/prism-cli)"

# ---------------------------------------------------------------- the snapshot
rm -rf "$WORK" # the snapshot, logs and records of the previous run
mkdir -p "$WORK" "$(dirname "$OUT")"
: >"$RECORDS"
cp -p "$BUILT_JAR" "$JAR"
cp "$BODY_SRC" "$BODY"
if command -v unzip >/dev/null; then
  unzip -p "$JAR" cce-nodepool/openapi.yaml >"$DOC" || die "no cce-nodepool/openapi.yaml in $BUILT_JAR"
else
  (cd "$WORK" && jar xf cce-nodepool-stub.jar cce-nodepool/openapi.yaml && mv cce-nodepool/openapi.yaml . && rmdir cce-nodepool) \
    || die "cannot extract cce-nodepool/openapi.yaml from $BUILT_JAR (neither unzip nor jar works)"
fi
[[ -s $DOC ]] || die "cce-nodepool/openapi.yaml of $BUILT_JAR is empty"
DOC_SAME=true
if [[ ! -f $BUILT_DOC ]] || ! cmp -s "$DOC" "$BUILT_DOC"; then
  DOC_SAME=false
  echo "run.sh: note: the document in $BUILT_JAR differs from $BUILT_DOC; both servers use the jar's" >&2
fi
# Every wrk request creates a node pool: let the stub hold them all (its default is 10,000).
printf 'maxNodePools: 2000000000\n' >"$STUB_CONFIG"

CDS_STATE=off
if [[ $CDS != 0 ]]; then
  # The training run of the build (server-stub/pom.xml, execution appcds-archive), for the copy.
  timeout 120 "$JAVA" -XX:+IgnoreUnrecognizedVMOptions -XX:ArchiveClassesAtExit="$JSA" -Xlog:cds=off -Xlog:cds+dynamic=off \
    -jar "$JAR" --cds-training-run >"$WORK/cds-training.log" 2>&1 || true
  if [[ -f $JSA ]] && timeout 30 "$JAVA" -XX:SharedArchiveFile="$JSA" -Xshare:on -jar "$JAR" --version >/dev/null 2>&1; then
    CDS_STATE=on
  else
    CDS_STATE=unusable
    [[ $CDS == 1 ]] && die "the AppCDS training run wrote no usable archive (see $WORK/cds-training.log)"
    echo "run.sh: note: the AppCDS training run wrote no usable archive (see $WORK/cds-training.log); no CDS row" >&2
  fi
fi

# ---------------------------------------------------------------- helpers
CLK_TCK=$(getconf CLK_TCK)
free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close();});'
}
rss_kb() { # resident memory of a process group, KiB
  ps -e -o pgid=,rss= | awk -v g="$1" '$1 == g { s += $2 } END { print s + 0 }'
}
group_cpu_ms() { # CPU time of the processes of a process group (and of their waited-for children)
  local pid stat f total=0
  for pid in $(ps -e -o pgid=,pid= | awk -v g="$1" '$1 == g { print $2 }'); do
    stat=$(cat "/proc/$pid/stat" 2>/dev/null) || continue
    read -ra f <<<"${stat##*) }" # fields from the 3rd on: utime is the 14th
    total=$((total + f[11] + f[12] + f[13] + f[14]))
  done
  echo $((total * 1000 / CLK_TCK))
}
record() { printf '%s\n' "$1" >>"$RECORDS"; }
json_str() { node -e 'process.stdout.write(JSON.stringify(process.argv[1]))' "$1"; }
cpu_busy() { # percent of the CPUs busy during $1 seconds (call it while the benchmark is idle)
  local a b total=0 i
  read -ra a < <(head -n 1 /proc/stat)
  sleep "$1"
  read -ra b < <(head -n 1 /proc/stat)
  for i in 1 2 3 4 5 6 7 8; do total=$((total + b[i] - a[i])); done
  local idle=$((b[4] - a[4] + b[5] - a[5]))
  echo $((total > 0 ? 100 - 100 * idle / total : 0))
}
# How much CPU other processes took during a phase: busy time of all CPUs (/proc/stat: user, nice,
# system, steal; not irq and softirq, where the kernel accounts loopback traffic) less the CPU time
# of this script, its waited-for children (`times`) and its running servers. cpu_mark sets MARK to
# "<wall ms> <busy ms> <our ms>"; it must not run in a subshell (`times` is per process).
cpu_mark() {
  local cpu total=0 i ours=0 t pgid
  read -ra cpu < <(head -n 1 /proc/stat)
  for i in 1 2 3 8; do total=$((total + cpu[i])); done
  times >"$WORK/times.txt"
  while read -r t; do
    [[ $t =~ ^([0-9]+)m([0-9]+)\.([0-9]{3})s$ ]] || continue
    ours=$((ours + 10#${BASH_REMATCH[1]} * 60000 + 10#${BASH_REMATCH[2]} * 1000 + 10#${BASH_REMATCH[3]}))
  done < <(tr ' ' '\n' <"$WORK/times.txt")
  for pgid in "${RUNNING[@]}"; do ours=$((ours + $(group_cpu_ms "$pgid"))); done
  MARK="$(now_ms) $((total * 1000 / CLK_TCK)) $ours"
}
foreign_cpus() { # MARK-before MARK-after -> CPUs other processes kept busy, on average
  local a b
  read -ra a <<<"$1"
  read -ra b <<<"$2"
  node -e 'const [w, t, o] = process.argv.slice(1).map(Number); console.log(Math.max(0, (t - o) / w).toFixed(2));' \
    $((b[0] - a[0])) $((b[1] - a[1])) $((b[2] - a[2]))
}

# Command lines. Startup runs start the stub as its README shows (`java -jar ... --port N`); the
# load runs add --config with a large maxNodePools.
variant_cmd() { # variant port [config] -> one argument a line
  local variant=$1 port=$2 config=()
  if [[ -n ${3:-} ]]; then config=(--config "$3"); fi
  case $variant in
    stub) printf '%s\n' "$JAVA" -jar "$JAR" "${config[@]}" --port "$port" ;;
    stub-cds) printf '%s\n' "$JAVA" -XX:SharedArchiveFile="$JSA" -jar "$JAR" "${config[@]}" --port "$port" ;;
    prism) printf '%s\n' "$PRISM" mock "$DOC" -h 127.0.0.1 -p "$port" ;;
    prism-quiet) printf '%s\n' "$PRISM" mock "$DOC" -h 127.0.0.1 -p "$port" -v error ;;
    *) die "unknown variant $variant" ;;
  esac
}
display_cmd() { variant_cmd "$1" PORT "${2:-}" | paste -sd' ' -; }

# start_server VARIANT LOG [CONFIG]: launches it, polls until the first 201 (or dies); sets
# SERVER_PGID, PORT, STARTUP_MS (launch to first 201) and RSS_FIRST_KB.
start_server() {
  local variant=$1 log=$2 cmd t0 t1 code last="none" deadline url remaining
  PORT=$(free_port)
  mapfile -t cmd < <(variant_cmd "$variant" "$PORT" "${3:-}")
  url="http://127.0.0.1:$PORT$OPERATION"
  t0=$(now_ms)
  NO_COLOR=1 FORCE_COLOR=0 setsid "${cmd[@]}" >"$log" 2>&1 </dev/null &
  SERVER_PGID=$!
  RUNNING+=("$SERVER_PGID")
  deadline=$((t0 + START_TIMEOUT * 1000))
  while :; do
    # A request that reached the server is waited for until the deadline: given up, it could still
    # create the node pool, and every later poll would get a 409.
    remaining=$(((deadline - $(now_ms)) / 1000 + 1))
    code=$(curl -s -o /dev/null -w '%{http_code}' --connect-timeout 1 --max-time "$remaining" -X POST \
      -H 'Content-Type: application/json' -H "X-Auth-Token: $TOKEN" --data-binary "@$BODY" "$url" 2>/dev/null) || true
    [[ $code == 201 ]] && break
    if [[ -n $code && $code != 000 ]]; then last=$code; fi
    if ! kill -0 "$SERVER_PGID" 2>/dev/null; then
      echo "--- $log" >&2; tail -n 30 "$log" >&2
      die "$variant exited before its first 201: ${cmd[*]}"
    fi
    if (($(now_ms) > deadline)); then
      echo "--- $log" >&2; tail -n 30 "$log" >&2
      die "$variant answered no 201 within ${START_TIMEOUT}s (last answer: $last): ${cmd[*]}"
    fi
    sleep "$POLL"
  done
  t1=$(now_ms)
  RSS_FIRST_KB=$(rss_kb "$SERVER_PGID")
  STARTUP_MS=$((t1 - t0))
  [[ $(ps -o pgid= -p "$SERVER_PGID" | tr -d ' ') == "$SERVER_PGID" ]] \
    || die "$variant: process $SERVER_PGID does not lead a process group of its own"
}

# wrk_run VARIANT PHASE TAG SECONDS PORT: one wrk run; sets WRK_LAST (its result, JSON), records it.
wrk_run() {
  local variant=$1 phase=$2 tag=$3 seconds=$4 port=$5 out=$WORK/wrk-$1-$2.txt line
  BENCH_BODY_FILE="$ROOT/$BODY" BENCH_TOKEN=$TOKEN BENCH_RUN_TAG=$tag \
    timeout --kill-after=5 $((seconds + 30)) \
    wrk -t "$THREADS" -c "$CONNECTIONS" -d "${seconds}s" --timeout 5s -s "$LUA" "http://127.0.0.1:$port$OPERATION" \
    >"$out" 2>&1 &
  WRK_PID=$!
  wait "$WRK_PID" || { WRK_PID=""; cat "$out" >&2; die "wrk failed against $variant ($phase)"; }
  WRK_PID=""
  line=$(grep '^WRK-RESULT ' "$out" | tail -n 1) || { cat "$out" >&2; die "wrk printed no result against $variant ($phase)"; }
  WRK_LAST=${line#WRK-RESULT }
  record "{\"kind\":\"load\",\"variant\":\"$variant\",\"phase\":\"$phase\",\"wrk\":$WRK_LAST}"
}
reset_stub() { # port
  local code
  code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 -X POST "http://127.0.0.1:$1/__admin/reset") || true
  [[ $code == 200 ]] || die "POST /__admin/reset answered ${code:-nothing}"
}

# ---------------------------------------------------------------- the run
STARTUP_VARIANTS=(stub)
if [[ $CDS_STATE == on ]]; then STARTUP_VARIANTS+=(stub-cds); fi
STARTUP_VARIANTS+=(prism)
SERVERS=(stub prism) # the processes of the throughput phase
if [[ $PRISM_QUIET == 1 ]]; then SERVERS+=(prism-quiet); fi
LOAD_VARIANTS=(stub prism) # the measured runs of a round, in order; stub-reset is the stub's process
if [[ $STUB_RESET == 1 ]]; then LOAD_VARIANTS+=(stub-reset); fi
if [[ $PRISM_QUIET == 1 ]]; then LOAD_VARIANTS+=(prism-quiet); fi

busy_before=$(cpu_busy 3)
git_rev=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
git_dirty=$([[ -n $(git status --porcelain 2>/dev/null) ]] && echo true || echo false)
jar_sha=$(sha256sum "$JAR" | cut -c1-16)
built_jar_time=$(date -u -r "$BUILT_JAR" +%Y-%m-%dT%H:%M:%SZ)
prism_version=$(node -p 'require("./node_modules/@stoplight/prism-cli/package.json").version' 2>/dev/null || echo unknown)
java_version=$("$JAVA" -version 2>&1 | sed -n 2p)
cpu_model=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || echo unknown)
mem_mb=$(awk '/^MemTotal/ { print int($2 / 1024) }' /proc/meminfo 2>/dev/null || echo 0)
record "$(printf '{"kind":"env","date":%s,"host":{"cpus":%s,"cpu":%s,"memMb":%s,"kernel":%s},"java":%s,"node":%s,"prism":%s,"wrk":%s,"git":{"commit":%s,"dirty":%s},"jarSha256":%s,"jarBuiltAt":%s,"documentSameAsBuilt":%s,"loadAverageAtStart":%s,"cpuBusyPercentBefore":%s,"settings":{"runs":%s,"poll":%s,"threads":%s,"connections":%s,"durationSeconds":%s,"rounds":%s,"warmupSeconds":%s,"cds":%s,"token":%s,"body":%s,"bodyBytes":%s,"operation":%s},"commands":{"startup":{"stub":%s,"stub-cds":%s,"prism":%s},"load":{"stub":%s,"stub-reset":%s,"prism":%s,"prism-quiet":%s},"stubConfig":%s}}' \
  "$(json_str "$(date -u +%Y-%m-%dT%H:%M:%SZ)")" "$(nproc)" "$(json_str "$cpu_model")" "$mem_mb" "$(json_str "$(uname -sr)")" \
  "$(json_str "$java_version")" "$(json_str "$(node --version)")" "$(json_str "$prism_version")" \
  "$(json_str "$(wrk --version 2>&1 | head -n 1 | cut -d' ' -f1-2)")" "$(json_str "$git_rev")" "$git_dirty" \
  "$(json_str "$jar_sha")" "$(json_str "$built_jar_time")" "$DOC_SAME" \
  "$(json_str "$(cut -d' ' -f1-3 /proc/loadavg)")" "$busy_before" \
  "$RUNS" "$POLL" "$THREADS" "$CONNECTIONS" "$DURATION" "$ROUNDS" "$WARMUP" \
  "$(json_str "$CDS_STATE")" "$(json_str "$TOKEN")" "$(json_str "$BODY_SRC")" "$(wc -c <"$BODY")" "$(json_str "$OPERATION")" \
  "$(json_str "$(display_cmd stub)")" "$(json_str "$(display_cmd stub-cds)")" "$(json_str "$(display_cmd prism)")" \
  "$(json_str "$(display_cmd stub "$STUB_CONFIG")")" \
  "$(json_str "$(display_cmd stub "$STUB_CONFIG") + POST /__admin/reset every 0.5 s")" \
  "$(json_str "$(display_cmd prism)")" "$(json_str "$(display_cmd prism-quiet)")" "$(json_str "$(cat "$STUB_CONFIG")")")"

echo "== cce-nodepool-stub benchmark, $(date -u +%Y-%m-%dT%H:%M:%SZ): $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg), CPUs ${busy_before}% busy before the start"
if ((busy_before > 20)); then echo "run.sh: warning: other processes keep the CPUs ${busy_before}% busy; the figures will be disturbed" >&2; fi
echo "   stub:  $(display_cmd stub)"
if [[ $CDS_STATE == on ]]; then echo "   cds:   $(display_cmd stub-cds)"; fi
echo "   prism: $(display_cmd prism)   (Prism $prism_version)"
echo "   body:  $BODY_SRC ($(wc -c <"$BODY") bytes), POST $OPERATION, X-Auth-Token"
echo "   snapshot in $WORK: the jar built $built_jar_time, its bundled document, an AppCDS archive for it"

echo "== startup: $RUNS runs each, launch to first 201 (poll every ${POLL}s)"
cpu_mark
mark=$MARK
for ((run = 1; run <= RUNS; run++)); do
  for variant in "${STARTUP_VARIANTS[@]}"; do
    start_server "$variant" "$WORK/startup-$variant-$run.log"
    sleep 1
    rss_settled=$(rss_kb "$SERVER_PGID")
    stop_group "$SERVER_PGID"
    printf '   run %d %-9s %5d ms   RSS %4d MiB at the first 201, %4d MiB 1 s later\n' \
      "$run" "$variant" "$STARTUP_MS" $((RSS_FIRST_KB / 1024)) $((rss_settled / 1024))
    record "{\"kind\":\"startup\",\"variant\":\"$variant\",\"run\":$run,\"startupMs\":$STARTUP_MS,\"rssFirst201Kb\":$RSS_FIRST_KB,\"rssSettledKb\":$rss_settled}"
  done
done
cpu_mark
foreign=$(foreign_cpus "$mark" "$MARK")
echo "   other processes kept $foreign of $(nproc) CPUs busy on average meanwhile"
record "{\"kind\":\"foreign\",\"phase\":\"startup\",\"cpus\":$foreign}"

echo "== throughput: ${WARMUP}s of warm-up each, then $ROUNDS rounds of wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s: ${LOAD_VARIANTS[*]}"
declare -A PGID_OF PORT_OF RSS_START
for server in "${SERVERS[@]}"; do
  start_server "$server" "$WORK/load-$server.log" "$STUB_CONFIG"
  PGID_OF[$server]=$SERVER_PGID
  PORT_OF[$server]=$PORT
done
sleep 1
for server in "${SERVERS[@]}"; do RSS_START[$server]=$(rss_kb "${PGID_OF[$server]}"); done
if ((WARMUP > 0)); then
  for server in "${SERVERS[@]}"; do wrk_run "$server" warmup w "$WARMUP" "${PORT_OF[$server]}"; done
fi
for ((round = 1; round <= ROUNDS; round++)); do
  for variant in "${LOAD_VARIANTS[@]}"; do
    server=${variant%-reset}
    port=${PORT_OF[$server]}
    tag=m$round
    if [[ $server == stub ]]; then reset_stub "$port"; fi # forget the node pools of earlier runs
    if [[ $variant == stub-reset ]]; then
      tag=r$round
      (while sleep 0.5; do curl -s -o /dev/null --max-time 2 -X POST "http://127.0.0.1:$port/__admin/reset" || true; done) &
      RESET_PID=$!
    fi
    cpu_mark
    mark=$MARK
    server_cpu=$(group_cpu_ms "${PGID_OF[$server]}")
    wrk_run "$variant" "round$round" "$tag" "$DURATION" "$port"
    server_cpu=$(($(group_cpu_ms "${PGID_OF[$server]}") - server_cpu))
    stop_reset_loop
    cpu_mark
    foreign=$(foreign_cpus "$mark" "$MARK")
    record "{\"kind\":\"foreign\",\"phase\":\"round$round-$variant\",\"cpus\":$foreign}"
    record "{\"kind\":\"servercpu\",\"variant\":\"$variant\",\"phase\":\"round$round\",\"cpuMs\":$server_cpu}"
    node -e '
      const [json, name, round, foreign, cpu] = process.argv.slice(1); const r = JSON.parse(json);
      const s = Object.entries(r.statuses).map(([k, v]) => k + ":" + v).join(" ");
      const e = Object.entries(r.errors).filter(([, v]) => v > 0).map(([k, v]) => k + ":" + v).join(" ") || "none";
      console.log(`   round ${round} ${name.padEnd(11)} ${r.requestsPerSecond.toFixed(0).padStart(6)} req/s`
        + `  p50 ${(r.latencyMicros.p50 / 1000).toFixed(2)} ms  p99 ${(r.latencyMicros.p99 / 1000).toFixed(2)} ms`
        + `  server CPU ${(cpu * 1000 / r.requests).toFixed(0)} us/request  answers ${s}  socket errors ${e}`
        + `  other processes ${foreign} CPUs`);
    ' "$WRK_LAST" "$variant" "$round" "$foreign" "$server_cpu"
  done
done
for server in "${SERVERS[@]}"; do
  rss_load=$(rss_kb "${PGID_OF[$server]}")
  record "{\"kind\":\"memory\",\"variant\":\"$server\",\"rssStartKb\":${RSS_START[$server]},\"rssAfterLoadKb\":$rss_load}"
  echo "   $server: RSS $((RSS_START[$server] / 1024)) MiB after start, $((rss_load / 1024)) MiB after the load"
  stop_group "${PGID_OF[$server]}"
done

busy_after=$(cpu_busy 3)
echo "   CPUs ${busy_after}% busy after the end (other processes), load $(cut -d' ' -f1-3 /proc/loadavg)"
record "{\"kind\":\"end\",\"cpuBusyPercentAfter\":$busy_after,\"loadAverageAtEnd\":$(json_str "$(cut -d' ' -f1-3 /proc/loadavg)"),\"jarSha256\":$(json_str "$(sha256sum "$JAR" | cut -c1-16)"),\"builtJarSha256\":$(json_str "$(sha256sum "$BUILT_JAR" | cut -c1-16)")}"
set +e
node "$BENCH_DIR/report.mjs" "$RECORDS" "$OUT"
status=$?
set -e
exit "$status"
