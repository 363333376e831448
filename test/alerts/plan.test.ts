import { describe, expect, it } from 'vitest';
import { logKey } from '../../lib/alerts/notification-log';
import type { AlertRecord } from '../../lib/alerts/types';
import { deploymentLabels, HOUR, iso, MIN, record, T0 } from './fixtures';
import { tick, toOnly } from './plan-helpers';

const deployments = ['a', 'b', 'c', 'd', 'e'];
const failing = (status: AlertRecord['status'], name = 'a', since = T0, resolvedAt?: number) =>
  record(deploymentLabels({ deployment: name }), status, since, resolvedAt);

describe('planNotifications: grouping', () => {
  it('sends one notification for many alerts of one group', () => {
    const alerts = deployments.map((d, i) => failing('firing', d, T0 + i));
    const { plan } = tick({ alerts, log: {}, now: T0 + MIN });
    expect(plan.notifications).toHaveLength(1);
    const [planned] = plan.notifications;
    const n = planned?.notification;
    expect(planned?.reason).toBe('first-notification');
    expect(n?.receiver).toBe('oncall');
    expect(n?.groupKey).toBe('oncall:{alertname="job-failed", watch="payments"}');
    expect(planned?.key).toBe(logKey('oncall', n?.groupKey ?? ''));
    expect(n?.status).toBe('firing');
    expect(n?.alerts.map((a) => a.labels.deployment)).toEqual(deployments);
    expect(n?.groupLabels).toEqual({ alertname: 'job-failed', watch: 'payments' });
    expect(n?.commonLabels).toEqual({
      alertname: 'job-failed',
      namespace: 'default-namespace',
      severity: 'critical',
      watch: 'payments',
      workspace: 'ws1',
    });
    expect(n?.now).toBe(iso(T0 + MIN));
    expect(planned?.logEntry).toEqual({
      firing: alerts.map((a) => a.fingerprint).sort(),
      resolved: [],
      sentAt: iso(T0 + MIN),
    });
  });

  it('separates groups by the groupBy labels', () => {
    const alerts = [failing('firing', 'a'), record(deploymentLabels({ rule: 'job-not-running' }), 'firing')];
    const { plan } = tick({ alerts, log: {}, now: T0 });
    expect(plan.notifications.map((n) => n.notification.groupLabels.alertname).sort()).toEqual([
      'job-failed',
      'job-not-running',
    ]);
  });

  it('renders alerts as Alertmanager views with links', () => {
    const firing = failing('firing', 'a', T0);
    const { plan } = tick({
      alerts: [firing],
      log: {},
      now: T0 + MIN,
      extra: {
        externalURL: 'https://report.example/',
        generatorURL: (a) => `https://console.example/${a.labels.deploymentId}`,
      },
    });
    const n = plan.notifications[0]?.notification;
    expect(n?.externalURL).toBe('https://report.example/');
    expect(n?.alerts[0]).toEqual({
      fingerprint: firing.fingerprint,
      status: 'firing',
      labels: firing.labels,
      annotations: firing.annotations,
      startsAt: iso(T0),
      generatorURL: 'https://console.example/id-a',
    });
  });
});

