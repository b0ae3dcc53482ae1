#!/usr/bin/env node
// Sorts async-profiler's CPU samples of a stub under load (bench/profile.sh, collapsed stacks) into the
// steps of a request, and prints the breakdown as shares of the stub's CPU time and as microseconds per
// request, with the hottest methods per step and overall; writes the same as JSON.
//
//   node server-stub/bench/profile-report.mjs <stub.collapsed> <out.json> [wrk-json] [cpu-ms] [busy%]
//
// A collapsed line is "root;...;leaf <samples>", one sample per millisecond of CPU of any thread. A stack
// belongs to the step of the frame nearest to its leaf that one of the STEPS matches (for each frame the
// steps in the order below): Jackson code run by the schema validator counts as schema validation, a
// socket write under the answer's sending as HTTP layer. Stacks of the JVM's own threads go to the
// collector, the JIT compiler or "JVM, other"; a request thread's stack that no step matches is "other"
// (its nearest frames are listed, so that a class renamed by a restructuring shows up there).

import fs from 'node:fs';

const [collapsedFile, outFile, wrkJson, cpuMs, busyPercent] = process.argv.slice(2);
if (!collapsedFile || !outFile) {
  console.error('usage: profile-report.mjs <stub.collapsed> <out.json> [wrk-json] [cpu-ms] [busy%]');
  process.exit(2);
}

const STUB = 'io/github/ccecontract/nodepool/stub/';
const CONTRACT = 'io/github/ccecontract/nodepool/contract/';
// [step, test of a frame ("pkg/Class.method" for Java, the symbol for native code)], in this order.
const STEPS = [
  ['journal', (f) => f.startsWith(`${STUB}admin/`) || f.startsWith(`${STUB}http/Exchange.record`)
    || f.startsWith(`${STUB}http/Exchange.entry`)],
  ['rules (x-cce-rules)', (f) => f.startsWith(`${CONTRACT}rules/`)],
  ['schema validation', (f) => f.startsWith('com/networknt/') || f.startsWith(`${CONTRACT}validation/`)],
  ['unknown members (D4)', (f) => f.startsWith(`${STUB}validation/DeclaredMembers`)],
  ['JSON parsing', (f) => f.startsWith(`${STUB}validation/JsonBodyParser.parse`)],
  ['store (incl. packing)', (f) => f.startsWith(`${STUB}domain/NodePoolStore`) || f.startsWith(`${STUB}domain/StoredNodePool`)
    || f.startsWith(`${STUB}domain/PackedJson`)],
  ['response building', (f) => f.startsWith(`${STUB}domain/`) || f.startsWith(`${STUB}service/CreateOutcome`)
    || f.startsWith(`${STUB}errors/`)],
  ['service', (f) => f.startsWith(`${STUB}service/`)],
  ['HTTP layer (JDK server, socket I/O, routing, auth, body, sending)', (f) => f.startsWith('sun/net/httpserver/')
    || f.startsWith('com/sun/net/httpserver/') || f.startsWith('sun/nio/ch/') || f.startsWith('java/nio/channels/')
    || f.startsWith(`${STUB}http/`)
    // the JDK server's hand-over of each exchange from its dispatcher to a request thread
    || f.startsWith('java/util/concurrent/SynchronousQueue') || f.startsWith('java/util/concurrent/ThreadPoolExecutor')],
];
const JVM_THREADS = [
  ['garbage collector (G1 threads)', (stack) => stack.some((f) => /^G1|GC|^WorkerThread::run|ConcurrentGCThread/.test(f))],
  ['JIT compiler', (stack) => stack.some((f) => f.startsWith('CompileBroker::'))],
];

