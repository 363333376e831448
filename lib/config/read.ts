/**
 * Guarded reads of a document that may not have passed the schema yet, so semantic checks can still run (and every
 * problem is reported at once) without trusting the shape.
 */
export type Node = Record<string, unknown>;

export function isRecord(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function recordAt(parent: unknown, key: string): Node | undefined {
  if (!isRecord(parent)) return undefined;
  const value = parent[key];
  return isRecord(value) ? value : undefined;
}

export function arrayAt(parent: unknown, key: string): unknown[] {
  if (!isRecord(parent)) return [];
  const value = parent[key];
  return Array.isArray(value) ? value : [];
}

export function stringAt(parent: unknown, key: string): string | undefined {
  if (!isRecord(parent)) return undefined;
  const value = parent[key];
  return typeof value === 'string' ? value : undefined;
}

export function booleanAt(parent: unknown, key: string): boolean | undefined {
  if (!isRecord(parent)) return undefined;
  const value = parent[key];
  return typeof value === 'boolean' ? value : undefined;
}

export function strings(values: unknown[]): string[] {
  return values.filter((value): value is string => typeof value === 'string');
}