describe('planNotifications: the sequence of one group', () => {
  it('announces, holds back until the repeat interval, repeats, resolves, then goes quiet', () => {
    let log = {};
    const fire = tick({ alerts: [failing('firing')], log, now: T0 });
    expect(fire.plan.notifications.map((n) => n.reason)).toEqual(['first-notification']);
    log = fire.log;

    const quiet = tick({ alerts: [failing('firing')], log, now: T0 + MIN });
    expect(quiet.plan.notifications).toEqual([]);
    expect(quiet.plan.skipped[0]).toMatchObject({ reason: 'repeat-not-reached', nextRepeatAt: iso(T0 + 4 * HOUR) });

    const repeat = tick({ alerts: [failing('firing')], log, now: T0 + 4 * HOUR });
    expect(repeat.plan.notifications.map((n) => n.reason)).toEqual(['repeat']);
    log = repeat.log;

    const resolved = failing('resolved', 'a', T0, T0 + 5 * HOUR);
    const resolve = tick({ alerts: [resolved], log, now: T0 + 5 * HOUR });
    expect(resolve.plan.notifications.map((n) => n.reason)).toEqual(['all-resolved']);
    const n = resolve.plan.notifications[0]?.notification;
    expect(n?.status).toBe('resolved');
    expect(n?.alerts[0]).toMatchObject({ status: 'resolved', endsAt: iso(T0 + 5 * HOUR), startsAt: iso(T0) });
    log = resolve.log;

    const after = tick({ alerts: [resolved], log, now: T0 + 6 * HOUR });
    expect(after.plan.notifications).toEqual([]);
    expect(after.plan.skipped.map((s) => s.reason)).toEqual(['nothing-firing']);
  });

  it('sends one message when a second alert joins a group, carrying both', () => {
    const first = tick({ alerts: [failing('firing', 'a')], log: {}, now: T0 });
    const both = [failing('firing', 'a'), failing('firing', 'b', T0 + MIN)];
    const second = tick({ alerts: both, log: first.log, now: T0 + MIN });
    expect(second.plan.notifications.map((n) => n.reason)).toEqual(['new-firing']);
    expect(second.plan.notifications[0]?.notification.alerts).toHaveLength(2);
  });

  it('announces a partial resolve together with the alerts still firing', () => {
    const first = tick({ alerts: [failing('firing', 'a'), failing('firing', 'b')], log: {}, now: T0 });
    const alerts = [failing('resolved', 'a', T0, T0 + MIN), failing('firing', 'b')];
    const next = tick({ alerts, log: first.log, now: T0 + MIN });
    expect(next.plan.notifications.map((n) => n.reason)).toEqual(['new-resolved']);
    const views = next.plan.notifications[0]?.notification.alerts ?? [];
    expect(views.map((v) => `${v.labels.deployment}:${v.status}`)).toEqual(['b:firing', 'a:resolved']);
    const later = tick({ alerts, log: next.log, now: T0 + 2 * MIN });
    expect(later.plan.notifications).toEqual([]);
  });
});

describe('planNotifications: resolves never announced without their firing', () => {
  it('does not announce an alert that fired and resolved before any message', () => {
    const { plan } = tick({ alerts: [failing('resolved', 'a', T0, T0 + MIN)], log: {}, now: T0 + MIN });
    expect(plan.notifications).toEqual([]);
    expect(plan.skipped.map((s) => s.reason)).toEqual(['nothing-firing']);
  });

  it('leaves out of a message the resolve of an alert this receiver never heard of', () => {
    const first = tick({ alerts: [failing('firing', 'a')], log: {}, now: T0 });
    // b fired while muted (or between ticks of a failing receiver) and resolved: the receiver never saw it.
    const alerts = [failing('firing', 'a'), failing('resolved', 'b', T0, T0 + MIN), failing('firing', 'c', T0 + MIN)];
    const next = tick({ alerts, log: first.log, now: T0 + MIN });
    expect(next.plan.notifications.map((n) => n.reason)).toEqual(['new-firing']);
    const views = next.plan.notifications[0]?.notification.alerts ?? [];
    expect(views.map((v) => v.labels.deployment)).toEqual(['a', 'c']);
  });

  it('does not announce the resolve of an alert that was silenced all along', () => {
    const silences = [
      {
        matchers: [{ name: 'deployment', op: '=' as const, value: 'a' }],
        startsAt: new Date(T0),
        endsAt: new Date(T0 + HOUR),
        comment: 'x',
      },
    ];
    const muted = tick({ alerts: [failing('firing', 'a')], log: {}, now: T0, silences });
    expect(muted.plan.notifications).toEqual([]);
    expect(muted.plan.muted).toMatchObject([{ reason: 'silence' }]);
    const resolved = [failing('resolved', 'a', T0, T0 + 2 * HOUR)];
    const after = tick({ alerts: resolved, log: muted.log, now: T0 + 2 * HOUR, silences });
    expect(after.plan.notifications).toEqual([]);
  });
});

