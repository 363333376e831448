import type { WatchHealth } from '../alerts/types';
import type { OutboxEntry, OutgoingMessage } from '../notify/types';
import { accept, type Decoded, reject } from './decoded';
import { describeType, isCount, isFiniteNumber, isRecord, isStringArray, isTimeString } from './json-guards';

function decodeMessage(raw: unknown, notes: string[]): OutgoingMessage | string {
  if (!isRecord(raw)) return `has a message that is ${describeType(raw)}, not an object`;
  for (const field of ['receiver', 'groupKey', 'body', 'contentType'] as const) {
    if (typeof raw[field] !== 'string') return `has a message without ${field}`;
  }
  const summary = typeof raw.summary === 'string' ? raw.summary : '';
  if (raw.summary !== summary) notes.push('its message summary was invalid and was cleared');
  const fingerprints = isStringArray(raw.fingerprints) ? raw.fingerprints : [];
  if (raw.fingerprints !== fingerprints) notes.push('its message fingerprints were invalid and were cleared');
  return {
    ...raw,
    receiver: String(raw.receiver),
    groupKey: String(raw.groupKey),
    body: String(raw.body),
    contentType: String(raw.contentType),
    summary,
    fingerprints,
  };
}

/**
 * One outbox entry: a notification still owed to someone. It is kept whenever it can still be sent (id, receiver,
 * body); bookkeeping fields are repaired, because dropping the entry would lose the alert.
 */
export function decodeOutboxEntry(raw: unknown): Decoded<OutboxEntry> {
  if (!isRecord(raw)) return reject(`is ${describeType(raw)}, not an object`);
  if (typeof raw.id !== 'string' || raw.id === '') return reject('has no id');
  const notes: string[] = [];
  const message = decodeMessage(raw.message, notes);
  if (typeof message === 'string') return reject(message);
  const entry: Record<string, unknown> = { ...raw, message };
  if (!isCount(raw.attempts)) {
    entry.attempts = 0;
    notes.push('its attempt count was invalid and was reset');
  }
  const firstAttemptAt = isTimeString(raw.firstAttemptAt)
    ? raw.firstAttemptAt
    : isTimeString(raw.lastAttemptAt)
      ? raw.lastAttemptAt
      : undefined;
  if (firstAttemptAt === undefined) return reject('has no valid firstAttemptAt or lastAttemptAt time');
  entry.firstAttemptAt = firstAttemptAt;
  if (!isTimeString(raw.lastAttemptAt)) entry.lastAttemptAt = firstAttemptAt;
  if (typeof raw.lastError !== 'string') entry.lastError = '';
  if (raw.notBefore !== undefined && !isTimeString(raw.notBefore)) {
    delete entry.notBefore;
    notes.push('its notBefore was invalid and was removed');
  }
  return accept(entry as unknown as OutboxEntry, notes);
}

/** One `watches` entry: the health of a watch's query across ticks. */
export function decodeWatchHealth(raw: unknown): Decoded<WatchHealth> {
  if (!isRecord(raw)) return reject(`is ${describeType(raw)}, not an object`);
  const notes: string[] = [];
  const health: Record<string, unknown> = { ...raw };
  if (!isCount(raw.consecutiveFailures) || !Number.isInteger(raw.consecutiveFailures)) {
    health.consecutiveFailures = 0;
    if (raw.consecutiveFailures !== undefined) notes.push('its consecutiveFailures was invalid and was reset');
  }
  const checks: Array<[string, (value: unknown) => boolean]> = [
    ['lastOkAt', isTimeString],
    ['lastError', (v) => typeof v === 'string'],
    ['lastCount', isCount],
  ];
  for (const [field, valid] of checks) {
    if (raw[field] !== undefined && !valid(raw[field])) {
      delete health[field];
      notes.push(`its ${field} was invalid and was removed`);
    }
  }
  return accept(health as unknown as WatchHealth, notes);
}

/** One receiver's send times; anything that is not a finite number is dropped. */
export function decodeSendTimes(raw: unknown): Decoded<number[]> {
  if (!Array.isArray(raw)) return reject(`is ${describeType(raw)}, not a list of times`);
  const times = raw.filter(isFiniteNumber);
  const dropped = raw.length - times.length;
  return accept(times, dropped > 0 ? [`dropped ${dropped} invalid send time${dropped === 1 ? '' : 's'}`] : []);
}
