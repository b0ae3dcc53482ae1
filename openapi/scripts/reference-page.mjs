#!/usr/bin/env node
// Renders the bundled document as one self-contained HTML page with Redocly CLI's build-docs (Redoc 3).
//
//   node openapi/scripts/reference-page.mjs <bundled openapi.yaml> <out.html>
//
// Offline at build time and when the page is viewed:
// - build-docs runs with --inlineBundle (Redoc's script inside the page, not loaded from Redocly's CDN),
//   with telemetry off (REDOCLY_TELEMETRY=off and `telemetry: off` in reference-page.redocly.yaml) and
//   without the update check (REDOCLY_SUPPRESS_UPDATE_NOTICE);
// - Redoc 3 shows a "API docs by Redocly" logo that it loads from cdn.redoc.ly whatever the options; the
//   two logo addresses are replaced by an inline SVG (a data: URL) with the same words.
// Fails (exit code 1) if build-docs fails, or the page still names Redoc's CDN or a web font service, or
// has a script, link or img element with a remote address.
// The page's rendering is checked in headless Chromium by the conformance suite (check 9), which also
// refuses and reports every request the page makes that is not file: or data:.

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const [input, output] = process.argv.slice(2);
if (!input || !output) {
  console.error('usage: node openapi/scripts/reference-page.mjs <bundled openapi.yaml> <out.html>');
  process.exit(2);
}

const redocly = path.join('node_modules', '.bin', process.platform === 'win32' ? 'redocly.cmd' : 'redocly');
const result = spawnSync(redocly, [
  'build-docs', input, '--output', output, '--inlineBundle',
  '--config', 'openapi/reference-page.redocly.yaml',
  '--title', 'CCE Create Node Pool: API reference',
], {
  stdio: ['ignore', 'pipe', 'pipe'],
  encoding: 'utf8',
  env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' },
});
// build-docs prints two boxed banners (Redoc 3, Node.js 20); keep its last line and any error.
const printed = `${result.stdout ?? ''}${result.stderr ?? ''}`;
if (result.error || result.status !== 0) {
  console.error(printed);
  console.error(`redocly build-docs failed${result.error ? `: ${result.error.message}` : ` with exit code ${result.status}`}`);
  process.exit(1);
}

const logo = (words) => `data:image/svg+xml,${encodeURIComponent(
  `<svg xmlns="http://www.w3.org/2000/svg" width="${words.length * 8}" height="16">`
  + `<text x="0" y="12" font-family="sans-serif" font-size="12" fill="#0044D4">${words}</text></svg>`)}`;
let html = fs.readFileSync(output, 'utf8');
html = html
  .replaceAll('https://cdn.redoc.ly/redoc/logo-mini-full.svg', logo('Redocly'))
  .replaceAll('https://cdn.redoc.ly/redoc/logo-mini.svg', logo('R'));
// Redoc's script also holds addresses of icon sets on cdn.redocly.com, for icons this page does not use;
// check 9 shows that the page requests nothing from there (or anywhere) when it is viewed.
const remote = ['cdn.redoc.ly', 'fonts.googleapis.com', 'fonts.gstatic.com']
  .filter((host) => html.includes(host));
for (const tag of html.match(/<(script|link|img)\b[^>]*\b(src|href)=["']?https?:[^>]*>/gi) ?? []) {
  remote.push(tag);
}
if (remote.length > 0) {
  console.error(`${output}: the page still names ${remote.join(', ')}: it would load from there when viewed`);
  process.exit(1);
}
fs.writeFileSync(output, html);
console.log(`reference-page.mjs: ${input} -> ${output} (${Math.round(html.length / 1024)} KiB, offline)`);
