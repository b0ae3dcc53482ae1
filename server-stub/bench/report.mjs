#!/usr/bin/env node
// Summary of a run of server-stub/bench/run.sh: reads the records it wrote (one JSON object a line),
// prints the figures of every server, the ratios and PASS/FAIL per target, and writes everything as JSON.
//
//   node server-stub/bench/report.mjs <records.jsonl> <results.json>
//
// Exit code: 0 every target met; 1 a target missed; 2 the measurement is not valid (an unexpected
// answer, a socket error, a missing figure); 3 the machine was busy (other processes took more than
// DISTURBED_CPUS in a phase, or the run started on a busy machine): the figures are not valid.

import fs from 'node:fs';
import path from 'node:path';

const [recordsFile, outFile] = process.argv.slice(2);
if (!recordsFile || !outFile) {
  console.error('usage: report.mjs <records.jsonl> <results.json>');
  process.exit(2);
}

// The targets, all against Prism in its best configuration (the variant "prism" of run.sh).
const TARGETS = {
  throughputMinRatio: 3, // stub req/s / Prism req/s, all rounds
  p99MaxRatio: 1, // stub p99 / Prism p99, worst round of each
  startupMaxMs: 1000, // median launch-to-first-201 of the stub, plain `java -jar`
  sustainedRssMaxMiB: 256, // stub RSS after the sustained phase (README command, no configuration)
};
const DISTURBED_CPUS = 0.2; // other processes busier than this during a phase: its figures are disturbed
const PEER = 'prism';

const records = fs.readFileSync(recordsFile, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));
const env = records.find((r) => r.kind === 'env');
const end = records.find((r) => r.kind === 'end');
const problems = [];
const notes = [];

