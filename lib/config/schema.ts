import Ajv, { type ErrorObject } from 'ajv';
import schemaJson from '../../schema/flink-watch.schema.json';
import type { ConfigDocument } from './document';

/** The JSON Schema of the configuration file (the same object editors load from the repository). */
export const configSchema: unknown = schemaJson;

// Compiled once when the module loads; validation is then a plain function call per configuration. Compiling is
// part of every cold start, so it skips ajv's code optimisation and ref inlining: that halves the compile time,
// and a configuration is validated once per load, where the slightly slower validator does not matter.
const ajv = new Ajv({
  allErrors: true,
  verbose: true,
  discriminator: true,
  strict: true,
  strictRequired: false,
  allowUnionTypes: true,
  inlineRefs: false,
  code: { optimize: false },
});
const validateDocument = ajv.compile<ConfigDocument>(schemaJson);

/** Named schema definitions, so an error can be explained by the kind of value that failed (duration, name, …). */
export const schemaDefinitions: Readonly<Record<string, unknown>> = schemaJson.definitions;

export interface SchemaResult {
  document: ConfigDocument | undefined;
  errors: ErrorObject[];
}

export function validateAgainstSchema(data: unknown): SchemaResult {
  if (validateDocument(data)) return { document: data, errors: [] };
  return { document: undefined, errors: [...(validateDocument.errors ?? [])] };
}
