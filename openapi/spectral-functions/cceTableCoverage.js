'use strict';
// Rule cce-table-coverage: the x-cce-table values found anywhere in the document, taken
// together, name every table 1..24 of the reference page.
const { isObject } = require('./cce-lib.js');

module.exports = function cceTableCoverage(input) {
  if (!isObject(input)) return [];
  const found = new Set();
  const seen = new Set();
  (function walk(node) {
    if (node === null || typeof node !== 'object' || seen.has(node)) return;
    seen.add(node);
    if (Array.isArray(node)) {
      node.forEach(walk);
      return;
    }
    for (const [k, v] of Object.entries(node)) {
      if (k === 'x-cce-table') {
        for (const n of Array.isArray(v) ? v : [v]) if (Number.isInteger(n)) found.add(n);
      } else {
        walk(v);
      }
    }
  })(input);
  const missing = [];
  for (let t = 1; t <= 24; t++) if (!found.has(t)) missing.push(t);
  if (missing.length === 0) return [];
  return [{
    message: `No x-cce-table in the document names table${missing.length > 1 ? 's' : ''} ${missing.join(', ')} (together the x-cce-table values must cover every table 1..24 of the reference page).`,
    path: [],
  }];
};