function round(x, digits) {
  if (x === undefined || x === null || Number.isNaN(x) || !Number.isFinite(x)) return undefined;
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const mib = (kb) => round(kb / 1024, 1);
const socketErrors = (w) => w.errors.connect + w.errors.read + w.errors.write + w.errors.timeout;
const countOf = (w, status) => w.statuses[String(status)] ?? 0;
const othersThan = (w, allowed) => Object.entries(w.statuses).filter(([k]) => !allowed.includes(k)).reduce((n, [, v]) => n + v, 0);

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
  w.non201 = othersThan(w, ['201']);
  if (w.non201 > 0 || socketErrors(w) > 0 || !w.statuses['201']) {
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
  const requests = t.rounds.reduce((n, r) => n + r.requests, 0);
  const seconds = t.rounds.reduce((n, r) => n + r.durationSeconds, 0);
  if (t.rounds.every((r) => r.serverCpuMs !== undefined)) { // the server's CPU time per answered request
    t.serverCpuMicrosPerRequest = round(t.rounds.reduce((n, r) => n + r.serverCpuMs, 0) * 1000 / requests, 0);
  }
  t.requests = requests;
  t.requestsPerSecond = round(requests / seconds, 1);
  t.p50Ms = round(median(t.rounds.map((r) => r.latencyMicros.p50)) / 1000, 2); // median of the rounds
  t.p99Ms = round(Math.max(...t.rounds.map((r) => r.latencyMicros.p99)) / 1000, 2); // worst round
}
const memory = {};
for (const r of records.filter((x) => x.kind === 'memory')) {
  memory[r.variant] = { rssStartMiB: mib(r.rssStartKb), rssAfterLoadMiB: mib(r.rssAfterLoadKb) };
}
const validates = Object.fromEntries(records.filter((x) => x.kind === 'validates')
  .map((x) => [x.variant, { invalidBodyStatus: x.status, rejectsInvalid: x.rejectsInvalid }]));
for (const v of ['stub', PEER, 'prism-info']) {
  if (validates[v] && !validates[v].rejectsInvalid) {
    problems.push(`${v} answered ${validates[v].invalidBodyStatus} to an invalid body: it does not validate`);
  }
}

// ---------------------------------------------------------------- sustained
const sustained = {};
for (const r of records.filter((x) => x.kind === 'sustained')) {
  const w = r.wrk;
  const allowed = r.variant === 'stub' ? ['201', '507'] : ['201']; // 507: the stub's store is full
  const unexpected = othersThan(w, allowed);
  if (unexpected > 0 || socketErrors(w) > 0 || !w.statuses['201']) {
    problems.push(`sustained ${r.variant}: ${unexpected} unexpected answers (${JSON.stringify(w.statuses)}),`
      + ` socket errors ${JSON.stringify(w.errors)}`);
  }
  sustained[r.variant] = {
    seconds: w.durationSeconds,
    requests: w.requests,
    requestsPerSecond: w.requestsPerSecond,
    created201: countOf(w, 201),
    storeFull507: countOf(w, 507),
    p50Ms: round(w.latencyMicros.p50 / 1000, 2),
    p99Ms: round(w.latencyMicros.p99 / 1000, 2),
    serverCpuMicrosPerRequest: w.requests ? round(r.cpuMs * 1000 / w.requests, 0) : undefined,
    rssStartMiB: mib(r.rssStartKb),
    rssEndMiB: mib(r.rssEndKb),
    rssPeakMiB: mib(Math.max(r.rssEndKb, ...r.rssSeriesKb)),
    rssSeriesMiB: r.rssSeriesKb.map(mib),
  };
}

// CPUs other processes kept busy, per phase (0 on a quiet machine).
const otherProcesses = Object.fromEntries(records.filter((x) => x.kind === 'foreign').map((x) => [x.phase, x.cpus]));
const disturbed = Object.entries(otherProcesses).filter(([, c]) => c > DISTURBED_CPUS);
const busy = disturbed.length > 0 || env?.startedBusy === true;

// ---------------------------------------------------------------- targets
const rps = (v) => throughput[v]?.requestsPerSecond;
const verdicts = [];
const target = (id, text, value, pass, skipped) => {
  if (skipped) {
    verdicts.push({ id, target: text, value: null, pass: null, skipped });
  } else if (value === undefined || Number.isNaN(value)) {
    problems.push(`no figure for ${id}`);
    verdicts.push({ id, target: text, value: null, pass: false });
  } else {
    verdicts.push({ id, target: text, value, pass });
  }
};
const throughputRatio = round(rps('stub') / rps(PEER), 2);
const p99Ratio = round(throughput.stub?.p99Ms / throughput[PEER]?.p99Ms, 2);
const stubStartup = startup.stub?.medianMs;
const stubSustainedRss = sustained.stub?.rssEndMiB;
target('throughput-ratio', `throughput >= ${TARGETS.throughputMinRatio} x Prism's (${PEER})`, throughputRatio,
  throughputRatio >= TARGETS.throughputMinRatio);
target('p99-ratio', `p99 latency <= Prism's (stub ${throughput.stub?.p99Ms} ms / Prism ${throughput[PEER]?.p99Ms} ms)`,
  p99Ratio, p99Ratio <= TARGETS.p99MaxRatio);
target('startup-ms', `median startup to the first 201 <= ${TARGETS.startupMaxMs} ms (plain java -jar)`, stubStartup,
  stubStartup <= TARGETS.startupMaxMs);
target('sustained-rss', `RSS <= ${TARGETS.sustainedRssMaxMiB} MiB after ${env?.sustainedSeconds ?? '?'} s of unique creates`
  + ` (README command; MiB)`, stubSustainedRss, stubSustainedRss <= TARGETS.sustainedRssMaxMiB,
  env?.sustained === 0 ? 'the sustained phase was left out (--quick, --no-sustained or BENCH_SUSTAINED=0)' : undefined);

const ratios = { throughput: throughputRatio, p99: p99Ratio, throughputPerRound: [], throughputQuietRounds: [] };
const quiet = (phase) => (otherProcesses[phase] ?? Infinity) <= DISTURBED_CPUS;
for (const r of throughput.stub?.rounds ?? []) {
  const p = throughput[PEER]?.rounds.find((x) => x.round === r.round);
  if (!p) continue;
  const ratio = round(r.requestsPerSecond / p.requestsPerSecond, 2);
  ratios.throughputPerRound.push(ratio);
  if (quiet(`round${r.round}-stub`) && quiet(`round${r.round}-${PEER}`)) ratios.throughputQuietRounds.push({ round: r.round, ratio });
}
if (rps('wiremock')) ratios.throughputVsWiremock = round(rps('stub') / rps('wiremock'), 2);
if (rps('prism-info')) ratios.throughputVsPrismInfo = round(rps('stub') / rps('prism-info'), 2);
if (rps('stub-reset')) ratios.throughputStubResetVsPrism = round(rps('stub-reset') / rps(PEER), 2);
if (startup[PEER]) ratios.startupVsPrism = round(stubStartup / startup[PEER].medianMs, 3);
if (startup.wiremock) ratios.startupVsWiremock = round(stubStartup / startup.wiremock.medianMs, 3);
if (startup['stub-cds']) ratios.startupCdsMs = startup['stub-cds'].medianMs;

if (env && end && end.builtJarSha256 && env.jarSha256 !== end.builtJarSha256) {
  notes.push(`server-stub/target/cce-nodepool-stub.jar was rebuilt during the run (${env.jarSha256} -> ${end.builtJarSha256});`
    + ' the figures are those of the snapshot taken at the start');
}
if (env && env.documentSameAsBuilt === false) {
  notes.push('the document in the jar differs from openapi/target/classes/cce-nodepool/openapi.yaml; both servers used the jar\'s');
}
if (env?.startedBusy) {
  notes.push(`the run started on a busy machine (CPUs ${env.cpuBusyPercentBefore}% busy, --allow-busy)`);
}
if (disturbed.length > 0) {
  notes.push(`other processes used the CPUs during ${disturbed.map(([p, c]) => `${p} (${c})`).join(', ')}`);
}

// ---------------------------------------------------------------- output
const cmds = env?.commands ?? {};
console.log('== results');
console.log('   configurations:');
for (const [v, c] of Object.entries(cmds.load ?? {})) {
  if (throughput[v]) console.log(`     ${v.padEnd(11)} ${c}`);
}
console.log('   startup (launch to first 201)   median    min    max   RSS MiB median / max   runs (ms)');
for (const [v, s] of Object.entries(startup)) {
  console.log(`   ${v.padEnd(30)} ${`${s.medianMs} ms`.padStart(8)} ${String(s.minMs).padStart(6)} ${String(s.maxMs).padStart(6)}`
    + `   ${String(s.rssMedianMiB).padStart(6)} / ${String(s.rssMaxMiB).padEnd(10)}   ${s.runsMs.join(' ')}`);
}
console.log('   throughput (all rounds)          req/s   p50 ms   p99 ms   requests   CPU us/req   validates   per round (req/s)');
for (const [v, t] of Object.entries(throughput)) {
  if (!t.requestsPerSecond) continue;
  const val = validates[v.replace(/-reset$/, '')];
  console.log(`   ${v.padEnd(30)} ${t.requestsPerSecond.toFixed(0).padStart(7)} ${t.p50Ms.toFixed(2).padStart(8)}`
    + ` ${t.p99Ms.toFixed(2).padStart(8)} ${String(t.requests).padStart(10)}   ${String(t.serverCpuMicrosPerRequest ?? '?').padStart(10)}`
    + `   ${(val ? (val.rejectsInvalid ? `yes (${val.invalidBodyStatus})` : `no (${val.invalidBodyStatus})`) : '?').padEnd(9)}`
    + `   ${t.rounds.map((r) => r.requestsPerSecond.toFixed(0)).join(' ')}`);
}
for (const [v, m] of Object.entries(memory)) {
  console.log(`   ${v.padEnd(30)} RSS ${m.rssStartMiB} MiB after start, ${m.rssAfterLoadMiB} MiB after the throughput phase`);
}
if (Object.keys(sustained).length > 0) {
  console.log(`   sustained (${env?.sustainedSeconds} s)   req/s   201s      507s    p50 ms   p99 ms   CPU us/req   RSS MiB start / end / peak`);
  for (const [v, s] of Object.entries(sustained)) {
    console.log(`   ${v.padEnd(19)} ${s.requestsPerSecond.toFixed(0).padStart(7)} ${String(s.created201).padStart(8)}`
      + ` ${String(s.storeFull507).padStart(8)} ${s.p50Ms.toFixed(2).padStart(9)} ${s.p99Ms.toFixed(2).padStart(8)}`
      + ` ${String(s.serverCpuMicrosPerRequest ?? '?').padStart(12)}   ${s.rssStartMiB} / ${s.rssEndMiB} / ${s.rssPeakMiB}`);
  }
}
const info = [];
if (ratios.throughputVsWiremock !== undefined) info.push(`throughput stub/wiremock ${ratios.throughputVsWiremock}`);
if (ratios.throughputVsPrismInfo !== undefined) info.push(`stub/prism-info ${ratios.throughputVsPrismInfo}`);
if (ratios.throughputStubResetVsPrism !== undefined) info.push(`stub-reset/prism ${ratios.throughputStubResetVsPrism}`);
if (ratios.startupVsPrism !== undefined) info.push(`startup stub/prism ${ratios.startupVsPrism}`);
if (ratios.startupVsWiremock !== undefined) info.push(`startup stub/wiremock ${ratios.startupVsWiremock}`);
console.log(`   ratios: throughput stub/prism ${throughputRatio} (per round: ${ratios.throughputPerRound.join(', ')};`
  + ` in rounds where no other process ran: ${ratios.throughputQuietRounds.map((q) => `round ${q.round} ${q.ratio}`).join(', ') || 'none'}),`
  + ` p99 stub/prism ${p99Ratio}`);
if (info.length > 0) console.log(`   for information: ${info.join(', ')}`);
console.log('== targets (against Prism in its best configuration)');
for (const v of verdicts) {
  console.log(`   ${v.skipped ? 'SKIP' : v.pass ? 'PASS' : 'FAIL'}  ${v.target}: ${v.value ?? v.skipped}`);
}
for (const n of notes) console.log(`   NOTE  ${n}`);
for (const p of problems) console.log(`   ERROR ${p}`);
if (busy) {
  console.log('   NOT VALID: the machine was busy; these figures must not be published. Run again on a quiet machine.');
}

const allPass = verdicts.every((v) => v.pass !== false);
const results = {
  environment: env,
  end,
  otherProcessesCpus: otherProcesses,
  disturbed: busy,
  valid: !busy && problems.length === 0,
  targets: TARGETS,
  headlinePeer: PEER,
  startup,
  throughput,
  validates,
  memory,
  sustained,
  ratios,
  verdicts,
  notes,
  problems,
  pass: allPass && problems.length === 0 && !busy,
};
fs.mkdirSync(path.dirname(outFile), { recursive: true });
fs.writeFileSync(outFile, `${JSON.stringify(results, null, 2)}\n`);
console.log(`   written: ${outFile}`);
process.exit(problems.length > 0 ? 2 : busy ? 3 : allPass ? 0 : 1);
