import { describe, expect, it } from 'vitest';
import type { WebhookPayload } from '../../lib/notify/webhook-payload';
import { type AcceptedMessage, findDuplicates } from './harness/webhook-log';

const MINUTE = 60_000;

function message(tick: number, alerts: Array<[string, 'firing' | 'resolved']>, groupKey = 'hook:{g}'): AcceptedMessage {
  const payload: WebhookPayload = {
    receiver: 'hook',
    status: alerts.some(([, s]) => s === 'firing') ? 'firing' : 'resolved',
    alerts: alerts.map(([fingerprint, status]) => ({
      status,
      labels: { alertname: 'job-failed' },
      annotations: {},
      startsAt: '2025-06-02T00:00:00Z',
      endsAt: '0001-01-01T00:00:00Z',
      generatorURL: '',
      fingerprint,
    })),
    groupLabels: {},
    commonLabels: {},
    commonAnnotations: {},
    externalURL: '',
    version: '4',
    groupKey,
    truncatedAlerts: 0,
  };
  return { tick, at: tick * MINUTE, payload };
}

describe('the scenario duplicate check', () => {
  it('accepts a firing, a repeat after the interval, a group change and a resolve', () => {
    const log = [
      message(1, [['a', 'firing']]),
      message(11, [['a', 'firing']]),
      message(12, [
        ['a', 'firing'],
        ['b', 'firing'],
      ]),
      message(13, [
        ['a', 'resolved'],
        ['b', 'resolved'],
      ]),
      message(14, [['a', 'firing']]),
    ];
    expect(findDuplicates(log, 10 * MINUTE)).toEqual([]);
  });

  it('flags the same message before the repeat interval, and a resolve announced twice', () => {
    const early = [message(1, [['a', 'firing']]), message(5, [['a', 'firing']])];
    expect(findDuplicates(early, 10 * MINUTE)).toHaveLength(1);
    const sameTick = [message(3, [['a', 'firing']]), message(3, [['a', 'firing']])];
    expect(findDuplicates(sameTick, 10 * MINUTE)).toHaveLength(1);
    const twice = [
      message(1, [['a', 'firing']]),
      message(2, [['a', 'resolved']]),
      message(3, [['a', 'resolved']], 'x'),
    ];
    expect(findDuplicates(twice, 10 * MINUTE)).toEqual([expect.stringMatching(/resolved again/)]);
  });
});
