import type { OutboxEntry, OutgoingMessage } from './types';

/**
 * Pure helpers for the outbox: messages that could not be delivered inside their tick, kept in the state and retried
 * first on the next tick. Times in entries are ISO strings (they survive JSON); decisions take `now` in epoch ms.
 */

function epoch(iso: string | undefined): number | undefined {
  if (iso === undefined) return undefined;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? undefined : ms;
}

/** How long ago the entry was first attempted; `undefined` when its time is unreadable (a damaged state). */
export function outboxAgeMs(entry: OutboxEntry, now: number): number | undefined {
  const first = epoch(entry.firstAttemptAt);
  return first === undefined ? undefined : now - first;
}

function formatDuration(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  return minutes % 60 === 0 ? `${hours}h` : `${hours}h${minutes % 60}m`;
}

/**
 * Why the entry must be given up at `now`, or `undefined` while it may still be retried. An entry whose first-attempt
 * time cannot be read is given up too: nothing else would ever remove it.
 */
export function expiryReason(entry: OutboxEntry, now: number, maxAgeMs: number): string | undefined {
  const age = outboxAgeMs(entry, now);
  if (age === undefined)
    return `outbox entry has an unreadable firstAttemptAt (${JSON.stringify(entry.firstAttemptAt)})`;
  if (age <= maxAgeMs) return undefined;
  return (
    `undeliverable for ${formatDuration(age)} (limit ${formatDuration(maxAgeMs)}, ` +
    `${entry.attempts} attempt(s)); last error: ${entry.lastError}`
  );
}

/** True when the entry may be attempted at `now` (no `notBefore`, or it has passed; an unreadable one is ignored). */
export function isDue(entry: OutboxEntry, now: number): boolean {
  const notBefore = epoch(entry.notBefore);
  return notBefore === undefined || notBefore <= now;
}

/** Oldest first by `firstAttemptAt`; stable, so entries of the same instant keep their saved order. */
export function oldestFirst(entries: readonly OutboxEntry[]): OutboxEntry[] {
  return [...entries].sort((a, b) => (epoch(a.firstAttemptAt) ?? 0) - (epoch(b.firstAttemptAt) ?? 0));
}

export interface QueueInput {
  id: string;
  message: OutgoingMessage;
  attempts: number;
  /** Epoch ms of the first attempt (or of queueing, for a message held without one). */
  at: number;
  /** Epoch ms the last attempt ended; defaults to `at`. */
  lastAt?: number;
  lastError: string;
  /** Epoch ms before which it must not be tried again. */
  notBefore?: number;
}

/** A new entry for a message first queued (or first attempted) at `at`. */
export function newOutboxEntry(input: QueueInput): OutboxEntry {
  const entry: OutboxEntry = {
    id: input.id,
    message: input.message,
    attempts: input.attempts,
    firstAttemptAt: new Date(input.at).toISOString(),
    lastAttemptAt: new Date(input.lastAt ?? input.at).toISOString(),
    lastError: input.lastError,
  };
  if (input.notBefore !== undefined && input.notBefore > (input.lastAt ?? input.at))
    entry.notBefore = new Date(input.notBefore).toISOString();
  return entry;
}

/** The entry after `attempts` more failed attempts ending at `at` (keeps its id and first-attempt time). */
export function requeueEntry(
  entry: OutboxEntry,
  update: { attempts: number; at: number; lastError: string; notBefore?: number },
): OutboxEntry {
  const { notBefore: _old, ...rest } = entry;
  const next: OutboxEntry = {
    ...rest,
    attempts: entry.attempts + update.attempts,
    lastAttemptAt: new Date(update.at).toISOString(),
    lastError: update.lastError,
  };
  if (update.notBefore !== undefined && update.notBefore > update.at) {
    next.notBefore = new Date(update.notBefore).toISOString();
  }
  return next;
}

/** The entry held back without an attempt (rate budget, deadline, order): only its `notBefore` may move (later). */
export function deferEntry(entry: OutboxEntry, notBefore: number | undefined, now: number): OutboxEntry {
  const { notBefore: _old, ...rest } = entry;
  const latest = Math.max(epoch(entry.notBefore) ?? now, notBefore ?? now);
  return latest > now ? { ...rest, notBefore: new Date(latest).toISOString() } : rest;
}