describe('planNotifications: muting', () => {
  const silences = [
    {
      matchers: [{ name: 'deployment', op: '=' as const, value: 'a' }],
      startsAt: new Date(T0 + MIN),
      endsAt: new Date(T0 + HOUR),
      comment: 'deploying',
    },
  ];

  it('a still-firing alert is announced as new when its silence ends', () => {
    const fire = tick({ alerts: [failing('firing')], log: {}, now: T0, silences });
    expect(fire.plan.notifications).toHaveLength(1);
    const muted = tick({ alerts: [failing('firing')], log: fire.log, now: T0 + 2 * MIN, silences });
    expect(muted.plan.notifications).toEqual([]);
    expect(muted.plan.skipped.map((s) => s.reason)).toEqual(['all-muted']);
    expect(muted.plan.muted[0]?.by).toContain('deploying');
    const stillMuted = tick({ alerts: [failing('firing')], log: muted.log, now: T0 + 30 * MIN, silences });
    expect(stillMuted.plan.notifications).toEqual([]);
    const unmuted = tick({ alerts: [failing('firing')], log: stillMuted.log, now: T0 + HOUR, silences });
    expect(unmuted.plan.notifications.map((n) => n.reason)).toEqual(['first-notification']);
  });

  it('an inhibited warning is left out while the critical alert of its deployment fires', () => {
    const critical = failing('firing', 'a');
    const warning = record(
      deploymentLabels({ deployment: 'a', rule: 'slow-checkpoints', severity: 'warning' }),
      'firing',
    );
    const { plan } = tick({ alerts: [critical, warning], log: {}, now: T0 });
    expect(plan.notifications.map((n) => n.notification.groupLabels.alertname)).toEqual(['job-failed']);
    expect(plan.muted).toEqual([
      { fingerprint: warning.fingerprint, reason: 'inhibit', by: expect.stringContaining(critical.fingerprint) },
    ]);
    expect(plan.skipped).toMatchObject([{ reason: 'all-muted', members: [warning.fingerprint] }]);
  });
});

describe('planNotifications: receiver policies', () => {
  it('with sendResolved off, closes the group without a message', () => {
    const routes = toOnly('quiet');
    const fire = tick({ alerts: [failing('firing')], log: {}, now: T0, routes });
    expect(fire.plan.notifications).toHaveLength(1);
    const resolved = [failing('resolved', 'a', T0, T0 + MIN)];
    const resolve = tick({ alerts: resolved, log: fire.log, now: T0 + MIN, routes });
    expect(resolve.plan.notifications).toEqual([]);
    expect(resolve.plan.skipped[0]).toMatchObject({ reason: 'resolved-not-shown', logEntry: { firing: [] } });
    const refire = tick({
      alerts: [failing('firing', 'a', T0 + 2 * MIN)],
      log: resolve.log,
      now: T0 + 2 * MIN,
      routes,
    });
    expect(refire.plan.notifications.map((n) => n.reason)).toEqual(['first-notification']);
  });

  it('with sendResolved off, leaves resolved alerts out of messages', () => {
    const routes = toOnly('quiet');
    const fire = tick({ alerts: [failing('firing', 'a'), failing('firing', 'b')], log: {}, now: T0, routes });
    const alerts = [failing('resolved', 'a', T0, T0 + MIN), failing('firing', 'b'), failing('firing', 'c')];
    const next = tick({ alerts, log: fire.log, now: T0 + MIN, routes });
    const shown = next.plan.notifications[0]?.notification.alerts.map((a) => a.labels.deployment);
    expect(shown?.sort()).toEqual(['b', 'c']);
  });

  it('re-sends firing groups every tick to receivers that want it', () => {
    const routes = toOnly('am');
    const fire = tick({ alerts: [failing('firing')], log: {}, now: T0, routes });
    const again = tick({ alerts: [failing('firing')], log: fire.log, now: T0 + MIN, routes });
    expect(again.plan.notifications.map((n) => n.reason)).toEqual(['every-tick']);
  });

  it('skips groups routed to a receiver that does not exist', () => {
    const { plan } = tick({ alerts: [failing('firing')], log: {}, now: T0, routes: toOnly('ghost') });
    expect(plan.notifications).toEqual([]);
    expect(plan.skipped.map((s) => s.reason)).toEqual(['unknown-receiver']);
  });

  it('ignores pending alerts', () => {
    const { plan } = tick({ alerts: [failing('pending')], log: {}, now: T0 });
    expect(plan).toEqual({ notifications: [], skipped: [], muted: [] });
  });
});
