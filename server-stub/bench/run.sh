#!/usr/bin/env bash
# Benchmark of the stub against its peers, each in its best configuration, in one run, on 127.0.0.1:
#   - Prism's mock (@stoplight/prism-cli, pinned in package.json) serving the same bundled contract and
#     validating every request, with its per-request logging off (-v error): the headline peer;
#   - WireMock standalone (org.wiremock:wiremock-standalone, pinned in bench/lib.sh) answering every
#     POST of the operation with the documented 201 (openapi/examples/cce-cluster-response.json) and
#     validating nothing, with its request journal and request logging off: the floor;
#   - for information, Prism with its defaults (a log line per request), as the earlier runs measured it.
# All are driven with the same request, the documented CCE cluster request
# (openapi/examples/cce-cluster-request.json, 2.4 KB) with an X-Auth-Token and a unique metadata.name.
#
#   server-stub/bench/run.sh [--quick] [--no-sustained] [--allow-busy] [--help]
#
#   1. startup: BENCH_RUNS launches of each (stub with `java -jar`, stub with the AppCDS archive, Prism,
#      WireMock), interleaved; the time from launch to the first 201 answered to a curl loop polling
#      every BENCH_POLL s; resident memory right then and 1 s later;
#   2. throughput: the servers run side by side; each is warmed up (BENCH_WARMUP s of wrk), then
#      BENCH_ROUNDS rounds take turns: wrk -t BENCH_THREADS -c BENCH_CONNECTIONS -d BENCH_DURATION
#      against one server after the other; every answer must be 201. Server CPU time per request,
#      p50/p99 latency per server;
#   3. sustained (on unless --no-sustained): each server afresh, one after the other, BENCH_SUSTAINED_DURATION
#      s (60) of wrk creating unique node pools; the stub started exactly as the README shows
#      (`java -Xmx128m -jar cce-nodepool-stub.jar --port N`, no configuration: after its default maxNodePools of
#      10,000 creations it answers 507, counted apart and allowed here); RSS sampled every second.
# Prints the figures and PASS/FAIL per target, writes them as JSON to server-stub/target/bench-results.json.
# Exit code 0: every target met on a quiet machine; 1: a target missed; 2: the benchmark could not run
# or saw an unexpected answer or a socket error; 3: the machine was busy (other processes took more
# than 0.2 CPU in a phase, or the run was started busy with --allow-busy): the figures are not valid.
#
# What runs is a snapshot taken at the start in server-stub/target/bench/: a copy of the built jar,
# the bundled document inside it (the one the stub validates with; Prism gets the same file), and an
# AppCDS archive made for the copy by the build's own training run.
set -euo pipefail

SCRIPT_NAME=run.sh
usage() {
  cat <<'EOF'
Usage: server-stub/bench/run.sh [--quick] [--no-sustained] [--allow-busy] [--help]

  --quick          a smoke run that proves the harness, not a measurement: BENCH_RUNS=2,
                   BENCH_DURATION=3, BENCH_ROUNDS=1, BENCH_WARMUP=2, no sustained phase, no
                   information rows (each still overridable by its variable)
  --no-sustained   leave out the 60 s sustained phase (and so the RSS target: reported as SKIPPED)
  --allow-busy     run even if other processes keep the CPUs busy at the start (the result is then
                   flagged as not valid, exit code 3)

Settings (environment variables, defaults in brackets):
  BENCH_RUNS=7            startup runs per server
  BENCH_POLL=0.02         seconds between two polls while waiting for the first 201
  BENCH_START_TIMEOUT=30  seconds a server may take to answer its first 201
  BENCH_THREADS=2         wrk threads
  BENCH_CONNECTIONS=16    wrk connections
  BENCH_DURATION=10       seconds of each measured wrk run
  BENCH_ROUNDS=2          measured wrk runs per server, taking turns with the other servers
  BENCH_WARMUP=10         seconds of wrk warm-up per server before the rounds (0: none)
  BENCH_SUSTAINED=1       1: the sustained phase (RSS after BENCH_SUSTAINED_DURATION s of creates); 0: none
  BENCH_SUSTAINED_DURATION=60
  BENCH_CDS=auto          auto: also measure the stub's startup with an AppCDS archive (made by the
                          build's training run); 0: never; 1: required
  BENCH_PRISM_INFO=1      1: also measure Prism with its default logging (-v info), for information
  BENCH_STUB_RESET=1      1: also measure the stub with POST /__admin/reset every 0.5 s while wrk runs
                          (it then holds few node pools), for information
  BENCH_MAX_BUSY=20       percent of the CPUs other processes may keep busy before the start
  BENCH_ALLOW_BUSY=0      1: as --allow-busy
  BENCH_BUILD=0           1: build the stub with the Maven wrapper even if the jar exists
  BENCH_OUT=server-stub/target/bench-results.json
  JAVA=java               the java launcher (of the stub and of WireMock)
Targets (Prism: its best configuration, -v error): throughput >= 3 x Prism's (requests of all rounds
over their time); p99 latency <= Prism's (worst round of each); median startup to the first 201 with
plain `java -jar` <= 1000 ms; stub RSS <= 256 MiB after the sustained phase.
Exit codes: 0 every target met, 1 a target missed, 2 the benchmark could not run or saw errors,
3 the machine was busy (figures not valid).
EOF
}
QUICK=0
for arg in "$@"; do
  case $arg in
    --help | -h) usage; exit 0 ;;
    --quick) QUICK=1 ;;
    --no-sustained) BENCH_SUSTAINED=0 ;;
    --allow-busy) BENCH_ALLOW_BUSY=1 ;;
    *) echo "run.sh: unexpected argument '$arg' (see --help)" >&2; exit 2 ;;
  esac
