'use strict';
// Rule cce-rules-well-formed: the top-level `x-cce-rules` is a non-empty list of objects,
// each with a unique kebab-case `id`, a non-empty `message`, `tables` (a non-empty list of
// integers 1..24), `fields` (a non-empty list of non-empty strings), and optionally
// `errorCode` (a string starting with "CCE"), `scope` ("request" or "cluster") and
// `schemaKeywords` (JSON pointers to the anyOf/oneOf/allOf/not keywords of component schemas that
// state the rule as well).
// Other keys are refused (typo guard) unless they start with "x-".
const { isObject, isNonEmptyString } = require('./cce-lib.js');

const KEBAB = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const KNOWN = new Set(['id', 'message', 'tables', 'fields', 'errorCode', 'scope', 'schemaKeywords']);
const SCHEMA_KEYWORD = /^\/components\/schemas\/[^/]+(\/.+)?\/(anyOf|oneOf|allOf|not)$/;
const SCOPES = ['request', 'cluster'];

module.exports = function cceRulesWellFormed(input) {
  const doc = input;
  if (!isObject(doc)) return [];
  const results = [];
  const rules = doc['x-cce-rules'];
  if (rules === undefined) {
    return [{ message: 'The document has no top-level x-cce-rules (the rules JSON Schema cannot state must be listed there as {id, message, tables, fields}).', path: [] }];
  }
  if (!Array.isArray(rules) || rules.length === 0) {
    return [{ message: 'x-cce-rules must be a non-empty list of {id, message, tables, fields} objects.', path: ['x-cce-rules'] }];
  }
  const ids = new Map();
  rules.forEach((r, i) => {
    const p = ['x-cce-rules', i];
    if (!isObject(r)) {
      results.push({ message: `x-cce-rules entry ${i} is not an object (each entry is {id, message, tables, fields}).`, path: p });
      return;
    }
    const label = isNonEmptyString(r.id) ? `x-cce-rules entry "${r.id}"` : `x-cce-rules entry ${i}`;
    if (r.id === undefined) {
      results.push({ message: `${label} has no id (each entry needs a unique kebab-case id).`, path: p });
    } else if (typeof r.id !== 'string' || !KEBAB.test(r.id)) {
      results.push({ message: `${label}: id ${JSON.stringify(r.id)} is not kebab-case (lowercase letters and digits separated by single hyphens).`, path: [...p, 'id'] });
    } else if (ids.has(r.id)) {
      results.push({ message: `${label}: id "${r.id}" is not unique (also used by entry ${ids.get(r.id)}).`, path: [...p, 'id'] });
    } else {
      ids.set(r.id, i);
    }
    if (!isNonEmptyString(r.message)) {
      results.push({ message: `${label} has ${r.message === undefined ? 'no' : 'an empty or non-string'} message (each entry needs a non-empty message).`, path: r.message === undefined ? p : [...p, 'message'] });
    }
    if (!Array.isArray(r.tables) || r.tables.length === 0) {
      results.push({ message: `${label}: tables must be a non-empty list of integers 1..24 (the reference page's tables the rule comes from).`, path: r.tables === undefined ? p : [...p, 'tables'] });
    } else {
      r.tables.forEach((t, j) => {
        if (!(Number.isInteger(t) && t >= 1 && t <= 24)) {
          results.push({ message: `${label}: tables[${j}] is ${JSON.stringify(t)}, not an integer 1..24.`, path: [...p, 'tables', j] });
        }
      });
    }
    if (!Array.isArray(r.fields) || r.fields.length === 0) {
      results.push({ message: `${label}: fields must be a non-empty list of strings (the fields the rule constrains).`, path: r.fields === undefined ? p : [...p, 'fields'] });
    } else {
      r.fields.forEach((f, j) => {
        if (!isNonEmptyString(f)) results.push({ message: `${label}: fields[${j}] is ${JSON.stringify(f)}, not a non-empty string.`, path: [...p, 'fields', j] });
      });
    }
    if (r.errorCode !== undefined && !(typeof r.errorCode === 'string' && /^CCE[._][A-Za-z0-9._]+$/.test(r.errorCode))) {
      results.push({ message: `${label}: errorCode ${JSON.stringify(r.errorCode)} is not a CCE error code (a string like "CCE.01400001").`, path: [...p, 'errorCode'] });
    }
    if (r.scope !== undefined && !SCOPES.includes(r.scope)) {
      results.push({ message: `${label}: scope ${JSON.stringify(r.scope)} is not one of ${SCOPES.join(', ')}.`, path: [...p, 'scope'] });
    }
    if (r.schemaKeywords !== undefined) {
      if (!Array.isArray(r.schemaKeywords) || r.schemaKeywords.length === 0) {
        results.push({ message: `${label}: schemaKeywords must be a non-empty list of JSON pointers to the schema keywords (anyOf, oneOf, allOf, not) that state the rule as well.`, path: [...p, 'schemaKeywords'] });
      } else {
        r.schemaKeywords.forEach((k, j) => {
          if (typeof k !== 'string' || !SCHEMA_KEYWORD.test(k)) {
            results.push({ message: `${label}: schemaKeywords[${j}] is ${JSON.stringify(k)}, not a JSON pointer to an anyOf, oneOf, allOf or not of a component schema.`, path: [...p, 'schemaKeywords', j] });
          }
        });
      }
    }
    for (const k of Object.keys(r)) {
      if (!KNOWN.has(k) && !k.startsWith('x-')) {
        results.push({ message: `${label} has unknown key "${k}" (allowed: ${[...KNOWN].join(', ')}, or x-*).`, path: [...p, k] });
      }
    }
  });
  return results;
};
