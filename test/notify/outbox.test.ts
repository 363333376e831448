import { describe, expect, it } from 'vitest';
import {
  deferEntry,
  expiryReason,
  isDue,
  newOutboxEntry,
  oldestFirst,
  outboxAgeMs,
  requeueEntry,
} from '../../lib/notify/outbox';
import type { OutboxEntry, OutgoingMessage } from '../../lib/notify/types';

const T0 = Date.parse('2026-11-28T09:00:00Z');
const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();

const message: OutgoingMessage = {
  receiver: 'hook',
  groupKey: 'g',
  body: '{}',
  contentType: 'application/json',
  summary: '1 firing: payments/job-failed',
  fingerprints: ['f1'],
};

function entry(overrides: Partial<OutboxEntry> = {}): OutboxEntry {
  return {
    id: 'e1',
    message,
    attempts: 3,
    firstAttemptAt: iso(T0),
    lastAttemptAt: iso(T0),
    lastError: 'webhook receiver "hook" answered HTTP 503',
    ...overrides,
  };
}

describe('outbox entries', () => {
  it('expire after the maximum age, with a reason that carries the age, attempts and last error', () => {
    expect(expiryReason(entry(), T0 + 2 * HOUR, 2 * HOUR)).toBeUndefined();
    const why = expiryReason(entry(), T0 + 3 * HOUR + 5 * 60_000, 2 * HOUR);
    expect(why).toBe(
      'undeliverable for 3h5m (limit 2h, 3 attempt(s)); last error: webhook receiver "hook" answered HTTP 503',
    );
  });

  it('give up an entry whose first-attempt time cannot be read', () => {
    const damaged = entry({ firstAttemptAt: 'yesterday' });
    expect(outboxAgeMs(damaged, T0)).toBeUndefined();
    expect(expiryReason(damaged, T0, 2 * HOUR)).toMatch(/unreadable firstAttemptAt/);
  });

  it('are due without notBefore, or once it has passed', () => {
    expect(isDue(entry(), T0)).toBe(true);
    expect(isDue(entry({ notBefore: iso(T0 + 1) }), T0)).toBe(false);
    expect(isDue(entry({ notBefore: iso(T0) }), T0)).toBe(true);
  });

  it('sort oldest first and keep the saved order for equal times', () => {
    const a = entry({ id: 'a', firstAttemptAt: iso(T0 + 10) });
    const b = entry({ id: 'b', firstAttemptAt: iso(T0) });
    const c = entry({ id: 'c', firstAttemptAt: iso(T0 + 10) });
    expect(oldestFirst([a, b, c]).map((e) => e.id)).toEqual(['b', 'a', 'c']);
  });

  it('are created with times, attempts and an optional notBefore', () => {
    expect(newOutboxEntry({ id: 'n', message, attempts: 2, at: T0, lastAt: T0 + 4_000, lastError: 'x' })).toEqual({
      id: 'n',
      message,
      attempts: 2,
      firstAttemptAt: iso(T0),
      lastAttemptAt: iso(T0 + 4_000),
      lastError: 'x',
    });
    const later = newOutboxEntry({ id: 'n', message, attempts: 0, at: T0, lastError: 'x', notBefore: T0 + 60_000 });
    expect(later.notBefore).toBe(iso(T0 + 60_000));
  });

  it('are requeued with more attempts, the same id and first-attempt time, and a fresh notBefore', () => {
    const old = entry({ notBefore: iso(T0 + 1_000) });
    const next = requeueEntry(old, { attempts: 2, at: T0 + HOUR, lastError: 'timeout' });
    expect(next).toEqual({
      id: 'e1',
      message,
      attempts: 5,
      firstAttemptAt: iso(T0),
      lastAttemptAt: iso(T0 + HOUR),
      lastError: 'timeout',
    });
    expect(requeueEntry(old, { attempts: 1, at: T0, lastError: 'x', notBefore: T0 + 7_000 }).notBefore).toBe(
      iso(T0 + 7_000),
    );
  });

  it('are deferred without an attempt: only notBefore moves, and only later', () => {
    const held = entry({ notBefore: iso(T0 + 120_000) });
    expect(deferEntry(held, T0 + 60_000, T0)).toEqual(held);
    expect(deferEntry(held, T0 + 180_000, T0)).toEqual({ ...held, notBefore: iso(T0 + 180_000) });
    expect(deferEntry(entry({ notBefore: iso(T0 - 1) }), undefined, T0)).toEqual(entry());
  });
});
