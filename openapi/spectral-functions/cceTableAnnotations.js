'use strict';
// Rule cce-table-annotation: every schema under components/schemas, every parameter,
// every security scheme, every requestBody and every 2xx response carries `x-cce-table`
// (an integer 1..24 or a non-empty array of such integers) naming the reference page's
// table(s). A component schema that comes from no table carries `x-cce-source` (a
// non-empty string) instead - one or the other, not both.
const { isObject, isNonEmptyString, deref, operations, is2xx, tableValueProblem } = require('./cce-lib.js');

module.exports = function cceTableAnnotations(input) {
  const doc = input;
  if (!isObject(doc)) return [];
  const results = [];
  const checked = new Set();

  function check(node, path, what, allowSource) {
    const key = JSON.stringify(path);
    if (checked.has(key)) return;
    checked.add(key);
    if (!isObject(node)) return;
    const hasTable = node['x-cce-table'] !== undefined;
    const hasSource = node['x-cce-source'] !== undefined;
    if (allowSource) {
      if (hasTable && hasSource) {
        results.push({ message: `${what} carries both x-cce-table and x-cce-source (a component schema carries x-cce-table, or x-cce-source instead when it comes from no table - not both).`, path: [...path, 'x-cce-source'] });
        return;
      }
      if (hasSource) {
        if (!isNonEmptyString(node['x-cce-source'])) {
          results.push({ message: `${what} has x-cce-source ${JSON.stringify(node['x-cce-source'])}, which is not a non-empty string (x-cce-source names where a schema that comes from no table originates).`, path: [...path, 'x-cce-source'] });
        }
        return;
      }
    } else if (hasSource && !hasTable) {
      results.push({ message: `${what} carries x-cce-source but no x-cce-table (only component schemas may use x-cce-source; ${what.split(' ')[0]}s must carry x-cce-table).`, path });
      return;
    }
    if (!hasTable) {
      results.push({
        message: `${what} has no x-cce-table (it must name its table(s) of the reference page as an integer 1..24 or a non-empty array of them${allowSource ? ', or carry x-cce-source when it comes from no table' : ''}).`,
        path,
      });
      return;
    }
    const problem = tableValueProblem(node['x-cce-table']);
    if (problem) results.push({ message: `${what}: x-cce-table ${problem} (x-cce-table must be an integer 1..24 or a non-empty array of such integers).`, path: [...path, 'x-cce-table'] });
  }

  // Follow a local $ref to its target and check the target there; report unresolvable refs
  // nowhere (spectral:oas reports broken refs with invalid-ref).
  function checkMaybeRef(node, path, what, allowSource) {
    const t = deref(doc, node, path);
    if (t === undefined) return;
    check(t.value, t.path, what, allowSource);
  }

  const c = isObject(doc.components) ? doc.components : {};
  if (isObject(c.schemas)) {
    for (const [n, s] of Object.entries(c.schemas)) check(s, ['components', 'schemas', n], `Schema "${n}"`, true);
  }
  if (isObject(c.parameters)) {
    for (const [n, p] of Object.entries(c.parameters)) checkMaybeRef(p, ['components', 'parameters', n], `Parameter "${isObject(p) && p.name ? p.name : n}"`, false);
  }
  if (isObject(c.securitySchemes)) {
    for (const [n, s] of Object.entries(c.securitySchemes)) checkMaybeRef(s, ['components', 'securitySchemes', n], `Security scheme "${n}"`, false);
  }
  if (isObject(c.requestBodies)) {
    for (const [n, rb] of Object.entries(c.requestBodies)) checkMaybeRef(rb, ['components', 'requestBodies', n], `Request body "${n}"`, false);
  }
  if (isObject(doc.paths)) {
    for (const [p, item] of Object.entries(doc.paths)) {
      if (isObject(item) && Array.isArray(item.parameters)) {
        item.parameters.forEach((prm, i) => {
          const t = deref(doc, prm, ['paths', p, 'parameters', i]);
          checkMaybeRef(prm, ['paths', p, 'parameters', i], `Parameter "${t && isObject(t.value) && t.value.name ? t.value.name : i}"`, false);
        });
      }
    }
  }
  for (const { op, path } of operations(doc)) {
    if (Array.isArray(op.parameters)) {
      op.parameters.forEach((prm, i) => {
        const t = deref(doc, prm, [...path, 'parameters', i]);
        checkMaybeRef(prm, [...path, 'parameters', i], `Parameter "${t && isObject(t.value) && t.value.name ? t.value.name : i}"`, false);
      });
    }
    if (op.requestBody !== undefined) checkMaybeRef(op.requestBody, [...path, 'requestBody'], 'Request body', false);
    if (isObject(op.responses)) {
      for (const [code, r] of Object.entries(op.responses)) {
        if (is2xx(code)) checkMaybeRef(r, [...path, 'responses', code], `Response ${code}`, false);
      }
    }
  }
  return results;
};
