import { isRecord, preview } from './normalise-values';
import type { StringPool } from './string-pool';

/**
 * Label values as strings: numbers and booleans are written out (`"test2": 1` → "1"), since selectors compare
 * text; null, objects and arrays are dropped with a note. String values are kept exactly as sent, so that matching
 * here agrees with the API's exact match.
 */
export function readLabels(value: unknown, notes: string[], pool?: StringPool): Record<string, string> {
  const labels: Record<string, string> = {};
  if (value === undefined || value === null) {
    notes.push('labels are missing; read as no labels');
    return labels;
  }
  if (!isRecord(value)) {
    notes.push(`labels is ${preview(value)}, not an object; read as no labels`);
    return labels;
  }
  for (const key of Object.keys(value)) {
    const raw = value[key];
    if (key === '__proto__') {
      notes.push('label "__proto__" cannot be stored; dropped');
    } else if (typeof raw === 'string') {
      labels[key] = pool ? pool.intern(raw) : raw;
    } else if (typeof raw === 'number' || typeof raw === 'boolean') {
      labels[key] = pool ? pool.intern(String(raw)) : String(raw);
    } else {
      notes.push(`label ${JSON.stringify(key)} has the value ${preview(raw)}; dropped`);
    }
  }
  return labels;
}
