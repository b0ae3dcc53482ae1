#!/usr/bin/env node
// Bundles the OpenAPI source document into one self-contained file.
//
//   node openapi/scripts/bundle.mjs <outDir> [source]      (source defaults to openapi/openapi.yaml)
//
// Every JSON Reference {"$ref": "<relative file path>"} that points to another file (does not start
// with '#') is replaced by the parsed content of that file, resolved relative to the document that
// holds the reference (recursively). Internal references ("#/components/...") are kept as they are.
// Writes <outDir>/openapi.yaml and <outDir>/openapi.json (2-space indent), keeping the key order.
// On any error: a message naming the file (and the JSON path of the reference), exit code 1.
//
// The work is done on the `yaml` package's document tree rather than on plain JS objects, because
// JS objects put integer-like keys ("201", "400") first and would change the key order.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import YAML, { isMap, isScalar, isSeq } from 'yaml';

class BundleError extends Error {}
const fail = (message) => {
  throw new BundleError(message);
};
const rel = (file) => path.relative(process.cwd(), file) || file;
// JSON Pointer escaping of one path segment (RFC 6901).
const escape = (key) => String(key).replaceAll('~', '~0').replaceAll('/', '~1');

// Reads a file into a yaml Document. JSON files must be valid JSON (checked with JSON.parse);
// they are then read by the yaml parser too (JSON is YAML 1.2), which keeps their key order.
function load(file, referencedFrom) {
  const where = referencedFrom ? ` (referenced from ${referencedFrom})` : '';
  let text;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    fail(`cannot read ${rel(file)}${where}: ${e.code === 'ENOENT' ? 'no such file' : e.message}`);
  }
  if (!/\.ya?ml$/i.test(file)) {
    try {
      JSON.parse(text);
    } catch (e) {
      fail(`${rel(file)}${where} is not valid JSON: ${e.message}`);
    }
  }
  const doc = YAML.parseDocument(text, { prettyErrors: true });
  if (doc.errors.length > 0) {
    fail(`${rel(file)}${where} cannot be parsed: ${doc.errors[0].message}`);
  }
  return doc;
}

// The target of a JSON Reference object ({"$ref": "<string>"}), or undefined for any other map.
function refTarget(map) {
  const pair = map.items.find((p) => isScalar(p.key) && p.key.value === '$ref');
  return pair && isScalar(pair.value) && typeof pair.value.value === 'string' ? pair.value.value : undefined;
}

// Returns the node that stands for `node` in the bundle: the node itself (with its children
// resolved), or the content of the file it references. ctx = {file, pointer, stack}.
function resolve(node, ctx) {
  if (isMap(node)) {
    const target = refTarget(node);
    if (target !== undefined && !target.startsWith('#')) {
      return inline(target, node, ctx);
    }
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? pair.key.value : String(pair.key);
      pair.value = resolve(pair.value, { ...ctx, pointer: `${ctx.pointer}/${escape(key)}` });
    }
  } else if (isSeq(node)) {
    node.items = node.items.map((item, i) => resolve(item, { ...ctx, pointer: `${ctx.pointer}/${i}` }));
  }
  return node;
}

// Loads the file that an external reference points to and resolves its own references.
function inline(target, refNode, ctx) {
  const at = `${rel(ctx.file)}#${ctx.pointer}`;
  if (refNode.items.length > 1) {
    fail(`${at}: a $ref to a file must be the only key of its object (found ${refNode.items.length} keys)`);
  }
  if (target.includes('#') || /^[a-z][a-z0-9+.-]*:/i.test(target)) {
    fail(`${at}: only plain relative file paths are supported, got $ref '${target}'`);
  }
  const file = path.resolve(path.dirname(ctx.file), target);
  if (ctx.stack.includes(file)) {
    fail(`${at}: $ref '${target}' is circular (${[...ctx.stack, file].map(rel).join(' -> ')})`);
  }
  const doc = load(file, at);
  doc.contents = resolve(doc.contents, { file, pointer: '', stack: [...ctx.stack, file] });
  // Re-create the content as fresh nodes, so that it is written in block style with plain scalars
  // where possible (a JSON file's nodes are all flow style and double-quoted).
  return doc.createNode(doc.toJS({ mapAsMap: true }), { aliasDuplicateObjects: false });
}

// JSON text with 2-space indent from the Map/array tree that doc.toJS({mapAsMap: true}) gives
// (Maps keep the key order, also for integer-like keys).
function toJson(value, indent = '') {
  const inner = `${indent}  `;
  if (value instanceof Map) {
    if (value.size === 0) return '{}';
    const members = [...value].map(([k, v]) => `${inner}${JSON.stringify(String(k))}: ${toJson(v, inner)}`);
    return `{\n${members.join(',\n')}\n${indent}}`;
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[\n${value.map((v) => inner + toJson(v, inner)).join(',\n')}\n${indent}]`;
  }
  return JSON.stringify(value) ?? 'null';
}

function main() {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const [outDir, source = path.join(here, '..', 'openapi.yaml')] = process.argv.slice(2);
  if (!outDir) fail('usage: node openapi/scripts/bundle.mjs <outDir> [source.yaml]');

  const file = path.resolve(source);
  const doc = load(file);
  doc.contents = resolve(doc.contents, { file, pointer: '', stack: [file] });
  // Block style throughout, so that inlined content never ends up inside a one-line {...}.
  YAML.visit(doc, { Collection: (_, node) => void (node.flow = false) });

  fs.mkdirSync(outDir, { recursive: true });
  const yamlOut = path.join(outDir, 'openapi.yaml');
  const jsonOut = path.join(outDir, 'openapi.json');
  fs.writeFileSync(yamlOut, doc.toString({ indent: 2, lineWidth: 0 }));
  fs.writeFileSync(jsonOut, `${toJson(doc.toJS({ mapAsMap: true }))}\n`);
  console.log(`bundle.mjs: ${rel(file)} -> ${rel(yamlOut)}, ${rel(jsonOut)}`);
}

try {
  main();
} catch (e) {
  console.error(`bundle.mjs: ERROR: ${e instanceof BundleError ? e.message : e.stack}`);
  process.exit(1);
}