done
if ((QUICK)); then
  : "${BENCH_RUNS:=2}" "${BENCH_DURATION:=3}" "${BENCH_ROUNDS:=1}" "${BENCH_WARMUP:=2}" "${BENCH_SUSTAINED:=0}"
  : "${BENCH_PRISM_INFO:=0}" "${BENCH_STUB_RESET:=0}"
fi

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
WARMUP=${BENCH_WARMUP:-10}
SUSTAINED=${BENCH_SUSTAINED:-1}
SUSTAINED_DURATION=${BENCH_SUSTAINED_DURATION:-60}
CDS=${BENCH_CDS:-auto}
PRISM_INFO=${BENCH_PRISM_INFO:-1}
STUB_RESET=${BENCH_STUB_RESET:-1}
MAX_BUSY=${BENCH_MAX_BUSY:-20}
ALLOW_BUSY=${BENCH_ALLOW_BUSY:-0}
BUILD=${BENCH_BUILD:-0}
OUT=${BENCH_OUT:-$ROOT/server-stub/target/bench-results.json}
JAVA=${JAVA:-java}
for n in RUNS START_TIMEOUT THREADS CONNECTIONS DURATION ROUNDS WARMUP SUSTAINED_DURATION MAX_BUSY; do
  [[ ${!n} =~ ^[0-9]+$ ]] || { echo "run.sh: BENCH_$n must be a whole number, got '${!n}'" >&2; exit 2; }
done
for n in SUSTAINED PRISM_INFO STUB_RESET ALLOW_BUSY BUILD; do
  [[ ${!n} =~ ^[01]$ ]] || { echo "run.sh: BENCH_$n must be 0 or 1, got '${!n}'" >&2; exit 2; }
done
((RUNS >= 1 && DURATION >= 1 && ROUNDS >= 1 && THREADS >= 1 && CONNECTIONS >= THREADS && SUSTAINED_DURATION >= 1)) \
  || { echo "run.sh: need BENCH_RUNS, BENCH_DURATION, BENCH_ROUNDS, BENCH_SUSTAINED_DURATION >= 1 and BENCH_CONNECTIONS >= BENCH_THREADS >= 1" >&2; exit 2; }
[[ $POLL =~ ^[0-9]*\.?[0-9]+$ ]] || { echo "run.sh: BENCH_POLL must be a number of seconds" >&2; exit 2; }
[[ $CDS =~ ^(auto|0|1)$ ]] || { echo "run.sh: BENCH_CDS must be auto, 0 or 1" >&2; exit 2; }

WORK="server-stub/target/bench"
RECORDS=$WORK/records.jsonl
STUB_CONFIG=$WORK/stub-bench.yaml
# shellcheck source=lib.sh
source "$BENCH_DIR/lib.sh"
record() { printf '%s\n' "$1" >>"$RECORDS"; }

