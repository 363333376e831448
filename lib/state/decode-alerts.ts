import type { AlertRecord, AlertStatus, NotificationLogEntry } from '../alerts/types';
import type { Severity } from '../config/types';
import { accept, type Decoded, reject } from './decoded';
import { describeType, isCount, isRecord, isStringArray, isStringRecord, isTimeString } from './json-guards';

const STATUSES: readonly AlertStatus[] = ['pending', 'firing', 'resolved'];
const SEVERITIES: readonly Severity[] = ['critical', 'warning', 'info'];

function isOneOf<T extends string>(options: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (options as readonly string[]).includes(value);
}

/** Optional fields that are present but broken are removed (with a note) rather than dropping the whole alert. */
function dropBrokenOptional(
  record: Record<string, unknown>,
  field: string,
  valid: (value: unknown) => boolean,
  notes: string[],
) {
  if (record[field] !== undefined && !valid(record[field])) {
    delete record[field];
    notes.push(`its ${field} was invalid and was removed`);
  }
}

/**
 * One `alerts` entry (keyed by fingerprint). An alert is dropped only when it cannot be understood at all; a firing
 * alert that lost its `firedAt` is repaired instead, because forgetting it would notify it again as new.
 */
export function decodeAlert(fingerprint: string, raw: unknown): Decoded<AlertRecord> {
  if (!isRecord(raw)) return reject(`is ${describeType(raw)}, not an object`);
  if (raw.fingerprint !== undefined && raw.fingerprint !== fingerprint) {
    return reject(`its fingerprint ${JSON.stringify(raw.fingerprint)} differs from its key`);
  }
  if (!isStringRecord(raw.labels)) return reject('has no labels (an object of strings)');
  if (!isOneOf(STATUSES, raw.status)) return reject(`has status ${JSON.stringify(raw.status)}`);
  if (!isOneOf(SEVERITIES, raw.severity)) return reject(`has severity ${JSON.stringify(raw.severity)}`);
  if (!isTimeString(raw.activeSince)) return reject('has no valid activeSince time');
  const notes: string[] = [];
  const record: Record<string, unknown> = { ...raw, fingerprint };
  if (!isStringRecord(raw.annotations)) {
    record.annotations = {};
    if (raw.annotations !== undefined) notes.push('its annotations were invalid and were cleared');
  }
  if (!isTimeString(raw.lastEvaluatedAt)) {
    record.lastEvaluatedAt = raw.activeSince;
    notes.push('its lastEvaluatedAt was missing and was set to activeSince');
  }
  dropBrokenOptional(record, 'firedAt', isTimeString, notes);
  dropBrokenOptional(record, 'resolvedAt', isTimeString, notes);
  dropBrokenOptional(record, 'held', (v) => typeof v === 'boolean', notes);
  dropBrokenOptional(record, 'forPausedSince', isTimeString, notes);
  dropBrokenOptional(record, 'forPausedMs', isCount, notes);
  if (raw.status !== 'pending' && record.firedAt === undefined) {
    record.firedAt = raw.activeSince;
    notes.push('its firedAt was missing and was set to activeSince');
  }
  if (raw.status === 'resolved' && record.resolvedAt === undefined) {
    record.resolvedAt = record.lastEvaluatedAt;
    notes.push('its resolvedAt was missing and was set to lastEvaluatedAt');
  }
  return accept(record as unknown as AlertRecord, notes);
}

/** One `notificationLog` entry: what a receiver was last told about a group. */
export function decodeLogEntry(raw: unknown): Decoded<NotificationLogEntry> {
  if (!isRecord(raw)) return reject(`is ${describeType(raw)}, not an object`);
  if (!isTimeString(raw.sentAt)) return reject('has no valid sentAt time');
  const notes: string[] = [];
  const list = (field: 'firing' | 'resolved'): string[] => {
    if (isStringArray(raw[field])) return raw[field];
    if (raw[field] !== undefined) notes.push(`its ${field} list was invalid and was cleared`);
    return [];
  };
  return accept({ ...raw, firing: list('firing'), resolved: list('resolved'), sentAt: raw.sentAt }, notes);
}
