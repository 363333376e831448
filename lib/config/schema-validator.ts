import Ajv, { type ValidateFunction } from 'ajv';
import schemaJson from '../../schema/flink-watch.schema.json';
import type { ConfigDocument } from './document';
import schemaOptions from './schema-options.json';

// Run from source (tests, tsx) the schema is compiled when this module loads. The deployed bundles never run this
// file: scripts/build.mjs replaces it with validation code generated from the same schema and options at build
// time, so a cold start does not pay for compiling the schema. `inlineRefs: false` keeps every definition its own
// schema object, which lets errors be explained by the definition that failed (see schema-lookup.ts).
export const validateDocument: ValidateFunction<ConfigDocument> = new Ajv(schemaOptions).compile<ConfigDocument>(
  schemaJson,
);