# ---------------------------------------------------------------- the peers' configurations
# Each peer in its best configuration; bench/tune-peers.sh measures the candidates these were chosen
# from (BENCHMARK.md, "The peers").
#
# Prism validates every request in every configuration (security, parameters, body against the schema;
# its request and response validation cannot be switched off from the command line, and stays on here:
# a Prism that validated nothing would not be a peer). What costs it time besides is its logging: at its
# default level, info, it writes four log lines per request (pino JSON, re-parsed with jsonrepair and
# printed with signale); -v error leaves errors visible and writes nothing for a valid request. Dynamic
# examples stay off (the default: the documented example is served). -m (logging in a second process)
# and --cors false gain nothing measurable once nothing is logged (tune-peers.sh).
PRISM_BEST=(-v error)
# WireMock: no request journal (it would keep every request: heap growth and a lock per request),
# no request logging, no response templating, gzip, HTTP/2 (h2c) or extension scanning, the body in the
# mapping (in memory) and sent with a Content-Length instead of chunked. Jetty's thread pool: 8 threads
# (on 2 cores Jetty refuses fewer than 7: acceptor, selector, reserved threads; 8 leaves a worker per
# core, and larger pools measured slower); asynchronous responses off: they only help delayed responses
# and add a hand-off per request (measured at a third of the throughput).
WIREMOCK_BEST=(--no-request-journal --disable-request-logging --disable-banner --disable-response-templating
  --disable-gzip --disable-http2-plain --disable-extensions-scanning --use-chunked-encoding never
  --container-threads 8 --async-response-enabled false)

# Command lines, one argument a line; PORT stands for the port. The startup runs and the sustained
# phase start the stub exactly as its README shows (`java -Xmx128m -jar ... --port N`; the heap cap
# joined the README's command in issue 10, item 4); the throughput phase adds --config with a large
# maxNodePools.
STUB_JVM=(-Xmx128m)
variant_cmd() { # variant [config]
  local config=()
  if [[ -n ${2:-} ]]; then config=(--config "$2"); fi
  case $1 in
    stub) printf '%s\n' "$JAVA" "${STUB_JVM[@]}" -jar "$JAR" "${config[@]}" --port PORT ;;
    stub-cds) printf '%s\n' "$JAVA" "${STUB_JVM[@]}" -XX:SharedArchiveFile="$JSA" -jar "$JAR" --port PORT ;;
    prism) printf '%s\n' "$PRISM" mock "$DOC" -h 127.0.0.1 -p PORT "${PRISM_BEST[@]}" ;;
    prism-info) printf '%s\n' "$PRISM" mock "$DOC" -h 127.0.0.1 -p PORT ;;
    wiremock) printf '%s\n' "$JAVA" -jar "$WIREMOCK_JAR" --port PORT --bind-address 127.0.0.1 --root-dir "$WORK/wiremock" "${WIREMOCK_BEST[@]}" ;;
    *) die "unknown variant $1" ;;
  esac
}
display_cmd() { variant_cmd "$@" | paste -sd' ' -; }
start_server() { # variant log [config]
  local cmd
  mapfile -t cmd < <(variant_cmd "$1" "${3:-}")
  start_cmd "$1" "$2" "${cmd[@]}"
}

# ---------------------------------------------------------------- prerequisites
for tool in curl node "$JAVA" setsid timeout; do command -v "$tool" >/dev/null || die "'$tool' is not installed"; done
ensure_wrk
ensure_stub_jar "$BUILD"
ensure_prism
ensure_wiremock

# The machine must be quiet: refuse to measure while other processes keep the CPUs busy.
busy_before=$(cpu_busy 3)
RUN_BUSY=false
if ((busy_before > MAX_BUSY)); then
  RUN_BUSY=true
  echo "run.sh: other processes keep the CPUs ${busy_before}% busy (limit BENCH_MAX_BUSY=$MAX_BUSY%); the busiest:" >&2
  busy_processes >&2
  if [[ $ALLOW_BUSY != 1 ]]; then
    echo "run.sh: refusing to measure on a busy machine (--allow-busy runs anyway, flagged as not valid)" >&2
    exit 3
  fi
  echo "run.sh: --allow-busy: measuring anyway; the figures will be flagged as NOT VALID" >&2
