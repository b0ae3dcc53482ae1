'use strict';
// Rule cce-example-present: every media type of every requestBody and of every 2xx
// response has at least one example (`example`, or a non-empty `examples` map), and no
// Example Object uses `externalValue` (Spectral does not validate externalValue; use
// `value: {$ref: './examples/x.json'}`, which Spectral resolves and validates against the
// media type's schema with oas3-valid-media-example).
const { isObject, deref, operations, is2xx } = require('./cce-lib.js');

module.exports = function cceExamplesPresent(input) {
  const doc = input;
  if (!isObject(doc)) return [];
  const results = [];
  const seen = new Set();

  function checkBody(node, path, what) {
    const t = deref(doc, node, path);
    if (t === undefined || !isObject(t.value)) return;
    const key = JSON.stringify(t.path);
    if (seen.has(key)) return;
    seen.add(key);
    const body = t.value;
    if (!isObject(body.content)) {
      if (what === 'Request body') results.push({ message: `${what} has no content, so it has no example (every media type of a request body and of a 2xx response needs at least one example).`, path: t.path });
      return;
    }
    for (const [mt, media] of Object.entries(body.content)) {
      const mpath = [...t.path, 'content', mt];
      if (!isObject(media)) continue;
      const hasExample = media.example !== undefined;
      const examples = isObject(media.examples) ? Object.keys(media.examples) : [];
      if (!hasExample && examples.length === 0) {
        results.push({ message: `${what}, media type "${mt}", has no example (every media type of a request body and of a 2xx response needs at least one example, validated against its schema).`, path: mpath });
      }
      for (const name of examples) {
        const ex = deref(doc, media.examples[name], [...mpath, 'examples', name]);
        if (ex && isObject(ex.value) && ex.value.externalValue !== undefined) {
          results.push({ message: `Example "${name}" of ${what.toLowerCase()} "${mt}" uses externalValue, which Spectral never validates (write value: {$ref: './examples/<file>.json'} instead).`, path: [...ex.path, 'externalValue'] });
        }
      }
    }
  }

  for (const { op, path } of operations(doc)) {
    if (op.requestBody !== undefined) checkBody(op.requestBody, [...path, 'requestBody'], 'Request body');
    if (isObject(op.responses)) {
      for (const [code, r] of Object.entries(op.responses)) {
        if (is2xx(code)) checkBody(r, [...path, 'responses', code], `Response ${code}`);
      }
    }
  }
  return results;
};
