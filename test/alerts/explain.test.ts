import { describe, expect, it } from 'vitest';
import { explainAlert, formatDuration } from '../../lib/alerts/explain';
import { advanceAlert } from '../../lib/alerts/lifecycle';
import type { AlertRecord } from '../../lib/alerts/types';
import { deploymentLabels, HOUR, iso, MIN, record, T0 } from './fixtures';
import { tick } from './plan-helpers';

const labels = deploymentLabels({ deployment: 'a' });

describe('explainAlert', () => {
  it('says how long a pending alert still needs', () => {
    const pending = record(labels, 'pending', T0);
    const { plan } = tick({ alerts: [pending], log: {}, now: T0 + MIN });
    const ex = explainAlert({ record: pending, forMs: 3 * MIN, now: T0 + MIN, plan });
    expect(ex.pending).toEqual({ remainingMs: 2 * MIN, firesAt: iso(T0 + 3 * MIN), paused: false });
    expect(ex.lines[0]).toBe(`pending: fires in 2m (at ${iso(T0 + 3 * MIN)}) if the condition still holds`);
    expect(ex.receivers).toEqual([]);
  });

  it('says the for clock is paused while a pending alert is held', () => {
    const pending = record(labels, 'pending', T0);
    const held = advanceAlert(
      pending,
      { condition: 'held', labels, annotations: {}, forMs: 3 * MIN, severity: 'critical' },
      T0 + MIN,
    );
    const { plan } = tick({ alerts: [held.record as AlertRecord], log: {}, now: T0 + MIN });
    const ex = explainAlert({ record: held.record as AlertRecord, forMs: 3 * MIN, now: T0 + MIN, plan });
    expect(ex.pending?.paused).toBe(true);
    expect(ex.held).toBe(true);
    expect(ex.lines.join('\n')).toMatch(/paused/);
    expect(ex.lines.join('\n')).toMatch(/held/);
  });

  it('says a new firing alert would be sent', () => {
    const firing = record(labels, 'firing', T0);
    const { plan } = tick({ alerts: [firing], log: {}, now: T0 });
    const ex = explainAlert({ record: firing, forMs: 0, now: T0, plan });
    expect(ex.receivers).toMatchObject([{ receiver: 'oncall', willSend: true, reason: 'first-notification' }]);
    expect(ex.lines).toContain('oncall: would send (first message for this group)');
  });

  it('says when the repeat interval allows the next message', () => {
    const firing = record(labels, 'firing', T0);
    const first = tick({ alerts: [firing], log: {}, now: T0 });
    const { plan } = tick({ alerts: [firing], log: first.log, now: T0 + MIN });
    const ex = explainAlert({ record: firing, forMs: 0, now: T0 + MIN, plan });
    expect(ex.receivers).toMatchObject([
      { willSend: false, reason: 'repeat-not-reached', nextRepeatAt: iso(T0 + 4 * HOUR) },
    ]);
    expect(ex.lines.at(-1)).toContain(`next at ${iso(T0 + 4 * HOUR)}`);
  });

  it('names the silence that mutes an alert', () => {
    const firing = record(labels, 'firing', T0);
    const silences = [
      {
        matchers: [{ name: 'deployment', op: '=' as const, value: 'a' }],
        startsAt: new Date(T0),
        endsAt: new Date(T0 + HOUR),
        comment: 'upgrade',
      },
    ];
    const { plan } = tick({ alerts: [firing], log: {}, now: T0, silences });
    const ex = explainAlert({ record: firing, forMs: 0, now: T0, plan });
    expect(ex.muted).toMatchObject({ reason: 'silence' });
    expect(ex.lines.join('\n')).toMatch(/silenced by silence #1 \{deployment="a"\}.*upgrade/);
    expect(ex.receivers).toMatchObject([{ willSend: false, reason: 'all-muted' }]);
  });

  it('names the alert that inhibits a warning, even when its group is sent', () => {
    const critical = record(labels, 'firing', T0);
    const warning = record(deploymentLabels({ deployment: 'a', severity: 'warning' }), 'firing', T0);
    const other = record(deploymentLabels({ deployment: 'b', severity: 'warning' }), 'firing', T0);
    const { plan } = tick({
      alerts: [critical, warning, other],
      log: {},
      now: T0,
      routes: [{ matchers: [], receivers: ['oncall'], continue: false, groupBy: [], repeatIntervalMs: HOUR }],
    });
    expect(plan.notifications).toHaveLength(1);
    const ex = explainAlert({ record: warning, forMs: 0, now: T0, plan });
    expect(ex.receivers).toMatchObject([{ willSend: false }]);
    expect(ex.lines.join('\n')).toContain(`inhibited by critical alert job-failed a [${critical.fingerprint}]`);
  });

  it('formats durations for people', () => {
    expect(formatDuration(45_000)).toBe('45s');
    expect(formatDuration(150_000)).toBe('2m 30s');
    expect(formatDuration(HOUR + 5 * MIN)).toBe('1h 5m');
    expect(formatDuration(2 * HOUR)).toBe('2h');
  });
});
