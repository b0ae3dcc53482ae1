# shellcheck shell=bash disable=SC2034 # (the variables it sets are read by the scripts that source it)
# Shared by the scripts of server-stub/bench/ (run.sh, tune-peers.sh, profile.sh); sourced, not run.
#
# The caller sets BENCH_DIR, ROOT (and cd's there), WORK (its scratch folder under server-stub/target/)
# and JAVA before sourcing. What this file provides:
#   - process handling: every server runs in a session of its own (setsid), so that stopping it stops its
#     whole process group; wrk and the helper loops run in the background and are waited for, so that
#     signals act at once; the EXIT trap stops exactly the processes this script started, nothing else;
#   - the tools: wrk (apt-get when missing and root), the stub jar (Maven wrapper when missing), Prism
#     (npm ci when missing), WireMock standalone (Maven Central through the Maven wrapper, pinned and
#     checked by SHA-256);
#   - measuring: launch-to-first-201, resident memory and CPU time of a process group, wrk runs that
#     count the answers by status, and how much CPU other processes took meanwhile.

BUILT_JAR=server-stub/target/cce-nodepool-stub.jar
BUILT_DOC=openapi/target/classes/cce-nodepool/openapi.yaml
BODY_SRC=openapi/examples/cce-cluster-request.json
RESPONSE_SRC=openapi/examples/cce-cluster-response.json
PRISM=node_modules/.bin/prism
LUA=$BENCH_DIR/post.lua
TOKEN=bench-token
OPERATION=/api/v3/projects/bench-project/clusters/bench-cluster/nodepools

# WireMock standalone, pinned: the version and the SHA-256 of its jar on Maven Central.
WIREMOCK_VERSION=3.13.2
WIREMOCK_SHA256=d097b19bd483c5038479b13a5c71e9faf8f2f5106584f0c120a7770ab0bdb367
WIREMOCK_JAR=server-stub/target/bench-tools/wiremock-standalone-$WIREMOCK_VERSION.jar
DEPENDENCY_PLUGIN=org.apache.maven.plugins:maven-dependency-plugin:3.11.0 # as pinned in the root pom.xml
# async-profiler for profile.sh: its Linux x64 build as published on Maven Central (a jar holding the agent).
ASYNC_PROFILER_VERSION=4.1
ASYNC_PROFILER_SHA256=d4d74707248527b024abeb5d5d4e270e4b4ba4ededc061941795a0f67d3bd706
ASYNC_PROFILER_JAR=server-stub/target/bench-tools/async-profiler-$ASYNC_PROFILER_VERSION-linux-x64.jar
ASYNC_PROFILER_LIB=server-stub/target/bench-tools/async-profiler-$ASYNC_PROFILER_VERSION/libasyncProfiler.so

