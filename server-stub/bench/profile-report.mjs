#!/usr/bin/env node
// Sorts the JFR execution samples of a stub under load (bench/profile.sh) into the steps of a request
// and prints the breakdown, the hottest methods per step and overall; writes the same as JSON.
//
//   node server-stub/bench/profile-report.mjs <samples.json> <gc-cpu.json> <out.json> [wrk-json] [cpu-ms] [busy%]
//
// <samples.json>: `jfr print --json --events jdk.ExecutionSample`; <gc-cpu.json>: the same for
// jdk.GarbageCollection and jdk.CPULoad.
//
// A sample belongs to the step of the frame nearest to the top of its stack that one of the STEPS
// matches (frames are tested from the top, the running method, down to the thread's root; for each
// frame the steps in the order below). So Jackson code run by the schema validator counts as schema
// validation, and Jackson code run to write the answer as response building. A sample with no matching
// frame is "other" (its root frames are listed, so that a renamed class shows up there).

import fs from 'node:fs';

const [samplesFile, gcCpuFile, outFile, wrkJson, cpuMs, busyPercent] = process.argv.slice(2);
if (!samplesFile || !gcCpuFile || !outFile) {
  console.error('usage: profile-report.mjs <samples.json> <gc-cpu.json> <out.json> [wrk-json] [cpu-ms] [busy%]');
  process.exit(2);
}

const STUB = 'io.github.ccecontract.nodepool.stub.';
// [step, test of "class.method"], tested in this order for each frame.
const STEPS = [
  ['journal', (f) => f.startsWith(`${STUB}admin.`) || f.startsWith(`${STUB}http.StubHttpHandler$Call.record`)
    || f.startsWith(`${STUB}http.StubHttpHandler$Call.entry`)],
  ['rules', (f) => f.startsWith('io.github.ccecontract.nodepool.client.validation.ContractRules')],
  ['schema validation', (f) => f.startsWith('com.networknt.') || f.startsWith(`${STUB}validation.RequestValidator`)
    || f.startsWith(`${STUB}validation.SchemaMessages`) || f.startsWith(`${STUB}validation.Pointers`)],
  ['JSON parsing', (f) => f.startsWith(`${STUB}validation.JsonBodyParser.parse`)],
  ['store', (f) => f.startsWith(`${STUB}domain.NodePoolStore`) || f.startsWith(`${STUB}domain.StoredNodePool.<init>`)],
  ['response building', (f) => f.startsWith(`${STUB}domain.`) || f.startsWith(`${STUB}CreateOutcome`)
    || f.startsWith(`${STUB}CceErrors`) || f.startsWith(`${STUB}http.StubHttpHandler$Call.send(`)
    || f === `${STUB}http.StubHttpHandler$Call.send`],
  ['service (NodePoolService)', (f) => f.startsWith(`${STUB}NodePoolService`)],
  ['HTTP layer (JDK server, socket I/O, routing, auth, body reading)', (f) => f.startsWith('sun.net.httpserver.')
    || f.startsWith('com.sun.net.httpserver.') || f.startsWith('sun.nio.ch.') || f.startsWith('java.nio.channels.')
    || f.startsWith(`${STUB}http.`)],
];

// JFR writes class names with slashes (com/fasterxml/...), hidden classes with dots.
const frameName = (fr) => `${(fr.method?.type?.name ?? '?').replaceAll('/', '.')}.${fr.method?.name ?? '?'}`;
const events = JSON.parse(fs.readFileSync(samplesFile, 'utf8')).recording?.events ?? [];
const steps = new Map(); // step -> { samples, leaves: Map }
const leaves = new Map();
const otherRoots = new Map();
const threads = new Map();
let truncated = 0;
let first = Infinity;
let last = -Infinity;
for (const e of events) {
  const frames = e.values?.stackTrace?.frames ?? [];
  if (frames.length === 0) continue;
  if (e.values.stackTrace.truncated) truncated++;
  const t = Date.parse(e.values.startTime);
  if (Number.isFinite(t)) { first = Math.min(first, t); last = Math.max(last, t); }
  const names = frames.map(frameName);
  let step = 'other';
  outer: for (const n of names) {
    for (const [s, test] of STEPS) {
      if (test(n)) { step = s; break outer; }
    }
  }
  const thread = (e.values.sampledThread?.javaName ?? '?').replace(/-\d+$/, '-N').replace(/-\d+-/, '-N-');
  threads.set(thread, (threads.get(thread) ?? 0) + 1);
  const slot = steps.get(step) ?? { samples: 0, leaves: new Map() };
  slot.samples++;
  slot.leaves.set(names[0], (slot.leaves.get(names[0]) ?? 0) + 1);
  steps.set(step, slot);
  leaves.set(names[0], (leaves.get(names[0]) ?? 0) + 1);
  if (step === 'other') {
    const root = names.slice(-3).reverse().join(' > ');
    otherRoots.set(root, (otherRoots.get(root) ?? 0) + 1);
  }
}
const total = [...steps.values()].reduce((n, s) => n + s.samples, 0);
if (total === 0) {
  console.error('profile-report.mjs: no execution samples in the recording');
  process.exit(2);
}
const pct = (n) => Math.round((1000 * n) / total) / 10;
const top = (map, k) => [...map.entries()].sort((a, b) => b[1] - a[1]).slice(0, k);

