#!/usr/bin/env node
// Summary of a run of server-stub/bench/run.sh: reads the records it wrote (one JSON object a line),
// prints medians, ratios and PASS/FAIL per target, and writes everything as JSON.
//
//   node server-stub/bench/report.mjs <records.jsonl> <results.json>
//
// Exit code: 0 every target met, 1 a target missed, 2 the measurement is not valid (an answer other
// than 201, a socket error, a missing figure).

import fs from 'node:fs';
import path from 'node:path';

const [recordsFile, outFile] = process.argv.slice(2);
if (!recordsFile || !outFile) {
  console.error('usage: report.mjs <records.jsonl> <results.json>');
  process.exit(2);
}

const TARGETS = {
  startupMaxMs: 1000, // median launch-to-first-201 of the stub
  startupMaxRatio: 0.5, // stub median / Prism median
  throughputMinRatio: 3, // stub req/s / Prism req/s, all rounds
  rssMaxMiB: 128, // resident memory after start, largest of all startup runs
};
const DISTURBED_CPUS = 0.2; // other processes busier than this during a phase: its figures are disturbed

const records = fs.readFileSync(recordsFile, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));
const env = records.find((r) => r.kind === 'env');
const end = records.find((r) => r.kind === 'end');
const problems = [];
const notes = [];

