import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkBudget, longestWindowMs, pruneSends, recordSend } from '../../lib/notify/rate-budget';

const PER_MIN_20 = [{ max: 20, perMs: 60_000 }];
const T0 = Date.parse('2026-11-28T09:00:00Z');

describe('checkBudget', () => {
  it('allows sends while the window has room', () => {
    expect(checkBudget([], PER_MIN_20, T0)).toEqual({ ok: true });
    const nineteen = Array.from({ length: 19 }, (_, i) => T0 + i * 1_000);
    expect(checkBudget(nineteen, PER_MIN_20, T0 + 30_000)).toEqual({ ok: true });
  });

  it('refuses the 21st send in a minute and says when the oldest send leaves the window', () => {
    const twenty = Array.from({ length: 20 }, (_, i) => T0 + i * 1_000);
    expect(checkBudget(twenty, PER_MIN_20, T0 + 30_000)).toEqual({ ok: false, retryAt: T0 + 60_000 });
    expect(checkBudget(twenty, PER_MIN_20, T0 + 59_999)).toEqual({ ok: false, retryAt: T0 + 60_000 });
    expect(checkBudget(twenty, PER_MIN_20, T0 + 60_000)).toEqual({ ok: true });
  });

  it('waits for enough sends to leave when the window is over-full (limit lowered since)', () => {
    const twentyTwo = Array.from({ length: 22 }, (_, i) => T0 + i * 1_000);
    // 3 of them must leave: the third oldest (T0 + 2 s) leaves at T0 + 62 s.
    expect(checkBudget(twentyTwo, PER_MIN_20, T0 + 30_000)).toEqual({ ok: false, retryAt: T0 + 62_000 });
  });

  it('takes the latest retry time over several limits', () => {
    const limits = [
      { max: 5, perMs: 1_000 },
      { max: 100, perMs: 60_000 },
    ];
    const burst = Array.from({ length: 5 }, () => T0);
    expect(checkBudget(burst, limits, T0 + 10)).toEqual({ ok: false, retryAt: T0 + 1_000 });
    const minute = Array.from({ length: 100 }, (_, i) => T0 + i * 500);
    expect(checkBudget(minute, limits, T0 + 50_000)).toEqual({ ok: false, retryAt: T0 + 60_000 });
  });

  it('ignores unusable limits and counts sends stamped in the future', () => {
    expect(
      checkBudget(
        [T0, T0],
        [
          { max: 0, perMs: 1_000 },
          { max: 1, perMs: 0 },
        ],
        T0,
      ),
    ).toEqual({ ok: true });
    expect(checkBudget([T0 + 5_000], [{ max: 1, perMs: 60_000 }], T0)).toEqual({ ok: false, retryAt: T0 + 65_000 });
  });

  it('never lets more than max sends into any window (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 100, max: 10_000 }),
        fc.array(fc.integer({ min: 0, max: 2_000 }), { minLength: 1, maxLength: 80 }),
        (max, perMs, gaps) => {
          let now = T0;
          let sends: number[] = [];
          for (const gap of gaps) {
            now += gap;
            const decision = checkBudget(sends, [{ max, perMs }], now);
            if (decision.ok) sends = recordSend(sends, now);
            else expect(decision.retryAt).toBeGreaterThan(now);
          }
          for (const start of sends) {
            expect(sends.filter((s) => s >= start && s < start + perMs).length).toBeLessThanOrEqual(max);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('recordSend / pruneSends / longestWindowMs', () => {
  it('records in order without touching the input', () => {
    const before = [T0 + 2, T0 + 5];
    expect(recordSend(before, T0 + 3)).toEqual([T0 + 2, T0 + 3, T0 + 5]);
    expect(before).toEqual([T0 + 2, T0 + 5]);
  });

  it('forgets what no window can see, and times far in the future', () => {
    const sends = [T0 - 120_000, T0 - 60_000, T0 - 59_999, T0, T0 + 30_000, T0 + 3_600_000];
    expect(pruneSends(sends, T0, 60_000)).toEqual([T0 - 59_999, T0, T0 + 30_000]);
  });

  it('keeps sends as long as the longest usable window', () => {
    expect(
      longestWindowMs([
        { max: 5, perMs: 1_000 },
        { max: 100, perMs: 60_000 },
      ]),
    ).toBe(60_000);
    expect(longestWindowMs([])).toBe(0);
    expect(longestWindowMs([{ max: 0, perMs: 5_000 }])).toBe(0);
  });
});