# ---------------------------------------------------------------- processes and cleanup
RUNNING=() # process group IDs of the running servers
WRK_PID=""
HELPERS=() # PIDs of background helper loops (reset loop, RSS sampler)
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
stop_helper() { # pid
  local pid=$1 i rest=()
  for i in "${HELPERS[@]}"; do [[ $i == "$pid" ]] || rest+=("$i"); done
  HELPERS=("${rest[@]}")
  kill -TERM "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}
cleanup() {
  local status=$? pgid pid
  trap - EXIT INT TERM
  if [[ -n $WRK_PID ]]; then kill -TERM "$WRK_PID" 2>/dev/null || true; wait "$WRK_PID" 2>/dev/null || true; fi
  for pid in "${HELPERS[@]}"; do stop_helper "$pid"; done
  for pgid in "${RUNNING[@]}"; do stop_group "$pgid"; done
  exit "$status"
}
trap cleanup EXIT
trap 'echo "$SCRIPT_NAME: interrupted" >&2; exit 130' INT
trap 'echo "$SCRIPT_NAME: terminated" >&2; exit 143' TERM

die() { echo "$SCRIPT_NAME: $*" >&2; exit 2; }
now_ms() { local t=${EPOCHREALTIME/[^0-9]/}; echo $((t / 1000)); }
json_str() { node -e 'process.stdout.write(JSON.stringify(process.argv[1]))' "$1"; }

# ---------------------------------------------------------------- the tools
ensure_wrk() {
  command -v wrk >/dev/null && return 0
  if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
    echo "== installing wrk (apt-get)"
    export DEBIAN_FRONTEND=noninteractive
    timeout 600 apt-get update -q
    timeout 600 apt-get install -y -q wrk
  else
    die "wrk is not installed (Debian/Ubuntu: sudo apt-get install wrk)"
  fi
}
ensure_stub_jar() { # [force]
  if [[ ${1:-0} == 1 || ! -f $BUILT_JAR || ! -f $BUILT_DOC ]]; then
    echo "== building the stub: ./mvnw -B -q -DskipTests -pl server-stub -am package"
    timeout 1800 ./mvnw -B -q -DskipTests -pl server-stub -am package
  fi
  [[ -f $BUILT_JAR ]] || die "$BUILT_JAR is missing after the build"
}
ensure_prism() {
  if [[ ! -x $PRISM ]]; then
    echo "== installing the node tools: node openapi/scripts/npm-ci-if-changed.mjs"
    timeout 900 node openapi/scripts/npm-ci-if-changed.mjs
  fi
  [[ -x $PRISM ]] || die "$PRISM is missing (npm ci did not install @stoplight/prism-cli)"
}
# WireMock standalone from Maven Central, through the Maven wrapper (the local repository ~/.m2 caches
# it: it is downloaded once, never installed); copied to server-stub/target/bench-tools/ and checked.
ensure_wiremock() {
  if [[ ! -f $WIREMOCK_JAR ]]; then
    echo "== fetching WireMock $WIREMOCK_VERSION: ./mvnw -N $DEPENDENCY_PLUGIN:copy -Dartifact=org.wiremock:wiremock-standalone:$WIREMOCK_VERSION"
    mkdir -p "$(dirname "$WIREMOCK_JAR")"
    timeout 600 ./mvnw -B -q -N "$DEPENDENCY_PLUGIN:copy" -Dartifact="org.wiremock:wiremock-standalone:$WIREMOCK_VERSION" \
      -DoutputDirectory="$(dirname "$WIREMOCK_JAR")" || die "cannot fetch org.wiremock:wiremock-standalone:$WIREMOCK_VERSION"
  fi
  local sum
  sum=$(sha256sum "$WIREMOCK_JAR" | cut -d' ' -f1)
  [[ $sum == "$WIREMOCK_SHA256" ]] || { rm -f "$WIREMOCK_JAR"; die "$WIREMOCK_JAR has SHA-256 $sum, expected $WIREMOCK_SHA256"; }
}
# async-profiler's agent (tools.profiler:async-profiler, classifier linux-x64) from Maven Central, as
# WireMock above: fetched once, checked, its libasyncProfiler.so unpacked into server-stub/target/bench-tools/.
ensure_async_profiler() {
  [[ $(uname -s)-$(uname -m) == Linux-x86_64 ]] || die "profile.sh needs Linux on x86-64 (async-profiler's linux-x64 build)"
  if [[ ! -f $ASYNC_PROFILER_JAR ]]; then
    echo "== fetching async-profiler $ASYNC_PROFILER_VERSION: ./mvnw -N $DEPENDENCY_PLUGIN:copy -Dartifact=tools.profiler:async-profiler:$ASYNC_PROFILER_VERSION:jar:linux-x64"
    mkdir -p "$(dirname "$ASYNC_PROFILER_JAR")"
    timeout 600 ./mvnw -B -q -N "$DEPENDENCY_PLUGIN:copy" \
      -Dartifact="tools.profiler:async-profiler:$ASYNC_PROFILER_VERSION:jar:linux-x64" \
      -DoutputDirectory="$(dirname "$ASYNC_PROFILER_JAR")" || die "cannot fetch tools.profiler:async-profiler:$ASYNC_PROFILER_VERSION"
  fi
  local sum
  sum=$(sha256sum "$ASYNC_PROFILER_JAR" | cut -d' ' -f1)
  [[ $sum == "$ASYNC_PROFILER_SHA256" ]] \
    || { rm -f "$ASYNC_PROFILER_JAR"; die "$ASYNC_PROFILER_JAR has SHA-256 $sum, expected $ASYNC_PROFILER_SHA256"; }
  if [[ ! -f $ASYNC_PROFILER_LIB ]]; then
    mkdir -p "$(dirname "$ASYNC_PROFILER_LIB")"
    unzip -p "$ASYNC_PROFILER_JAR" linux-x64/libasyncProfiler.so >"$ASYNC_PROFILER_LIB.tmp" && mv "$ASYNC_PROFILER_LIB.tmp" "$ASYNC_PROFILER_LIB"
  fi
}
# The WireMock root folder: one stub mapping answering POST <operation> (any project, any cluster) with
# 201 and the documented CCE response (openapi/examples/cce-cluster-response.json) byte for byte, kept
# in the mapping (in memory) rather than as a body file (read from disk on every request).
make_wiremock_root() { # folder
  mkdir -p "$1/mappings" "$1/__files"
  node -e '
    const fs = require("fs");
    const [out, responseFile] = process.argv.slice(1);
    const mapping = {
      request: { method: "POST", urlPathPattern: "/api/v3/projects/[^/]+/clusters/[^/]+/nodepools" },
      response: { status: 201, headers: { "Content-Type": "application/json" }, body: fs.readFileSync(responseFile, "utf8") },
    };
    fs.writeFileSync(out, JSON.stringify(mapping, null, 2) + "\n");
  ' "$1/mappings/create-node-pool.json" "$RESPONSE_SRC"
}

# ---------------------------------------------------------------- measuring
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
cpu_busy() { # percent of the CPUs busy during $1 seconds (call it while the benchmark is idle)
  local a b total=0 i
  read -ra a < <(head -n 1 /proc/stat)
  sleep "$1"
  read -ra b < <(head -n 1 /proc/stat)
  for i in 1 2 3 4 5 6 7 8; do total=$((total + b[i] - a[i])); done
  local idle=$((b[4] - a[4] + b[5] - a[5]))
  echo $((total > 0 ? 100 - 100 * idle / total : 0))
}
busy_processes() { # the busiest other processes right now, for the message that refuses a busy machine
  ps -e -o pid=,pcpu=,comm= --sort=-pcpu | awk -v me=$$ '$1 != me && $2 > 5 { printf "      pid %s %s%% %s\n", $1, $2, $3 }' | head -n 5
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

# start_cmd NAME LOG COMMAND...: launches COMMAND (the word PORT in it is replaced by a free port) in a
# session of its own and polls until it answers 201 to the benchmark request (or dies); sets
# SERVER_PGID, PORT, STARTUP_MS (launch to the first 201) and RSS_FIRST_KB.
start_cmd() {
  local name=$1 log=$2 t0 t1 code last="none" deadline url remaining cmd=() w
  shift 2
  PORT=$(free_port)
  for w in "$@"; do cmd+=("${w//PORT/$PORT}"); done
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
      die "$name exited before its first 201: ${cmd[*]}"
    fi
    if (($(now_ms) > deadline)); then
      echo "--- $log" >&2; tail -n 30 "$log" >&2
      die "$name answered no 201 within ${START_TIMEOUT}s (last answer: $last): ${cmd[*]}"
    fi
    sleep "$POLL"
  done
  t1=$(now_ms)
  RSS_FIRST_KB=$(rss_kb "$SERVER_PGID")
  STARTUP_MS=$((t1 - t0))
  [[ $(ps -o pgid= -p "$SERVER_PGID" | tr -d ' ') == "$SERVER_PGID" ]] \
    || die "$name: process $SERVER_PGID does not lead a process group of its own"
}

# wrk_run NAME PHASE TAG SECONDS PORT [CONNECTIONS]: one wrk run with post.lua; sets WRK_LAST (its
# result, JSON). TAG makes the names of the node pools of this run unique (lowercase letters, digits).
wrk_run() {
  local name=$1 phase=$2 tag=$3 seconds=$4 port=$5 connections=${6:-$CONNECTIONS} out line
  out=$WORK/wrk-$1-$2.txt
  BENCH_BODY_FILE="$ROOT/$BODY" BENCH_TOKEN=$TOKEN BENCH_RUN_TAG=$tag \
    timeout --kill-after=5 $((seconds + 30)) \
    wrk -t "$THREADS" -c "$connections" -d "${seconds}s" --timeout 5s -s "$LUA" "http://127.0.0.1:$port$OPERATION" \
    >"$out" 2>&1 &
  WRK_PID=$!
  wait "$WRK_PID" || { WRK_PID=""; cat "$out" >&2; die "wrk failed against $name ($phase)"; }
  WRK_PID=""
  line=$(grep '^WRK-RESULT ' "$out" | tail -n 1) || { cat "$out" >&2; die "wrk printed no result against $name ($phase)"; }
  WRK_LAST=${line#WRK-RESULT }
}
# One line about a wrk result: req/s, p50, p99, server CPU per request, answers by status, socket errors.
wrk_line() { # label wrk-json server-cpu-ms [other-cpus]
  node -e '
    const [label, json, cpu, foreign] = process.argv.slice(1); const r = JSON.parse(json);
    const s = Object.entries(r.statuses).map(([k, v]) => k + ":" + v).join(" ");
    const e = Object.entries(r.errors).filter(([, v]) => v > 0).map(([k, v]) => k + ":" + v).join(" ") || "none";
    console.log(`   ${label.padEnd(24)} ${r.requestsPerSecond.toFixed(0).padStart(6)} req/s`
      + `  p50 ${(r.latencyMicros.p50 / 1000).toFixed(2)} ms  p99 ${(r.latencyMicros.p99 / 1000).toFixed(2)} ms`
      + `  server CPU ${r.requests ? (cpu * 1000 / r.requests).toFixed(0) : "?"} us/req  answers ${s}  socket errors ${e}`
      + (foreign ? `  other processes ${foreign} CPUs` : ""));
  ' "$1" "$2" "$3" "${4:-}"
}

# The snapshot of the stub: a copy of the built jar and the bundled document inside it (Prism serves
# that same file). Builds running meanwhile would otherwise rewrite the jar and the document under the
# servers (and Prism restarts, dropping its connections, whenever its document changes).
snapshot_stub() {
  JAR=$WORK/cce-nodepool-stub.jar
  DOC=$WORK/openapi.yaml
  BODY=$WORK/cce-cluster-request.json
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
    echo "$SCRIPT_NAME: note: the document in $BUILT_JAR differs from $BUILT_DOC; both servers use the jar's" >&2
  fi
}
