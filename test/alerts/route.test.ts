import { describe, expect, it } from 'vitest';
import { notificationUndeliverable } from '../../lib/alerts/meta-alerts';
import { routeAlert } from '../../lib/alerts/route';
import type { AlertingConfig, RouteConfig } from '../../lib/config/types';
import { alerting, deploymentLabels, HOUR, MIN } from './fixtures';

const route = (over: Partial<RouteConfig> & Pick<RouteConfig, 'receivers'>): RouteConfig => ({
  matchers: [],
  continue: false,
  groupBy: ['alertname'],
  repeatIntervalMs: HOUR,
  ...over,
});
const critical = deploymentLabels({ severity: 'critical' });
const warning = deploymentLabels({ severity: 'warning', rule: 'job-restarting' });

describe('routeAlert', () => {
  const routes: RouteConfig[] = [
    route({ matchers: [{ name: 'severity', op: '=', value: 'critical' }], receivers: ['pager'], continue: true }),
    route({
      matchers: [{ name: 'watch', op: '=', value: 'payments' }],
      receivers: ['payments-chat'],
      groupBy: ['watch'],
    }),
    route({ receivers: ['catch-all'], repeatIntervalMs: 30 * MIN }),
  ];

  it('continues after a matching route with continue: true and stops at the next match', () => {
    expect(routeAlert(critical, routes, alerting)).toEqual([
      { receiver: 'pager', groupBy: ['alertname'], repeatIntervalMs: HOUR },
      { receiver: 'payments-chat', groupBy: ['watch'], repeatIntervalMs: HOUR },
    ]);
  });

  it('stops at the first match without continue', () => {
    expect(routeAlert(warning, routes, alerting).map((t) => t.receiver)).toEqual(['payments-chat']);
    const risk = deploymentLabels({ severity: 'warning', watch: 'risk' });
    expect(routeAlert(risk, routes, alerting).map((t) => t.receiver)).toEqual(['catch-all']);
  });

  it('uses the default receivers with the global grouping when nothing matches', () => {
    const only = [route({ matchers: [{ name: 'team', op: '=', value: 'x' }], receivers: ['x'] })];
    expect(routeAlert(warning, only, alerting)).toEqual([
      { receiver: 'oncall', groupBy: alerting.groupBy, repeatIntervalMs: alerting.repeatIntervalMs },
    ]);
    expect(routeAlert(warning, [], alerting).map((t) => t.receiver)).toEqual(['oncall']);
  });

  it('keeps each receiver once, with the settings of the first route that reached it', () => {
    const twice = [
      route({ receivers: ['chat', 'chat'], continue: true, repeatIntervalMs: 10 * MIN }),
      route({ receivers: ['chat', 'pager'] }),
    ];
    expect(routeAlert(critical, twice, alerting)).toEqual([
      { receiver: 'chat', groupBy: ['alertname'], repeatIntervalMs: 10 * MIN },
      { receiver: 'pager', groupBy: ['alertname'], repeatIntervalMs: HOUR },
    ]);
  });

  it('discards alerts a matching route sends to no receiver', () => {
    const drop = [route({ matchers: [{ name: 'severity', op: '=', value: 'info' }], receivers: [] })];
    expect(routeAlert(deploymentLabels({ severity: 'info' }), drop, alerting)).toEqual([]);
  });

  it('never routes NotificationUndeliverable to the receiver it is about', () => {
    const labels = notificationUndeliverable({ receiver: 'pager', problem: { kind: 'fatal', reason: 'x' } }).labels;
    const all = [route({ receivers: ['pager', 'chat'] })];
    expect(routeAlert(labels, all, alerting).map((t) => t.receiver)).toEqual(['chat']);
    const onlyPager = [route({ receivers: ['pager'] })];
    expect(routeAlert(labels, onlyPager, alerting).map((t) => t.receiver)).toEqual(['oncall']);
    const defaults: AlertingConfig = { ...alerting, defaultReceivers: ['pager'] };
    expect(routeAlert(labels, [], defaults)).toEqual([]);
  });
});
