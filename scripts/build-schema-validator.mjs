// Generates the configuration validator at build time (ajv "standalone" code), so that a deployed function does not
// compile the JSON Schema on every cold start. The bundles use this code in place of lib/config/schema-validator.ts,
// with the same schema and the same ajv options (lib/config/schema-options.json).
//
// Error explanations look up the schema definition that failed by object identity (lib/config/schema-lookup.ts), so
// the generated code must not carry its own copies of the schema: every schema object it refers to is rewritten to
// a path into the one imported schema file.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { _, Ajv, Name } from 'ajv';
import standaloneModule from 'ajv/dist/standalone/index.js';

const standaloneCode = standaloneModule.default ?? standaloneModule;

export const SCHEMA_FILE = resolve('schema/flink-watch.schema.json');
const OPTIONS_FILE = resolve('lib/config/schema-options.json');

/** Every object and array in the schema → the property path that reaches it from the root. */
function pathsByObject(root) {
  const paths = new Map();
  const walk = (node, path) => {
    if (node === null || typeof node !== 'object' || paths.has(node)) return;
    paths.set(node, path);
    for (const [key, child] of Object.entries(node)) walk(child, [...path, Array.isArray(node) ? Number(key) : key]);
  };
  walk(root, []);
  return paths;
}

/** ESM source exporting `validateDocument`; it imports the schema file itself. */
export function schemaValidatorSource() {
  const schema = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8'));
  const options = JSON.parse(readFileSync(OPTIONS_FILE, 'utf8'));
  // Compiling here costs no cold start, so ajv may optimise the generated code (smaller, same results).
  const ajv = new Ajv({ ...options, code: { ...options.code, optimize: true, source: true, esm: true } });
  const validate = ajv.compile(schema);
  const root = new Name('schemaDocument');
  const paths = pathsByObject(schema);
  const schemaValues = ajv.scope._values?.schema;
  if (!(schemaValues instanceof Map)) throw new Error('ajv internals changed: scope._values.schema is not a Map');
  for (const name of schemaValues.values()) {
    // The scope also holds the JSON Schema meta-schema (ajv checked our schema against it); the validator does not
    // use it, and the check below makes sure of that.
    const path = paths.get(name.value?.ref);
    if (path !== undefined) name.value.code = path.reduce((code, key) => _`${code}[${key}]`, _`${root}`);
  }
  const code = standaloneCode(ajv, validate);
  const copied = /const (schema\d+) = (?!schemaDocument\b)/.exec(code);
  if (copied)
    throw new Error(`the generated validator embeds a copy of a schema object (${copied[1]}), not ${SCHEMA_FILE}`);
  return [
    `import ${root} from ${JSON.stringify(SCHEMA_FILE)};`,
    code,
    'export const validateDocument = validate;',
  ].join('\n');
}
