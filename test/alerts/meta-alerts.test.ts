import { describe, expect, it } from 'vitest';
import { advanceAlert } from '../../lib/alerts/lifecycle';
import { notificationUndeliverable, watchEmpty, watchQueryFailing } from '../../lib/alerts/meta-alerts';
import type { WatchHealth } from '../../lib/alerts/types';
import { updateWatchHealth } from '../../lib/alerts/watch-health';
import { iso, MIN, T0 } from './fixtures';

const watch = {
  name: 'payments',
  workspace: 'ws1',
  namespace: 'ns',
  selector: 'team=payments',
  labels: { owner: 'p' },
};

describe('updateWatchHealth', () => {
  it('counts consecutive failures, keeps the last good values, and resets on success', () => {
    const ok = updateWatchHealth(undefined, { ok: true, count: 4 }, T0);
    expect(ok).toEqual({ consecutiveFailures: 0, lastOkAt: iso(T0), lastCount: 4 });
    const f1 = updateWatchHealth(ok, { ok: false, error: 'timeout' }, T0 + MIN);
    const f2 = updateWatchHealth(f1, { ok: false, error: 'HTTP 503' }, T0 + 2 * MIN);
    expect(f2).toEqual({ consecutiveFailures: 2, lastOkAt: iso(T0), lastCount: 4, lastError: 'HTTP 503' });
    expect(updateWatchHealth(f2, { ok: true, count: 0 }, T0 + 3 * MIN)).toEqual({
      consecutiveFailures: 0,
      lastOkAt: iso(T0 + 3 * MIN),
      lastCount: 0,
    });
  });
});

describe('WatchQueryFailing', () => {
  it('fires (critical, at once) after N consecutive failures and carries the last error', () => {
    let health: WatchHealth | undefined;
    const conditions: string[] = [];
    for (let i = 0; i < 3; i++) {
      health = updateWatchHealth(health, { ok: false, error: `InternalError attempt ${i}` }, T0 + i * MIN);
      conditions.push(watchQueryFailing({ watch, health, threshold: 3 }).condition);
    }
    expect(conditions).toEqual(['false', 'false', 'true']);
    const input = watchQueryFailing({ watch, health: health as WatchHealth, threshold: 3 });
    expect(input.severity).toBe('critical');
    expect(input.labels).toMatchObject({
      alertname: 'WatchQueryFailing',
      watch: 'payments',
      severity: 'critical',
      owner: 'p',
    });
    expect(input.annotations.lastError).toBe('InternalError attempt 2');
    const step = advanceAlert(undefined, input, T0 + 2 * MIN);
    expect(step.transition).toBe('became-firing');
  });

  it('resolves once a query succeeds', () => {
    const healthy = updateWatchHealth({ consecutiveFailures: 5 }, { ok: true, count: 2 }, T0);
    expect(watchQueryFailing({ watch, health: healthy, threshold: 3 }).condition).toBe('false');
  });
});

describe('WatchEmpty', () => {
  it.each([
    { health: { consecutiveFailures: 0, lastCount: 0 }, condition: 'true' },
    { health: { consecutiveFailures: 0, lastCount: 3 }, condition: 'false' },
    { health: { consecutiveFailures: 1, lastCount: 0 }, condition: 'held' },
    { health: undefined, condition: 'held' },
  ])('$health → $condition', ({ health, condition }) => {
    const input = watchEmpty({ watch, health });
    expect(input.condition).toBe(condition);
    expect(input.severity).toBe('warning');
    expect(input.labels.alertname).toBe('WatchEmpty');
  });
});

describe('NotificationUndeliverable', () => {
  it('is true with a problem, names the receiver and the reason, and has no watch', () => {
    const input = notificationUndeliverable({
      receiver: 'oncall',
      problem: { kind: 'dropped', reason: 'DingTalk errcode 310000 (keyword not found)' },
    });
    expect(input.condition).toBe('true');
    expect(input.severity).toBe('warning');
    expect(input.labels).toEqual({
      alertname: 'NotificationUndeliverable',
      failedReceiver: 'oncall',
      severity: 'warning',
    });
    expect(input.annotations.reason).toContain('310000');
    expect(input.annotations.summary).toContain('oncall');
  });

  it('is false without a problem, with the same identity', () => {
    const ok = notificationUndeliverable({ receiver: 'oncall', problem: undefined });
    const bad = notificationUndeliverable({ receiver: 'oncall', problem: { kind: 'fatal', reason: 'x' } });
    expect(ok.condition).toBe('false');
    expect(ok.labels).toEqual(bad.labels);
  });
});
