-- wrk script of server-stub/bench/run.sh: POSTs the documented CCE cluster request
-- (openapi/examples/cce-cluster-request.json) with a metadata.name made unique per request
-- (the stub answers 409 for a second pool of one name in one cluster), counts the answers by
-- status, and prints one line "WRK-RESULT {json}" when the run is done.
--
-- Environment: BENCH_BODY_FILE (the request body), BENCH_TOKEN (X-Auth-Token; default "bench-token"),
-- BENCH_RUN_TAG (lowercase letters and digits, part of every name, so that two runs against one
-- stub do not repeat names; default "r").

local body_file = os.getenv("BENCH_BODY_FILE")
assert(body_file, "BENCH_BODY_FILE is not set")
local f = assert(io.open(body_file, "rb"))
local template = f:read("*a")
f:close()

-- Split the body around the value of metadata.name: name .. "-<tag><thread>-<n>" stays within
-- ^[a-z]([a-z0-9-]{0,48}[a-z0-9])?$ (the documented name has 21 characters; 50 are allowed).
local s, e, name = template:find('"name"%s*:%s*"([a-z0-9-]+)"')
assert(s, "no metadata.name in " .. body_file)
local value_start = template:find(name, s, true)
local prefix = template:sub(1, value_start + #name - 1)
local suffix = template:sub(value_start + #name)

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["X-Auth-Token"] = os.getenv("BENCH_TOKEN") or "bench-token"

local run_tag = os.getenv("BENCH_RUN_TAG") or "r"
assert(run_tag:match("^[a-z0-9]*$"), "BENCH_RUN_TAG must be lowercase letters and digits")

local threads = {}
local next_id = 1

function setup(thread)
   thread:set("thread_id", next_id)
   next_id = next_id + 1
   table.insert(threads, thread)
end

function init(args)
   counter = 0
   statuses = {}
   tag = "-" .. run_tag .. tostring(thread_id) .. "-"
end

function request()
   counter = counter + 1
   return wrk.format(nil, nil, nil, prefix .. tag .. counter .. suffix)
end

function response(status, headers, body)
   statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
   local counts = {}
   for _, thread in ipairs(threads) do
      local st = thread:get("statuses") or {}
      for status, n in pairs(st) do
         counts[status] = (counts[status] or 0) + n
      end
   end
   local parts = {}
   for status, n in pairs(counts) do
      table.insert(parts, string.format('"%d":%d', status, n))
   end
   local seconds = summary.duration / 1e6
   io.write(string.format(
      'WRK-RESULT {"requests":%d,"durationSeconds":%.3f,"requestsPerSecond":%.1f,"bytes":%d,'
      .. '"latencyMicros":{"p50":%d,"p90":%d,"p99":%d,"max":%d,"mean":%.1f},'
      .. '"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d},'
      .. '"statuses":{%s},"bodyBytes":%d}\n',
      summary.requests, seconds, summary.requests / seconds, summary.bytes,
      latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max, latency.mean,
      summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.status,
      summary.errors.timeout, table.concat(parts, ","), #template))
end