function round(x, digits) {
  if (x === undefined || Number.isNaN(x) || !Number.isFinite(x)) return undefined;
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const mib = (kb) => round(kb / 1024, 1);

// ---------------------------------------------------------------- startup
const startup = {};
for (const r of records.filter((x) => x.kind === 'startup')) {
  const s = (startup[r.variant] ??= { runsMs: [], rssFirst201MiB: [], rssOneSecondLaterMiB: [] });
  s.runsMs.push(r.startupMs);
  s.rssFirst201MiB.push(mib(r.rssFirst201Kb));
  s.rssOneSecondLaterMiB.push(mib(r.rssSettledKb));
}
for (const s of Object.values(startup)) {
  s.medianMs = round(median(s.runsMs), 1);
  s.minMs = Math.min(...s.runsMs);
  s.maxMs = Math.max(...s.runsMs);
  s.rssMedianMiB = round(median(s.rssOneSecondLaterMiB), 1);
  s.rssMaxMiB = Math.max(...s.rssFirst201MiB, ...s.rssOneSecondLaterMiB);
}

// ---------------------------------------------------------------- throughput
const throughput = {};
for (const r of records.filter((x) => x.kind === 'load')) {
  const t = (throughput[r.variant] ??= { rounds: [] });
  const w = r.wrk;
  w.non201 = Object.entries(w.statuses).filter(([k]) => k !== '201').reduce((n, [, v]) => n + v, 0);
  const socket = w.errors.connect + w.errors.read + w.errors.write + w.errors.timeout;
  if (w.non201 > 0 || socket > 0 || !w.statuses['201']) {
    problems.push(`${r.variant} ${r.phase}: ${w.non201} answers other than 201 (${JSON.stringify(w.statuses)}),`
      + ` socket errors ${JSON.stringify(w.errors)}`);
  }
  if (r.phase === 'warmup') {
    t.warmup = w;
  } else {
    t.rounds.push({ round: Number(r.phase.replace('round', '')), ...w });
  }
}
for (const r of records.filter((x) => x.kind === 'servercpu')) {
  const slot = throughput[r.variant]?.rounds.find((x) => `round${x.round}` === r.phase);
  if (slot) slot.serverCpuMs = r.cpuMs;
}
for (const t of Object.values(throughput)) {
  if (t.rounds.length === 0) continue;
  if (t.rounds.every((r) => r.serverCpuMs !== undefined)) { // the server's CPU time per answered request
    t.serverCpuMicrosPerRequest = round(t.rounds.reduce((n, r) => n + r.serverCpuMs, 0) * 1000
      / t.rounds.reduce((n, r) => n + r.requests, 0), 0);
  }
  const requests = t.rounds.reduce((n, r) => n + r.requests, 0);
  const seconds = t.rounds.reduce((n, r) => n + r.durationSeconds, 0);
  t.requests = requests;
  t.requestsPerSecond = round(requests / seconds, 1);
  t.p50Ms = round(median(t.rounds.map((r) => r.latencyMicros.p50)) / 1000, 2); // median of the rounds
  t.p99Ms = round(Math.max(...t.rounds.map((r) => r.latencyMicros.p99)) / 1000, 2); // worst round
}
const memory = {};
for (const r of records.filter((x) => x.kind === 'memory')) {
  memory[r.variant] = { rssStartMiB: mib(r.rssStartKb), rssAfterLoadMiB: mib(r.rssAfterLoadKb) };
}

// CPUs other processes kept busy, per phase (0 on a quiet machine).
const otherProcesses = Object.fromEntries(records.filter((x) => x.kind === 'foreign').map((x) => [x.phase, x.cpus]));
const disturbed = Object.entries(otherProcesses).filter(([, c]) => c > DISTURBED_CPUS);

// ---------------------------------------------------------------- targets
const rps = (v) => throughput[v]?.requestsPerSecond;
const verdicts = [];
const target = (id, text, value, pass) => {
  if (value === undefined || Number.isNaN(value)) {
    problems.push(`no figure for ${id}`);
    verdicts.push({ id, target: text, value: null, pass: false });
  } else {
    verdicts.push({ id, target: text, value, pass });
  }
};
const stubStartup = startup.stub?.medianMs;
const prismStartup = startup.prism?.medianMs;
const startupRatio = round(stubStartup / prismStartup, 3);
const throughputRatio = round(rps('stub') / rps('prism'), 2);
const rssMax = Math.max(startup.stub?.rssMaxMiB ?? NaN, memory.stub?.rssStartMiB ?? NaN);
target('startup-ms', `median startup to the first 201 <= ${TARGETS.startupMaxMs} ms`, stubStartup,
  stubStartup <= TARGETS.startupMaxMs);
target('startup-ratio', `median startup <= ${TARGETS.startupMaxRatio} x Prism's`, startupRatio,
  startupRatio <= TARGETS.startupMaxRatio);
target('throughput-ratio', `throughput >= ${TARGETS.throughputMinRatio} x Prism's`, throughputRatio,
  throughputRatio >= TARGETS.throughputMinRatio);
target('rss-after-start', `resident memory after start < ${TARGETS.rssMaxMiB} MiB (largest of all runs, MiB)`, rssMax,
  rssMax < TARGETS.rssMaxMiB);

const ratios = { startup: startupRatio, throughput: throughputRatio, throughputPerRound: [], throughputQuietRounds: [] };
const quiet = (phase) => (otherProcesses[phase] ?? Infinity) <= DISTURBED_CPUS;
for (const r of throughput.stub?.rounds ?? []) {
  const p = throughput.prism?.rounds.find((x) => x.round === r.round);
  if (!p) continue;
  const ratio = round(r.requestsPerSecond / p.requestsPerSecond, 2);
  ratios.throughputPerRound.push(ratio);
  if (quiet(`round${r.round}-stub`) && quiet(`round${r.round}-prism`)) {
    ratios.throughputQuietRounds.push({ round: r.round, ratio });
  }
}
if (startup['stub-cds']) {
  const c = startup['stub-cds'];
  ratios.startupCds = round(c.medianMs / prismStartup, 3);
  ratios.startupCdsPass = c.medianMs <= TARGETS.startupMaxMs && ratios.startupCds <= TARGETS.startupMaxRatio;
}
if (rps('prism-quiet')) ratios.throughputVsPrismQuiet = round(rps('stub') / rps('prism-quiet'), 2);
if (rps('stub-reset')) {
  ratios.throughputStubResetVsPrism = round(rps('stub-reset') / rps('prism'), 2);
  if (rps('prism-quiet')) ratios.throughputStubResetVsPrismQuiet = round(rps('stub-reset') / rps('prism-quiet'), 2);
}
if (env && end && end.builtJarSha256 && env.jarSha256 !== end.builtJarSha256) {
  notes.push(`server-stub/target/cce-nodepool-stub.jar was rebuilt during the run (${env.jarSha256} -> ${end.builtJarSha256});`
    + ' the figures are those of the snapshot taken at the start');
}
if (env && env.documentSameAsBuilt === false) {
  notes.push('the document in the jar differs from openapi/target/classes/cce-nodepool/openapi.yaml; both servers used the jar\'s');
}
if (disturbed.length > 0) {
  notes.push(`other processes used the CPUs during ${disturbed.map(([p, c]) => `${p} (${c})`).join(', ')}:`
    + ' those figures are disturbed; run again on a quiet machine');
}

// ---------------------------------------------------------------- output
console.log('== results');
console.log('   startup (launch to first 201)   median    min    max   RSS MiB median / max   runs (ms)');
for (const [v, s] of Object.entries(startup)) {
  console.log(`   ${v.padEnd(30)} ${`${s.medianMs} ms`.padStart(8)} ${String(s.minMs).padStart(6)} ${String(s.maxMs).padStart(6)}`
    + `   ${String(s.rssMedianMiB).padStart(6)} / ${String(s.rssMaxMiB).padEnd(10)}   ${s.runsMs.join(' ')}`);
}
console.log('   throughput (all rounds)          req/s   p50 ms   p99 ms   requests   CPU us/req   per round (req/s)');
for (const [v, t] of Object.entries(throughput)) {
  if (!t.requestsPerSecond) continue;
  console.log(`   ${v.padEnd(30)} ${t.requestsPerSecond.toFixed(0).padStart(7)} ${t.p50Ms.toFixed(2).padStart(8)}`
    + ` ${t.p99Ms.toFixed(2).padStart(8)} ${String(t.requests).padStart(10)}   ${String(t.serverCpuMicrosPerRequest ?? '?').padStart(10)}`
    + `   ${t.rounds.map((r) => r.requestsPerSecond.toFixed(0)).join(' ')}`);
}
for (const [v, m] of Object.entries(memory)) {
  console.log(`   ${v.padEnd(30)} RSS ${m.rssStartMiB} MiB after start, ${m.rssAfterLoadMiB} MiB after the load`);
}
const info = [];
if (ratios.startupCds !== undefined) info.push(`startup stub-cds/Prism ${ratios.startupCds}`);
if (ratios.throughputVsPrismQuiet !== undefined) info.push(`throughput stub/prism-quiet ${ratios.throughputVsPrismQuiet}`);
if (ratios.throughputStubResetVsPrism !== undefined) info.push(`stub-reset/Prism ${ratios.throughputStubResetVsPrism}`);
if (ratios.throughputStubResetVsPrismQuiet !== undefined) info.push(`stub-reset/prism-quiet ${ratios.throughputStubResetVsPrismQuiet}`);
console.log(`   ratios: startup stub/Prism ${startupRatio}, throughput stub/Prism ${throughputRatio}`
  + ` (per round: ${ratios.throughputPerRound.join(', ')}; in rounds where no other process ran:`
  + ` ${ratios.throughputQuietRounds.map((q) => `round ${q.round} ${q.ratio}`).join(', ') || 'none'})`);
if (info.length > 0) {
  console.log(`   for information: ${info.join(', ')}`);
  console.log('   (stub-cds: -XX:SharedArchiveFile; stub-reset: POST /__admin/reset every 0.5 s during the run; prism-quiet: -v error)');
}
console.log('== targets');
for (const v of verdicts) {
  console.log(`   ${v.pass ? 'PASS' : 'FAIL'}  ${v.target}: ${v.value}`);
}
for (const n of notes) {
  console.log(`   NOTE  ${n}`);
}
for (const p of problems) {
  console.log(`   ERROR ${p}`);
}

const allPass = verdicts.every((v) => v.pass);
const results = {
  environment: env,
  end,
  otherProcessesCpus: otherProcesses,
  disturbed: disturbed.length > 0,
  targets: TARGETS,
  startup,
  throughput,
  memory,
  ratios,
  verdicts,
  notes,
  problems,
  pass: allPass && problems.length === 0,
};
fs.mkdirSync(path.dirname(outFile), { recursive: true });
fs.writeFileSync(outFile, `${JSON.stringify(results, null, 2)}\n`);
console.log(`   written: ${outFile}`);
process.exit(problems.length > 0 ? 2 : allPass ? 0 : 1);