// GC pauses and the JVM's CPU load from the same recording.
const gcEvents = JSON.parse(fs.readFileSync(gcCpuFile, 'utf8')).recording?.events ?? [];
const seconds = (d) => { // "PT0.0123S" or a number of nanoseconds
  if (typeof d === 'number') return d / 1e9;
  const m = /^PT(?:(\d+)M)?([\d.]+)S$/.exec(String(d));
  return m ? Number(m[1] ?? 0) * 60 + Number(m[2]) : 0;
};
const gcs = gcEvents.filter((e) => e.type === 'jdk.GarbageCollection');
const gcPauseSeconds = gcs.reduce((n, e) => n + seconds(e.values.sumOfPauses), 0);
const loads = gcEvents.filter((e) => e.type === 'jdk.CPULoad').map((e) => e.values);
const avg = (xs) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : undefined);
const jvmCpu = avg(loads.map((l) => l.jvmUser + l.jvmSystem));
const machineCpu = avg(loads.map((l) => l.machineTotal));
const wrk = wrkJson ? JSON.parse(wrkJson) : undefined;

const breakdown = [...steps.entries()].sort((a, b) => b[1].samples - a[1].samples).map(([step, s]) => ({
  step,
  samples: s.samples,
  percent: pct(s.samples),
  hottest: top(s.leaves, 5).map(([method, n]) => ({ method, percentOfAll: pct(n) })),
}));
console.log(`== where the stub's Java threads spent their time (${total} samples over ${((last - first) / 1000).toFixed(1)} s`
  + `${truncated ? `, ${truncated} stacks truncated` : ''})`);
for (const b of breakdown) {
  console.log(`   ${String(b.percent).padStart(5)}%  ${b.step}`);
  for (const h of b.hottest.slice(0, 3)) console.log(`            ${String(h.percentOfAll).padStart(5)}%  ${h.method}`);
}
if (otherRoots.size > 0) {
  console.log('   "other" by thread root (a sample there has no frame of a known step):');
  for (const [root, n] of top(otherRoots, 5)) console.log(`            ${String(pct(n)).padStart(5)}%  ${root}`);
}
console.log('   hottest methods overall (the running method of a sample, "self" time):');
for (const [m, n] of top(leaves, 12)) console.log(`            ${String(pct(n)).padStart(5)}%  ${m}`);
console.log('   samples by thread: ' + top(threads, 6).map(([t, n]) => `${t} ${pct(n)}%`).join(', '));
console.log(`   GC: ${gcs.length} collections, ${(gcPauseSeconds * 1000).toFixed(0)} ms of pauses in the recording;`
  + ` JVM CPU ${jvmCpu === undefined ? '?' : (jvmCpu * 100).toFixed(0)}% and machine ${machineCpu === undefined ? '?' : (machineCpu * 100).toFixed(0)}%`
  + ' of all CPUs (jdk.CPULoad, average)');
if (wrk) {
  console.log(`   load: ${wrk.requestsPerSecond.toFixed(0)} req/s, ${wrk.requests} requests, answers ${JSON.stringify(wrk.statuses)},`
    + ` stub CPU ${cpuMs ? ((cpuMs * 1000) / wrk.requests).toFixed(0) : '?'} us/request`);
}
if (busyPercent !== undefined && Number(busyPercent) > 20) {
  console.log(`   NOTE  the CPUs were ${busyPercent}% busy with other processes before the start: indicative only`);
}
const result = {
  samples: total,
  truncatedStacks: truncated,
  seconds: (last - first) / 1000,
  breakdown,
  otherRoots: top(otherRoots, 10).map(([root, n]) => ({ root, percent: pct(n) })),
  hottestMethods: top(leaves, 30).map(([method, n]) => ({ method, percent: pct(n) })),
  threads: Object.fromEntries(top(threads, 20).map(([t, n]) => [t, pct(n)])),
  gc: { collections: gcs.length, pauseMs: Math.round(gcPauseSeconds * 1000) },
  cpuLoad: { jvm: jvmCpu, machine: machineCpu },
  load: wrk ? { ...wrk, serverCpuMs: cpuMs ? Number(cpuMs) : undefined } : undefined,
  cpuBusyPercentBefore: busyPercent !== undefined ? Number(busyPercent) : undefined,
};
fs.writeFileSync(outFile, `${JSON.stringify(result, null, 2)}\n`);
console.log(`   written: ${outFile}`);
