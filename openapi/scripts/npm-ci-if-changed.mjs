#!/usr/bin/env node
// Runs `npm ci` in the repository root unless node_modules was already installed by `npm ci` from
// exactly the current package.json and package-lock.json.
//
//   node openapi/scripts/npm-ci-if-changed.mjs
//
// `npm ci` deletes and re-creates node_modules every time (15 s or more here), and two builds that
// run it at once break each other. A stamp written after a successful install, holding the SHA-256
// of both files, lets every later build skip it; a changed lock file (or a fresh clone) installs.

import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

const STAMP = 'node_modules/.installed-from.sha256';

const digest = createHash('sha256');
for (const file of ['package.json', 'package-lock.json']) {
  digest.update(fs.readFileSync(file));
}
const wanted = digest.digest('hex');

const installed = fs.existsSync(STAMP) ? fs.readFileSync(STAMP, 'utf8').trim() : '';
if (installed === wanted) {
  console.log(`node_modules is up to date with package-lock.json (${wanted.slice(0, 12)})`);
  process.exit(0);
}

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const result = spawnSync(npm, ['ci', '--no-audit', '--no-fund'], { stdio: 'inherit' });
if (result.error || result.status !== 0) {
  console.error(`npm ci failed${result.error ? `: ${result.error.message}` : ` with exit code ${result.status}`}`);
  process.exit(1);
}
fs.writeFileSync(STAMP, `${wanted}\n`);
