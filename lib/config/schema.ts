import type { ErrorObject } from 'ajv';
import schemaJson from '../../schema/flink-watch.schema.json';
import type { ConfigDocument } from './document';
import { validateDocument } from './schema-validator';

/** The JSON Schema of the configuration file (the same object editors load from the repository). */
export const configSchema: unknown = schemaJson;

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
