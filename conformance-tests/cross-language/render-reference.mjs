// Check 9: the reference page (cce-nodepool/openapi.html of the openapi jar, Redocly CLI build-docs)
// opened in headless Chromium (Debian's /usr/bin/chromium, driven by playwright-core; no browser is
// downloaded). Run by CrossLanguageReferencePageTest:
//
//   node render-reference.mjs <openapi.html> <bundled openapi.json> <work dir> [<screenshot.png>]
//
// What it does, as a reader would: opens the page, follows the operation's link, then clicks each
// response status and picks each documented example in the request and response sample panels,
// scrolling through the page in every state (Redoc renders nested schemas only when they scroll
// into view). It collects the page's text and checks that
// - the operation (summary, method and path) is on the page;
// - every schema of components/schemas is rendered: its name as a type label "(Name)", or, for a
//   schema that is a request or response body (or an alternative of a oneOf body, whose tab is
//   picked), each of its members as a field;
// - both documented example pairs are rendered: with each request and each 201 example picked,
//   every scalar value of that example is in the sample panel's text;
// - nothing went wrong: no console error, no uncaught exception, no failed request, and no request
//   at all that is not file: or data: or blob: (every other one is refused and reported).
// Prints what it found; exit code 0 only if all of that holds.

import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const [htmlFile, docFile, workDir, screenshot] = process.argv.slice(2);
const doc = JSON.parse(fs.readFileSync(docFile, 'utf8'));
const problems = [];
const events = [];

// ------------------------------------------------------------------------- what the document holds
const resolve = (node) => {
  let n = node;
  while (n && n.$ref) {
    n = n.$ref.slice(2).split('/').map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'))
      .reduce((o, k) => o?.[k], doc);
  }
  return n;
};
const refName = (node) => (node?.$ref?.startsWith('#/components/schemas/') ? node.$ref.split('/').pop() : null);
const [[opPath, pathItem]] = Object.entries(doc.paths);
const [[method, operation]] = Object.entries(pathItem).filter(([m]) => ['get', 'post', 'put', 'patch', 'delete'].includes(m));
const requestMedia = resolve(operation.requestBody).content['application/json'];
const responses = Object.entries(operation.responses).map(([code, r]) => [code, resolve(r)]);
const created = responses.find(([code]) => code === '201')[1].content['application/json'];
// Schemas shown as a body, not under a type label: name -> the states that show them ('operation' for
// the request body, 'response <code>' for a response, 'response <code> / <alternative>' for each
// alternative of a oneOf or anyOf body, shown when its tab is picked).
const bodySchemas = new Map();
const shownIn = (name, state) => bodySchemas.set(name, [...(bodySchemas.get(name) ?? []), state]);
shownIn(refName(requestMedia.schema), 'operation');
const alternatives = new Map(); // response code -> names of the alternatives of its body
for (const [code, r] of responses) {
  const name = refName(r?.content?.['application/json']?.schema);
  if (!name) continue;
  shownIn(name, `response ${code}`);
  const schema = resolve(doc.components.schemas[name]);
  const alts = (schema.oneOf ?? schema.anyOf ?? []).map(refName).filter(Boolean);
  if (alts.length > 0) alternatives.set(code, alts);
  alts.forEach((alt) => shownIn(alt, `response ${code} / ${alt}`));
}
const examplePairs = {
  request: Object.entries(requestMedia.examples).map(([key, e]) => ({ key, ...resolve(e) })),
  response: Object.entries(created.examples).map(([key, e]) => ({ key, ...resolve(e) })),
};
const scalars = (value, out = []) => {
  if (value !== null && typeof value === 'object') Object.values(value).forEach((v) => scalars(v, out));
  else out.push(JSON.stringify(value));
  return out;
};