fi

# ---------------------------------------------------------------- the snapshot
rm -rf "$WORK" # the snapshot, logs and records of the previous run
mkdir -p "$WORK" "$(dirname "$OUT")"
: >"$RECORDS"
snapshot_stub
JSA=$WORK/cce-nodepool-stub.jsa
make_wiremock_root "$WORK/wiremock"
# Every wrk request of the throughput phase creates a node pool: let the stub hold them all (its default
# is 10,000).
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

# ---------------------------------------------------------------- the run
STARTUP_VARIANTS=(stub)
if [[ $CDS_STATE == on ]]; then STARTUP_VARIANTS+=(stub-cds); fi
STARTUP_VARIANTS+=(prism wiremock)
SERVERS=(stub prism wiremock) # the processes of the throughput phase
if [[ $PRISM_INFO == 1 ]]; then SERVERS+=(prism-info); fi
LOAD_VARIANTS=(stub prism wiremock) # the measured runs of a round, in order; stub-reset is the stub's process
if [[ $STUB_RESET == 1 ]]; then LOAD_VARIANTS+=(stub-reset); fi
if [[ $PRISM_INFO == 1 ]]; then LOAD_VARIANTS+=(prism-info); fi
SUSTAINED_VARIANTS=(stub prism wiremock)

git_rev=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
git_dirty=$([[ -n $(git status --porcelain 2>/dev/null) ]] && echo true || echo false)
prism_version=$(node -p 'require("./node_modules/@stoplight/prism-cli/package.json").version' 2>/dev/null || echo unknown)
# The environment and every command line, as one JSON record (node builds it from name=value pairs).
env_pairs=(
  "date=$(date -u +%Y-%m-%dT%H:%M:%SZ)" "cpus=$(nproc)"
  "cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || echo unknown)"
  "memMb=$(awk '/^MemTotal/ { print int($2 / 1024) }' /proc/meminfo 2>/dev/null || echo 0)" "kernel=$(uname -sr)"
  "java=$("$JAVA" -version 2>&1 | sed -n 2p)" "node=$(node --version)" "prism=$prism_version" "wiremock=$WIREMOCK_VERSION"
  "wrk=$(wrk --version 2>&1 | head -n 1 | cut -d' ' -f1-2)" "gitCommit=$git_rev" "gitDirty=$git_dirty"
  "jarSha256=$(sha256sum "$JAR" | cut -c1-16)" "jarBuiltAt=$(date -u -r "$BUILT_JAR" +%Y-%m-%dT%H:%M:%SZ)"
  "documentSameAsBuilt=$DOC_SAME" "loadAverageAtStart=$(cut -d' ' -f1-3 /proc/loadavg)" "cpuBusyPercentBefore=$busy_before"
  "startedBusy=$RUN_BUSY" "runs=$RUNS" "poll=$POLL" "threads=$THREADS" "connections=$CONNECTIONS" "durationSeconds=$DURATION"
  "rounds=$ROUNDS" "warmupSeconds=$WARMUP" "sustained=$SUSTAINED" "sustainedSeconds=$SUSTAINED_DURATION" "cds=$CDS_STATE"
  "token=$TOKEN" "body=$BODY_SRC" "bodyBytes=$(wc -c <"$BODY")" "operation=$OPERATION" "stubConfig=$(cat "$STUB_CONFIG")"
  "cmd.startup.stub=$(display_cmd stub)" "cmd.startup.stub-cds=$(display_cmd stub-cds)"
  "cmd.startup.prism=$(display_cmd prism)" "cmd.startup.wiremock=$(display_cmd wiremock)"
  "cmd.load.stub=$(display_cmd stub "$STUB_CONFIG")"
  "cmd.load.stub-reset=$(display_cmd stub "$STUB_CONFIG") + POST /__admin/reset every 0.5 s"
  "cmd.load.prism=$(display_cmd prism)" "cmd.load.prism-info=$(display_cmd prism-info)" "cmd.load.wiremock=$(display_cmd wiremock)"
  "cmd.sustained.stub=$(display_cmd stub)" "cmd.sustained.prism=$(display_cmd prism)" "cmd.sustained.wiremock=$(display_cmd wiremock)"
)
record "$(node -e '
  const r = { kind: "env", commands: {} };
  for (const p of process.argv.slice(1)) {
    const i = p.indexOf("="); const k = p.slice(0, i); let v = p.slice(i + 1);
    const numeric = ["cpus", "memMb", "cpuBusyPercentBefore", "runs", "poll", "threads", "connections", "durationSeconds",
      "rounds", "warmupSeconds", "sustained", "sustainedSeconds", "bodyBytes"];
    if (numeric.includes(k)) v = Number(v);
    else if (v === "true" || v === "false") v = v === "true";
    if (k.startsWith("cmd.")) { const [, phase, variant] = k.split("."); (r.commands[phase] ??= {})[variant] = v; }
    else r[k] = v;
  }
  console.log(JSON.stringify(r));' "${env_pairs[@]}")"

