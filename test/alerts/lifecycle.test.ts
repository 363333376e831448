import { describe, expect, it } from 'vitest';
import { advanceAlert, type Condition, pendingRemainingMs } from '../../lib/alerts/lifecycle';
import type { AlertRecord, AlertTransition } from '../../lib/alerts/types';
import { deploymentLabels, HOUR, iso, MIN, record, T0 } from './fixtures';

const labels = deploymentLabels({});
const annotations = { jobSummary: 'failed=7' };
const pending = record(labels, 'pending', T0);
const firing = record(labels, 'firing', T0);
const resolved = record(labels, 'resolved', T0, T0 + 5 * MIN);

interface Row {
  name: string;
  prev: AlertRecord | undefined;
  condition: Condition;
  forMs: number;
  at: number;
  transition: AlertTransition | undefined;
  /** `null`: no record afterwards. */
  status: AlertRecord['status'] | null;
  expect?: Partial<AlertRecord>;
}

const rows: Row[] = [
  {
    name: 'true, no alert, for 3m → pending',
    prev: undefined,
    condition: 'true',
    forMs: 3 * MIN,
    at: T0,
    transition: 'became-pending',
    status: 'pending',
    expect: { activeSince: iso(T0), lastEvaluatedAt: iso(T0) },
  },
  {
    name: 'true, no alert, for 0 → firing at once',
    prev: undefined,
    condition: 'true',
    forMs: 0,
    at: T0,
    transition: 'became-firing',
    status: 'firing',
    expect: { activeSince: iso(T0), firedAt: iso(T0) },
  },
  {
    name: 'true, pending, for not yet held → still pending',
    prev: pending,
    condition: 'true',
    forMs: 3 * MIN,
    at: T0 + 3 * MIN - 1,
    transition: 'still-pending',
    status: 'pending',
    expect: { activeSince: iso(T0) },
  },
  {
    name: 'true, pending, for exactly held → firing',
    prev: pending,
    condition: 'true',
    forMs: 3 * MIN,
    at: T0 + 3 * MIN,
    transition: 'became-firing',
    status: 'firing',
    expect: { activeSince: iso(T0), firedAt: iso(T0 + 3 * MIN) },
  },
  {
    name: 'true, firing → still firing, annotations updated',
    prev: firing,
    condition: 'true',
    forMs: 3 * MIN,
    at: T0 + 10 * MIN,
    transition: 'still-firing',
    status: 'firing',
    expect: { firedAt: iso(T0), annotations, lastEvaluatedAt: iso(T0 + 10 * MIN) },
  },
  {
    name: 'true, resolved → a new episode, pending',
    prev: resolved,
    condition: 'true',
    forMs: 3 * MIN,
    at: T0 + HOUR,
    transition: 'became-pending',
    status: 'pending',
    expect: { activeSince: iso(T0 + HOUR) },
  },
  {
    name: 'true, resolved, for 0 → firing again',
    prev: resolved,
    condition: 'true',
    forMs: 0,
    at: T0 + HOUR,
    transition: 'became-firing',
    status: 'firing',
    expect: { activeSince: iso(T0 + HOUR), firedAt: iso(T0 + HOUR) },
  },
  {
    name: 'false, pending → dropped',
    prev: pending,
    condition: 'false',
    forMs: 3 * MIN,
    at: T0 + MIN,
    transition: 'pending-cleared',
    status: null,
  },
  {
    name: 'false, firing → resolved',
    prev: firing,
    condition: 'false',
    forMs: 0,
    at: T0 + 7 * MIN,
    transition: 'resolved',
    status: 'resolved',
    expect: { resolvedAt: iso(T0 + 7 * MIN), firedAt: iso(T0), annotations: firing.annotations },
  },
  {
    name: 'false, resolved → kept, nothing happens',
    prev: resolved,
    condition: 'false',
    forMs: 0,
    at: T0 + HOUR,
    transition: undefined,
    status: 'resolved',
    expect: { resolvedAt: iso(T0 + 5 * MIN) },
  },
  {
    name: 'false, no alert → nothing',
    prev: undefined,
    condition: 'false',
    forMs: 0,
    at: T0,
    transition: undefined,
    status: null,
  },
  {
    name: 'held, firing → kept firing, held',
    prev: firing,
    condition: 'held',
    forMs: 0,
    at: T0 + HOUR,
    transition: 'held',
    status: 'firing',
    expect: { held: true, lastEvaluatedAt: firing.lastEvaluatedAt },
  },
  {
    name: 'held, pending past its for → stays pending, never fires',
    prev: pending,
    condition: 'held',
    forMs: 3 * MIN,
    at: T0 + HOUR,
    transition: 'held',
    status: 'pending',
    expect: { held: true, forPausedSince: pending.lastEvaluatedAt },
  },
  {
    name: 'held, resolved → unchanged',
    prev: resolved,
    condition: 'held',
    forMs: 0,
    at: T0 + HOUR,
    transition: undefined,
    status: 'resolved',
    expect: { lastEvaluatedAt: resolved.lastEvaluatedAt },
  },
  {
    name: 'held, no alert → nothing',
    prev: undefined,
    condition: 'held',
    forMs: 0,
    at: T0,
    transition: undefined,
    status: null,
  },
  {
    name: 'error, firing → kept firing, never resolved',
    prev: firing,
    condition: 'error',
    forMs: 0,
    at: T0 + HOUR,
    transition: 'evaluation-error',
    status: 'firing',
    expect: { firedAt: iso(T0), lastEvaluatedAt: iso(T0 + HOUR) },
  },
  {
    name: 'error, pending past its for → stays pending',
    prev: pending,
    condition: 'error',
    forMs: 3 * MIN,
    at: T0 + HOUR,
    transition: 'evaluation-error',
    status: 'pending',
    expect: { activeSince: iso(T0) },
  },
  {
    name: 'error, resolved → unchanged',
    prev: resolved,
    condition: 'error',
    forMs: 0,
    at: T0 + HOUR,
    transition: undefined,
    status: 'resolved',
    expect: { resolvedAt: iso(T0 + 5 * MIN) },
  },
  {
    name: 'error, no alert → nothing',
    prev: undefined,
    condition: 'error',
    forMs: 0,
    at: T0,
    transition: undefined,
    status: null,
  },
];