// ------------------------------------------------------------------------- the browser
fs.mkdirSync(workDir, { recursive: true });
const profile = fs.mkdtempSync(path.join(workDir, 'chromium-profile-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: '/usr/bin/chromium',
  headless: true,
  // A tall window: Redoc renders what intersects it, so fewer scroll steps reach everything.
  viewport: { width: 1280, height: 3000 },
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
try {
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (/^(file|data|blob):/.test(url)) return route.continue();
    problems.push(`the page requested ${url} (refused: the page must work offline)`);
    return route.abort();
  });
  const page = context.pages()[0] ?? await context.newPage();
  page.on('console', (m) => {
    events.push(`console.${m.type()}: ${m.text().replace(/%c/g, '').replace(/\s+/g, ' ').slice(0, 120)}`);
    if (m.type() === 'error') problems.push(`console error: ${m.text()} (${m.location().url}:${m.location().lineNumber})`);
  });
  page.on('pageerror', (e) => problems.push(`uncaught exception: ${e.message}`));
  page.on('requestfailed', (r) => {
    if (/^(file|data|blob):/.test(r.url())) problems.push(`request failed: ${r.url()}: ${r.failure()?.errorText}`);
  });

  const texts = new Map(); // state -> set of text lines
  const harvest = async (state) => {
    const lines = texts.get(state) ?? new Set();
    texts.set(state, lines);
    await page.evaluate(() => window.scrollTo(0, 0));
    for (let i = 0; i < 400; i++) {
      (await page.evaluate(() => document.body.innerText)).split('\n').map((l) => l.trim()).filter(Boolean)
        .forEach((l) => lines.add(l));
      const moved = await page.evaluate(() => {
        const before = window.scrollY;
        window.scrollBy(0, Math.round(window.innerHeight * 0.8));
        return window.scrollY !== before;
      });
      if (!moved) break;
      await page.waitForTimeout(30);
    }
    await page.evaluate(() => window.scrollTo(0, 0));
    return lines;
  };
  const all = () => new Set([...texts.values()].flatMap((s) => [...s]));
  const pick = async (dropdown, name) => {
    await dropdown.click();
    await page.getByRole('menuitem', { name, exact: true }).first().click();
    await page.waitForTimeout(100);
  };

  await page.goto(pathToFileURL(path.resolve(htmlFile)).href, { waitUntil: 'load' });
  await page.getByText(doc.info.title, { exact: false }).first().waitFor({ timeout: 20000 });
  await harvest('start page');

  // The operation: its link (the path) from the start page, then its heading.
  await page.locator('a', { hasText: opPath }).first().click();
  await page.getByRole('heading', { name: operation.summary }).first().waitFor({ timeout: 20000 });
  const opening = await harvest('operation');
  for (const expected of [operation.summary, method.toUpperCase(), opPath]) {
    if (![...opening].some((l) => l.includes(expected))) problems.push(`the operation page does not show "${expected}"`);
  }
  if (screenshot) {
    const box = await page.getByRole('heading', { name: operation.summary }).first().boundingBox();
    await page.screenshot({ path: screenshot, clip: { x: 0, y: Math.max(0, (box?.y ?? 0) - 40), width: 1280, height: 1400 } });
  }

  // Every response status (the schema pane of each).
  const statusTabs = page.locator('[role=tablist][aria-label="Response status"] [role=tab]');
  const statuses = await statusTabs.allInnerTexts();
  const documented = responses.map(([code]) => code);
  if (documented.some((c) => !statuses.map((s) => s.trim()).includes(c))) {
    problems.push(`response status tabs ${statuses.join(' ')}; the document has ${documented.join(' ')}`);
  }
  for (let i = 0; i < statuses.length; i++) {
    const code = statuses[i].trim();
    await statusTabs.nth(i).click();
    await page.waitForTimeout(100);
    await harvest(`response ${code}`);
    for (const alt of alternatives.get(code) ?? []) {
      await page.getByText(alt, { exact: true }).first().click();
      await page.waitForTimeout(100);
      await harvest(`response ${code} / ${alt}`);
    }
  }
  await statusTabs.first().click();

  // The examples: each request example in the payload panel, each 201 example in the response panel.
  const dropdowns = page.locator('button[aria-label="Example"]');
  for (const [kind, index] of [['request', 0], ['response', 1]]) {
    for (const example of examplePairs[kind]) {
      await pick(dropdowns.nth(index), example.summary);
      const lines = await harvest(`${kind} example ${example.key}`);
      const text = [...lines].join('\n');
      const missing = scalars(example.value).filter((s) => !text.includes(s));
      events.push(`${kind} example ${example.key} ("${example.summary}"): ${scalars(example.value).length - missing.length}`
        + ` of ${scalars(example.value).length} values on the page`);
      if (missing.length > 0) {
        problems.push(`${kind} example ${example.key} ("${example.summary}") picked, but ${missing.length} of its values`
          + ` are not on the page: ${missing.slice(0, 10).join(', ')}`);
      }
    }
  }

  // Every schema: under a type label "(Name)" on a line of its own in some state, or, where it is a body
  // (or an alternative of one), with each of its members as a field in a state that shows it; a oneOf
  // or anyOf body with "One of:" and the name of each alternative.
  const lines = all();
  const rendered = [];
  for (const [name, raw] of Object.entries(doc.components.schemas)) {
    const schema = resolve(raw);
    if (lines.has(`(${name})`)) {
      rendered.push(name);
      continue;
    }
    const states = bodySchemas.get(name) ?? [];
    const members = Object.keys(schema.properties ?? {});
    const alts = (schema.oneOf ?? schema.anyOf ?? []).map(refName).filter(Boolean);
    const shown = states.find((state) => {
      const l = texts.get(state) ?? new Set();
      return members.length > 0 ? members.every((m) => l.has(m))
        : alts.length > 0 && [...l].some((x) => /^(One|Any) of:?$/.test(x)) && alts.every((a) => l.has(a));
    });
    if (shown) {
      rendered.push(`${name} (${shown})`);
    } else if (states.length > 0) {
      problems.push(`schema ${name} is not on the page: not under a type label "(${name})" and not shown in ${states.join(', ')}`
        + (members.length > 0 ? ` with its members ${members.join(', ')}` : ` with its alternatives ${alts.join(', ')}`));
    } else {
      problems.push(`schema ${name} is not on the page (no type label "(${name})" in any state)`);
    }
  }
  events.push(`${rendered.length} of ${Object.keys(doc.components.schemas).length} schemas rendered: ${rendered.join(', ')}`);
  events.push(`states visited: ${[...texts.keys()].join(', ')}`);
  if (process.env.RENDER_DUMP) {
    fs.writeFileSync(process.env.RENDER_DUMP, [...texts].map(([state, l]) => `### ${state}\n${[...l].join('\n')}`).join('\n'));
  }
} catch (e) {
  problems.push(`could not drive the page: ${e instanceof Error ? e.message : e}`);
} finally {
  await context.close();
  fs.rmSync(profile, { recursive: true, force: true });
}

events.forEach((e) => console.log(e));
problems.forEach((p) => console.log(`PROBLEM ${p}`));
console.log(problems.length === 0 ? 'OK' : `FAILED (${problems.length} problems)`);
process.exitCode = problems.length === 0 ? 0 : 1;
