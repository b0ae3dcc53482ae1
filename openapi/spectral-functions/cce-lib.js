'use strict';
// Shared helpers for the CCE custom Spectral functions (CommonJS, no dependencies).
// All rules using these helpers run with `resolved: false`, i.e. they look at the
// document as written: a `$ref` is a node of its own, never followed implicitly.

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

function isObject(v) {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function isNonEmptyString(v) {
  return typeof v === 'string' && v.trim() !== '';
}

function decodePointerToken(t) {
  return decodeURIComponent(t).replace(/~1/g, '/').replace(/~0/g, '~');
}

// Resolve a local JSON reference ('#/a/b') against the raw document.
// Returns {value, path} or undefined when the ref is not local or does not resolve.
function resolveLocalRef(doc, ref) {
  if (typeof ref !== 'string' || !ref.startsWith('#')) return undefined;
  const tokens = ref === '#' || ref === '#/' ? [] : ref.slice(2).split('/').map(decodePointerToken);
  let cur = doc;
  for (const t of tokens) {
    if (cur === null || typeof cur !== 'object' || !(t in cur)) return undefined;
    cur = cur[t];
  }
  return { value: cur, path: tokens };
}

// Follow local $ref chains (max 10 hops). Returns {value, path} of the final target,
// the node itself when it is no $ref, or undefined for unresolvable/non-local refs.
function deref(doc, node, path) {
  let cur = { value: node, path };
  for (let i = 0; i < 10 && isObject(cur.value) && typeof cur.value.$ref === 'string'; i++) {
    cur = resolveLocalRef(doc, cur.value.$ref);
    if (cur === undefined) return undefined;
  }
  return cur;
}

// Value at `path` in an arbitrary object graph (used on the resolved document).
function getAt(root, path) {
  let cur = root;
  for (const seg of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = cur[seg];
  }
  return cur;
}

// Yields {op, path, method, pathItem, pathItemPath} for every operation under `paths`.
function* operations(doc) {
  if (!isObject(doc.paths)) return;
  for (const [p, item] of Object.entries(doc.paths)) {
    if (!isObject(item)) continue;
    for (const m of HTTP_METHODS) {
      if (isObject(item[m])) {
        yield { op: item[m], path: ['paths', p, m], method: m, pathItem: item, pathItemPath: ['paths', p] };
      }
    }
  }
}

function is2xx(code) {
  return /^2(\d\d|XX)$/i.test(String(code));
}

// Yields {schema, path} for every schema *root* written in the document (OAS 3.0):
// components.schemas.*, schemas of parameters, headers, media types (request bodies,
// responses) in components and in paths, including callbacks.
function* schemaRoots(doc) {
  function* fromContent(content, base) {
    if (!isObject(content)) return;
    for (const [mt, media] of Object.entries(content)) {
      if (isObject(media) && media.schema !== undefined) yield { schema: media.schema, path: [...base, mt, 'schema'] };
    }
  }
  function* fromParamOrHeader(p, base) {
    if (!isObject(p) || p.$ref !== undefined) return;
    if (p.schema !== undefined) yield { schema: p.schema, path: [...base, 'schema'] };
    yield* fromContent(p.content, [...base, 'content']);
  }
  function* fromResponse(r, base) {
    if (!isObject(r) || r.$ref !== undefined) return;
    yield* fromContent(r.content, [...base, 'content']);
    if (isObject(r.headers)) {
      for (const [h, hdr] of Object.entries(r.headers)) yield* fromParamOrHeader(hdr, [...base, 'headers', h]);
    }
  }
  function* fromRequestBody(rb, base) {
    if (!isObject(rb) || rb.$ref !== undefined) return;
    yield* fromContent(rb.content, [...base, 'content']);
  }
  function* fromPathItem(item, base, depth) {
    if (!isObject(item) || depth > 3) return;
    if (Array.isArray(item.parameters)) {
      for (let i = 0; i < item.parameters.length; i++) yield* fromParamOrHeader(item.parameters[i], [...base, 'parameters', i]);
    }
    for (const m of HTTP_METHODS) {
      const op = item[m];
      if (!isObject(op)) continue;
      const ob = [...base, m];
      if (Array.isArray(op.parameters)) {
        for (let i = 0; i < op.parameters.length; i++) yield* fromParamOrHeader(op.parameters[i], [...ob, 'parameters', i]);
      }
      yield* fromRequestBody(op.requestBody, [...ob, 'requestBody']);
      if (isObject(op.responses)) {
        for (const [code, r] of Object.entries(op.responses)) yield* fromResponse(r, [...ob, 'responses', code]);
      }
      if (isObject(op.callbacks)) {
        for (const [cn, cb] of Object.entries(op.callbacks)) {
          if (!isObject(cb)) continue;
          for (const [expr, cbItem] of Object.entries(cb)) yield* fromPathItem(cbItem, [...ob, 'callbacks', cn, expr], depth + 1);
        }
      }
    }
  }

  const c = isObject(doc.components) ? doc.components : {};
  if (isObject(c.schemas)) {
    for (const [n, s] of Object.entries(c.schemas)) yield { schema: s, path: ['components', 'schemas', n] };
  }
  if (isObject(c.parameters)) {
    for (const [n, p] of Object.entries(c.parameters)) yield* fromParamOrHeader(p, ['components', 'parameters', n]);
  }
  if (isObject(c.headers)) {
    for (const [n, h] of Object.entries(c.headers)) yield* fromParamOrHeader(h, ['components', 'headers', n]);
  }
  if (isObject(c.requestBodies)) {
    for (const [n, rb] of Object.entries(c.requestBodies)) yield* fromRequestBody(rb, ['components', 'requestBodies', n]);
  }
  if (isObject(c.responses)) {
    for (const [n, r] of Object.entries(c.responses)) yield* fromResponse(r, ['components', 'responses', n]);
  }
  if (isObject(c.callbacks)) {
    for (const [n, cb] of Object.entries(c.callbacks)) {
      if (!isObject(cb)) continue;
      for (const [expr, item] of Object.entries(cb)) yield* fromPathItem(item, ['components', 'callbacks', n, expr], 1);
    }
  }
  if (isObject(doc.paths)) {
    for (const [p, item] of Object.entries(doc.paths)) yield* fromPathItem(item, ['paths', p], 0);
  }
}

// Walks one schema (not following $ref) and calls visit(schema, path) for it and for
// every nested subschema (properties, items, additionalProperties, allOf/anyOf/oneOf, not).
function walkSchema(schema, path, visit, seen) {
  if (!isObject(schema)) return;
  seen = seen || new Set();
  if (seen.has(schema)) return;
  seen.add(schema);
  visit(schema, path);
  if (schema.$ref !== undefined) return;
  if (isObject(schema.properties)) {
    for (const [n, s] of Object.entries(schema.properties)) walkSchema(s, [...path, 'properties', n], visit, seen);
  }
  if (isObject(schema.items)) walkSchema(schema.items, [...path, 'items'], visit, seen);
  if (Array.isArray(schema.items)) schema.items.forEach((s, i) => walkSchema(s, [...path, 'items', i], visit, seen));
  if (isObject(schema.additionalProperties)) walkSchema(schema.additionalProperties, [...path, 'additionalProperties'], visit, seen);
  for (const k of ['allOf', 'anyOf', 'oneOf']) {
    if (Array.isArray(schema[k])) schema[k].forEach((s, i) => walkSchema(s, [...path, k, i], visit, seen));
  }
  if (isObject(schema.not)) walkSchema(schema.not, [...path, 'not'], visit, seen);
}

// x-cce-table must be an integer 1..24 or a non-empty array of such integers (no duplicates).
// Returns undefined when valid, else a text saying what is wrong.
function tableValueProblem(v) {
  const ok = (n) => Number.isInteger(n) && n >= 1 && n <= 24;
  if (Array.isArray(v)) {
    if (v.length === 0) return 'is an empty array';
    const bad = v.filter((n) => !ok(n));
    if (bad.length) return `contains ${bad.map((b) => JSON.stringify(b)).join(', ')}, which ${bad.length === 1 ? 'is' : 'are'} not an integer 1..24`;
    const dup = v.filter((n, i) => v.indexOf(n) !== i);
    if (dup.length) return `lists table ${[...new Set(dup)].join(', ')} more than once`;
    return undefined;
  }
  if (ok(v)) return undefined;
  return `is ${JSON.stringify(v)}, not an integer 1..24 or a non-empty array of such integers`;
}

module.exports = {
  HTTP_METHODS,
  isObject,
  isNonEmptyString,
  resolveLocalRef,
  deref,
  getAt,
  operations,
  is2xx,
  schemaRoots,
  walkSchema,
  tableValueProblem,
};