describe('advanceAlert', () => {
  it.each(rows)('$name', (row) => {
    const step = advanceAlert(
      row.prev,
      { condition: row.condition, labels, annotations, forMs: row.forMs, severity: 'critical' },
      row.at,
    );
    expect(step.transition).toBe(row.transition);
    if (row.status === null) {
      expect(step.record).toBeUndefined();
      return;
    }
    expect(step.record?.status).toBe(row.status);
    expect(step.record?.fingerprint).toBe(pending.fingerprint);
    expect(step.record).toMatchObject(row.expect ?? {});
    if (row.condition !== 'held') expect(step.record?.held).toBeUndefined();
    if (row.status !== 'resolved') expect(step.record?.resolvedAt).toBeUndefined();
    if (row.status === 'pending') expect(step.record?.firedAt).toBeUndefined();
  });

  it('keeps a held record exactly as it was, apart from the held flag', () => {
    const step = advanceAlert(
      firing,
      { condition: 'held', labels, annotations, forMs: 0, severity: 'critical' },
      T0 + HOUR,
    );
    expect(step.record).toEqual({ ...firing, held: true });
  });

  it('does not mutate the previous record', () => {
    const prev = structuredClone(firing);
    advanceAlert(prev, { condition: 'false', labels, annotations, forMs: 0, severity: 'critical' }, T0 + HOUR);
    expect(prev).toEqual(firing);
  });

  it('resolves a held firing alert once the watch answers again and the condition is false', () => {
    const held = advanceAlert(
      firing,
      { condition: 'held', labels, annotations, forMs: 0, severity: 'critical' },
      T0 + MIN,
    );
    const next = advanceAlert(
      held.record,
      { condition: 'false', labels, annotations, forMs: 0, severity: 'critical' },
      T0 + 2 * MIN,
    );
    expect(next.transition).toBe('resolved');
    expect(next.record?.held).toBeUndefined();
  });

  it('does not count blind time towards for', () => {
    const step = (prev: AlertRecord | undefined, condition: Condition, at: number) =>
      advanceAlert(prev, { condition, labels, annotations, forMs: 3 * MIN, severity: 'critical' }, at);
    const t0 = step(undefined, 'true', T0);
    const t1 = step(t0.record, 'true', T0 + MIN);
    const t2 = step(t1.record, 'held', T0 + 2 * MIN);
    const t3 = step(t2.record, 'error', T0 + 3 * MIN);
    expect(t3.record?.forPausedSince).toBe(iso(T0 + MIN));
    expect(pendingRemainingMs(t3.record as AlertRecord, 3 * MIN, T0 + 3 * MIN)).toBe(2 * MIN);
    // Seen true at 0 and 1 min, blind until 4 min: 1 minute observed so far.
    const t4 = step(t3.record, 'true', T0 + 4 * MIN);
    expect(t4.transition).toBe('still-pending');
    expect(t4.record?.forPausedMs).toBe(3 * MIN);
    expect(t4.record?.forPausedSince).toBeUndefined();
    const t5 = step(t4.record, 'true', T0 + 6 * MIN - 1);
    expect(t5.transition).toBe('still-pending');
    const t6 = step(t5.record, 'true', T0 + 6 * MIN);
    expect(t6.transition).toBe('became-firing');
    expect(t6.record?.activeSince).toBe(iso(T0));
    expect(t6.record?.forPausedMs).toBeUndefined();
  });

  it('reports the time a pending alert still needs', () => {
    expect(pendingRemainingMs(pending, 3 * MIN, T0 + MIN)).toBe(2 * MIN);
    expect(pendingRemainingMs(pending, 3 * MIN, T0 + 5 * MIN)).toBe(0);
    expect(pendingRemainingMs(firing, 3 * MIN, T0)).toBe(0);
  });
});
