import { isRecord, type Node } from './read';
import { schemaDefinitions } from './schema';

/** Reading the schema itself: which definition a node is, what a `$ref` points at, examples, allowed keys. */
const definitionByNode = new Map<unknown, string>(
  Object.entries(schemaDefinitions).map(([name, node]) => [node, name]),
);

export function definitionName(node: unknown): string | undefined {
  return definitionByNode.get(node);
}

/** Follow `$ref` (and a single-entry `allOf`, used to attach descriptions) to the schema that does the work. */
export function resolveSchema(node: unknown): Node | undefined {
  let current: unknown = node;
  for (let depth = 0; depth < 5 && isRecord(current); depth += 1) {
    const ref = current.$ref;
    if (typeof ref === 'string' && ref.startsWith('#/definitions/')) {
      current = schemaDefinitions[ref.slice('#/definitions/'.length)];
      continue;
    }
    const allOf = current.allOf;
    if (Array.isArray(allOf) && allOf.length === 1 && !('type' in current)) {
      current = allOf[0];
      continue;
    }
    return current;
  }
  return isRecord(current) ? current : undefined;
}

export function propertyNamesOf(schema: unknown): string[] {
  const properties = isRecord(schema) ? schema.properties : undefined;
  return isRecord(properties) ? Object.keys(properties).filter((key) => key !== '$schema') : [];
}

export function propertySchema(parent: unknown, key: string): Node | undefined {
  const properties = isRecord(parent) ? parent.properties : undefined;
  return isRecord(properties) ? resolveSchema(properties[key]) : undefined;
}

export function firstExample(schema: Node | undefined): string | undefined {
  const examples = schema?.examples;
  const first = Array.isArray(examples) ? examples[0] : undefined;
  return typeof first === 'string' || typeof first === 'number' ? String(first) : undefined;
}

/** The `type` values of a discriminated `oneOf` (receiver and state types). */
export function discriminatedTypes(schema: unknown): string[] {
  const branches = isRecord(schema) && Array.isArray(schema.oneOf) ? schema.oneOf : [];
  return branches.flatMap((branch) => {
    const resolved = resolveSchema(branch);
    const typeSchema = isRecord(resolved?.properties) ? resolved.properties.type : undefined;
    return isRecord(typeSchema) && typeof typeSchema.const === 'string' ? [typeSchema.const] : [];
  });
}

export function describeValue(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