const isJava = (f) => f.includes('/') && !f.startsWith('/');
const steps = new Map(); // step -> { samples, leaves: Map }
const leaves = new Map();
const otherNear = new Map();
let total = 0;
for (const line of fs.readFileSync(collapsedFile, 'utf8').split('\n')) {
  const at = line.lastIndexOf(' ');
  if (at < 0) continue;
  const samples = Number(line.slice(at + 1));
  const stack = line.slice(0, at).split(';').map((f) => f.replace(/_\[[a-z0-9]+\]$/, ''));
  if (!Number.isFinite(samples) || stack.length === 0) continue;
  total += samples;
  let step;
  for (let i = stack.length - 1; i >= 0 && !step; i--) {
    for (const [s, test] of STEPS) {
      if (test(stack[i])) { step = s; break; }
    }
  }
  if (!step && !stack.some(isJava)) {
    step = (JVM_THREADS.find(([, test]) => test(stack)) ?? ['JVM, other (VM thread, safepoints, ...)'])[0];
  }
  step ??= 'other';
  const leaf = stack[stack.length - 1];
  const slot = steps.get(step) ?? { samples: 0, leaves: new Map() };
  slot.samples += samples;
  slot.leaves.set(leaf, (slot.leaves.get(leaf) ?? 0) + samples);
  steps.set(step, slot);
  leaves.set(leaf, (leaves.get(leaf) ?? 0) + samples);
  if (step === 'other') {
    const near = stack.filter(isJava).slice(-3).reverse().join(' < ') || stack.slice(0, 3).join(' > ');
    otherNear.set(near, (otherNear.get(near) ?? 0) + samples);
  }
}
if (total === 0) {
  console.error('profile-report.mjs: no samples in the profile');
  process.exit(2);
}
const wrk = wrkJson ? JSON.parse(wrkJson) : undefined;
const cpuPerRequestUs = wrk && cpuMs ? (Number(cpuMs) * 1000) / wrk.requests : undefined;
const pct = (n) => Math.round((1000 * n) / total) / 10;
const usPerRequest = (n) => (cpuPerRequestUs === undefined ? undefined : Math.round((10 * n * cpuPerRequestUs) / total) / 10);
const top = (map, k) => [...map.entries()].sort((a, b) => b[1] - a[1]).slice(0, k);

const breakdown = [...steps.entries()].sort((a, b) => b[1].samples - a[1].samples).map(([step, s]) => ({
  step,
  samples: s.samples,
  percent: pct(s.samples),
  usPerRequest: usPerRequest(s.samples),
  hottest: top(s.leaves, 5).map(([method, n]) => ({ method, percentOfAll: pct(n) })),
}));
console.log(`== where the stub's CPU time went (${total} samples of 1 ms, all threads`
  + `${cpuPerRequestUs === undefined ? '' : `; ${cpuPerRequestUs.toFixed(0)} us of CPU per request`})`);
for (const b of breakdown) {
  const us = b.usPerRequest === undefined ? '' : `${String(b.usPerRequest).padStart(7)} us/req  `;
  console.log(`   ${String(b.percent).padStart(5)}%  ${us}${b.step}`);
  for (const h of b.hottest.slice(0, 3)) console.log(`                            ${String(h.percentOfAll).padStart(5)}%  ${h.method}`);
}
if (otherNear.size > 0) {
  console.log('   "other" by nearest Java frames (a stack there has no frame of a known step):');
  for (const [near, n] of top(otherNear, 5)) console.log(`            ${String(pct(n)).padStart(5)}%  ${near}`);
}
console.log('   hottest methods overall (the running method of a sample, "self" time):');
for (const [m, n] of top(leaves, 12)) console.log(`            ${String(pct(n)).padStart(5)}%  ${m}`);
if (wrk) {
  console.log(`   load: ${wrk.requestsPerSecond.toFixed(0)} req/s, ${wrk.requests} requests, answers ${JSON.stringify(wrk.statuses)},`
    + ` stub CPU ${cpuPerRequestUs === undefined ? '?' : cpuPerRequestUs.toFixed(0)} us/request`);
}
if (busyPercent !== undefined && Number(busyPercent) > 20) {
  console.log(`   NOTE  the CPUs were ${busyPercent}% busy with other processes before the start: indicative only`);
}
const result = {
  samples: total,
  cpuPerRequestUs,
  breakdown,
  otherNear: top(otherNear, 10).map(([frames, n]) => ({ frames, percent: pct(n) })),
  hottestMethods: top(leaves, 30).map(([method, n]) => ({ method, percent: pct(n) })),
  load: wrk ? { ...wrk, serverCpuMs: cpuMs ? Number(cpuMs) : undefined } : undefined,
  cpuBusyPercentBefore: busyPercent !== undefined ? Number(busyPercent) : undefined,
};
fs.writeFileSync(outFile, `${JSON.stringify(result, null, 2)}\n`);
console.log(`   written: ${outFile}`);