echo "== cce-nodepool-stub benchmark, $(date -u +%Y-%m-%dT%H:%M:%SZ): $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg), CPUs ${busy_before}% busy before the start"
echo "   stub:       $(display_cmd stub)   (throughput phase: + --config with maxNodePools: 2000000000)"
if [[ $CDS_STATE == on ]]; then echo "   stub-cds:   $(display_cmd stub-cds)   (startup only)"; fi
echo "   prism:      $(display_cmd prism)   (Prism $prism_version, the headline peer: validates, logs no line per request)"
echo "   wiremock:   $(display_cmd wiremock)   (WireMock $WIREMOCK_VERSION: a static 201, no validation, the floor)"
if [[ $PRISM_INFO == 1 ]]; then echo "   prism-info: $(display_cmd prism-info)   (Prism's defaults, for information)"; fi
echo "   body:       $BODY_SRC ($(wc -c <"$BODY") bytes), POST $OPERATION, X-Auth-Token"
echo "   snapshot in $WORK: the jar built $(date -u -r "$BUILT_JAR" +%Y-%m-%dT%H:%M:%SZ), its bundled document, an AppCDS archive for it"

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
# Does each peer validate? An empty object lacks every required member of the request: a validating
# server rejects it (4xx), WireMock answers its 201 all the same.
for server in "${SERVERS[@]}"; do
  code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 -X POST -H 'Content-Type: application/json' \
    -H "X-Auth-Token: $TOKEN" --data '{}' "http://127.0.0.1:${PORT_OF[$server]}$OPERATION") || true
  rejects=$([[ $code =~ ^4 ]] && echo true || echo false)
  echo "   $server answers $code to an invalid body ({})"
  record "{\"kind\":\"validates\",\"variant\":\"$server\",\"status\":\"$code\",\"rejectsInvalid\":$rejects}"
done
sleep 1
for server in "${SERVERS[@]}"; do RSS_START[$server]=$(rss_kb "${PGID_OF[$server]}"); done
if ((WARMUP > 0)); then
  for server in "${SERVERS[@]}"; do
    wrk_run "$server" warmup w "$WARMUP" "${PORT_OF[$server]}"
    record "{\"kind\":\"load\",\"variant\":\"$server\",\"phase\":\"warmup\",\"wrk\":$WRK_LAST}"
  done
fi
for ((round = 1; round <= ROUNDS; round++)); do
  for variant in "${LOAD_VARIANTS[@]}"; do
    server=${variant%-reset}
    port=${PORT_OF[$server]}
    tag=m$round
    if [[ $server == stub ]]; then
      code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 -X POST "http://127.0.0.1:$port/__admin/reset") || true
      [[ $code == 200 ]] || die "POST /__admin/reset answered ${code:-nothing}" # forget the pools of earlier runs
    fi
    if [[ $variant == stub-reset ]]; then
      tag=r$round
      (while sleep 0.5; do curl -s -o /dev/null --max-time 2 -X POST "http://127.0.0.1:$port/__admin/reset" || true; done) &
      HELPERS+=($!)
    fi
    cpu_mark
    mark=$MARK
    server_cpu=$(group_cpu_ms "${PGID_OF[$server]}")
    wrk_run "$variant" "round$round" "$tag" "$DURATION" "$port"
    server_cpu=$(($(group_cpu_ms "${PGID_OF[$server]}") - server_cpu))
    for pid in "${HELPERS[@]}"; do stop_helper "$pid"; done
    cpu_mark
    foreign=$(foreign_cpus "$mark" "$MARK")
    record "{\"kind\":\"load\",\"variant\":\"$variant\",\"phase\":\"round$round\",\"wrk\":$WRK_LAST}"
    record "{\"kind\":\"foreign\",\"phase\":\"round$round-$variant\",\"cpus\":$foreign}"
    record "{\"kind\":\"servercpu\",\"variant\":\"$variant\",\"phase\":\"round$round\",\"cpuMs\":$server_cpu}"
    wrk_line "round $round $variant" "$WRK_LAST" "$server_cpu" "$foreign"
  done
