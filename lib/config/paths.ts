import { isRecord } from './read';

/** Paths in problems read like code: `watches[1].selector`, `receivers.oncall.url`, `headers["X-Token"]`. */
const PLAIN_KEY = /^[A-Za-z_$][A-Za-z0-9_$-]*$/;

export function childPath(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  if (!PLAIN_KEY.test(key)) return `${parent}[${JSON.stringify(key)}]`;
  return parent ? `${parent}.${key}` : key;
}

/**
 * JSON pointer (`/watches/1/selector`, as ajv reports it) → `watches[1].selector`. The document tells array
 * indexes from keys that merely look like numbers.
 */
export function pointerToPath(pointer: string, document: unknown): string {
  if (!pointer) return '';
  let path = '';
  let node: unknown = document;
  for (const raw of pointer.slice(1).split('/')) {
    const segment = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    if (Array.isArray(node) && /^\d+$/.test(segment)) {
      const index = Number(segment);
      path = childPath(path, index);
      node = node[index];
    } else {
      path = childPath(path, segment);
      node = isRecord(node) ? node[segment] : undefined;
    }
  }
  return path;
}
