/**
 * Readers for the loosely typed fields of a `GetDeploymentsByLabel` answer. They never throw: an odd value becomes
 * the empty value and, when it was present but unusable, a note saying what it was. The regular expressions are
 * compiled once here because these run for every deployment of every tick.
 */

const EPOCH_NUMBER = /^\d+(\.\d+)?$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}/;
/** Below this an epoch number is read as seconds (1e11 s is the year 5138; 1e11 ms is 1973). */
const SECONDS_LIMIT = 1e11;
/** The API answers `"\"\""` in fields it means to leave empty. */
const QUOTED_EMPTY = '""';

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A short, safe rendering of an odd value for notes and problems. */
export function preview(value: unknown): string {
  if (value === undefined) return 'missing';
  if (value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return Array.isArray(value) ? 'an array' : `a ${typeof value}`;
}

/** Trimmed text; numbers and booleans as text; `"\"\""`, null and missing as ''. */
export function readText(value: unknown, field: string, notes: string[]): string {
  if (typeof value === 'string') {
    const text = value.trim();
    return text === QUOTED_EMPTY ? '' : text;
  }
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value !== undefined && value !== null) notes.push(`${field} is ${preview(value)}, not text; left empty`);
  return '';
}

/** `true`/`false` or the strings "true"/"false" (any case); anything else is false with a note. */
export function readFlag(value: unknown, field: string, notes: string[]): boolean {
  if (typeof value === 'boolean') return value;
  if (value === undefined || value === null) return false;
  if (typeof value === 'string') {
    const text = value.trim().toLowerCase();
    if (text === 'true') return true;
    if (text === 'false' || text === '' || text === QUOTED_EMPTY) return false;
  }
  notes.push(`${field} is ${preview(value)}, not true or false; read as false`);
  return false;
}

/** The largest time a JavaScript date can hold, in ms either side of the epoch. */
const MAX_TIME_MS = 8.64e15;

function fromEpoch(epoch: number): number | null {
  if (!Number.isFinite(epoch) || epoch <= 0) return null;
  const ms = epoch < SECONDS_LIMIT ? epoch * 1000 : epoch;
  return ms <= MAX_TIME_MS ? ms : null;
}

/**
 * Epoch seconds or milliseconds (number or text, whitespace around it ignored) or an ISO date, as epoch ms. A number
 * rather than a `Date`: two dates per deployment were a sixth of a 50 000-deployment answer's memory.
 */
export function readTime(value: unknown, field: string, notes: string[]): number | null {
  if (value === undefined || value === null) return null;
  let date: number | null = null;
  if (typeof value === 'number') {
    date = fromEpoch(value);
  } else if (typeof value === 'string') {
    const text = value.trim();
    if (text === '' || text === QUOTED_EMPTY) return null;
    if (EPOCH_NUMBER.test(text)) date = fromEpoch(Number(text));
    else if (ISO_DATE.test(text)) {
      const ms = Date.parse(text);
      date = Number.isNaN(ms) ? null : ms;
    }
  }
  if (date === null) notes.push(`${field} is ${preview(value)}, not an epoch time or ISO date; left empty`);
  return date;
}