done
for server in "${SERVERS[@]}"; do
  rss_load=$(rss_kb "${PGID_OF[$server]}")
  record "{\"kind\":\"memory\",\"variant\":\"$server\",\"rssStartKb\":${RSS_START[$server]},\"rssAfterLoadKb\":$rss_load}"
  echo "   $server: RSS $((RSS_START[$server] / 1024)) MiB after start, $((rss_load / 1024)) MiB after the load"
  stop_group "${PGID_OF[$server]}"
done

if [[ $SUSTAINED == 1 ]]; then
  echo "== sustained: each server afresh, wrk -t$THREADS -c$CONNECTIONS -d${SUSTAINED_DURATION}s of unique creates, RSS every second"
  echo "   (the stub as its README starts it, no configuration: 507 after its default maxNodePools of 10,000, counted apart)"
  for variant in "${SUSTAINED_VARIANTS[@]}"; do
    start_server "$variant" "$WORK/sustained-$variant.log"
    pgid=$SERVER_PGID
    sleep 1
    rss_start=$(rss_kb "$pgid")
    series=$WORK/rss-sustained-$variant.txt
    (t0=$(now_ms); while :; do echo "$(($(now_ms) - t0)) $(rss_kb "$pgid")"; sleep 1; done) >"$series" &
    HELPERS+=($!)
    cpu_mark
    mark=$MARK
    server_cpu=$(group_cpu_ms "$pgid")
    wrk_run "$variant" sustained s "$SUSTAINED_DURATION" "$PORT"
    server_cpu=$(($(group_cpu_ms "$pgid") - server_cpu))
    rss_end=$(rss_kb "$pgid")
    for pid in "${HELPERS[@]}"; do stop_helper "$pid"; done
    cpu_mark
    foreign=$(foreign_cpus "$mark" "$MARK")
    stop_group "$pgid"
    rss_series=$(awk '{ printf "%s%d", (NR > 1 ? "," : ""), $2 }' "$series")
    record "{\"kind\":\"sustained\",\"variant\":\"$variant\",\"wrk\":$WRK_LAST,\"cpuMs\":$server_cpu,\"rssStartKb\":$rss_start,\"rssEndKb\":$rss_end,\"rssSeriesKb\":[$rss_series]}"
    record "{\"kind\":\"foreign\",\"phase\":\"sustained-$variant\",\"cpus\":$foreign}"
    wrk_line "sustained $variant" "$WRK_LAST" "$server_cpu" "$foreign"
    echo "   $variant: RSS $((rss_start / 1024)) MiB after start, $((rss_end / 1024)) MiB after ${SUSTAINED_DURATION} s (peak of the samples $(awk 'BEGIN { m = 0 } $2 > m { m = $2 } END { print int(m / 1024) }' "$series") MiB)"
  done
fi

busy_after=$(cpu_busy 3)
echo "   CPUs ${busy_after}% busy after the end (other processes), load $(cut -d' ' -f1-3 /proc/loadavg)"
record "{\"kind\":\"end\",\"cpuBusyPercentAfter\":$busy_after,\"loadAverageAtEnd\":$(json_str "$(cut -d' ' -f1-3 /proc/loadavg)"),\"jarSha256\":$(json_str "$(sha256sum "$JAR" | cut -c1-16)"),\"builtJarSha256\":$(json_str "$(sha256sum "$BUILT_JAR" | cut -c1-16)")}"
set +e
node "$BENCH_DIR/report.mjs" "$RECORDS" "$OUT"
status=$?
set -e
exit "$status"
