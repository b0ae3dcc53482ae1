'use strict';
// Rule cce-property-description: every entry of every `properties` map (component
// schemas and inline schemas alike) has a non-empty `description`.
// A property that is a bare `$ref` (OAS 3.0 ignores siblings of $ref, and spectral:oas
// flags them with no-$ref-siblings) takes the description of the schema it references.
const { isObject, isNonEmptyString, schemaRoots, walkSchema, resolveLocalRef, getAt } = require('./cce-lib.js');

const RULE = 'every property must have a non-empty description';

module.exports = function ccePropertyDescriptions(input, _options, context) {
  const doc = input;
  if (!isObject(doc)) return [];
  const resolvedDoc = context && context.document && context.documentInventory ? context.documentInventory.resolved : undefined;
  const results = [];
  const reported = new Set();
  for (const root of schemaRoots(doc)) {
    walkSchema(root.schema, root.path, (schema, path) => {
      if (!isObject(schema.properties)) return;
      for (const [name, prop] of Object.entries(schema.properties)) {
        const ppath = [...path, 'properties', name];
        const key = JSON.stringify(ppath);
        if (reported.has(key)) continue;
        if (!isObject(prop)) {
          reported.add(key);
          results.push({ message: `Property "${name}" is not a schema object, so it has no description (${RULE}).`, path: ppath });
          continue;
        }
        if (isNonEmptyString(prop.description)) continue;
        if (prop.description !== undefined) {
          reported.add(key);
          results.push({ message: `Property "${name}" has an empty or non-string description (${RULE}).`, path: ppath });
          continue;
        }
        if (typeof prop.$ref === 'string') {
          let target = resolveLocalRef(doc, prop.$ref);
          let targetValue = target ? target.value : getAt(resolvedDoc, ppath);
          if (isObject(targetValue) && isNonEmptyString(targetValue.description)) continue;
          reported.add(key);
          results.push({
            message: `Property "${name}" is a $ref to "${prop.$ref}", whose target has no description (${RULE}; give the referenced schema a description).`,
            path: ppath,
          });
          continue;
        }
        reported.add(key);
        results.push({ message: `Property "${name}" has no description (${RULE}).`, path: ppath });
      }
    });
  }
  return results;
};
