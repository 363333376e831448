import { describe, expect, it } from 'vitest';
import type { FaultRule } from '../../lib/sandbox';
import { runScenario } from './harness/run-scenario';
import { type ExpectedAlert, firing, resolved, type TickContext } from './harness/types';
import { deployment, PAYMENTS_WATCH, world } from './harness/world';

const down = (from: number, until: number) => [
  '{ at: 0, running: 1 }',
  `{ at: ${from}, running: 0 }`,
  `{ at: ${until}, running: 1 }`,
];

const FLEET_RULE = `
rules:
  - name: fleet-degraded
    scope: watch
    when: deployments.filter(d, d.running < 1).size() >= 2
    severity: critical
`;

/** Per group (by alertname) the number of alerts in its one message; every group is the payments watch's. */
function perGroup(expected: Record<string, number>) {
  return ({ messages }: TickContext) => {
    const shape = Object.fromEntries(messages.map((m) => [m.payload.groupLabels.alertname, m.payload.alerts.length]));
    expect(shape).toEqual(expected);
    for (const m of messages)
      expect(m.payload.groupLabels).toEqual({ alertname: m.payload.groupLabels.alertname, watch: 'payments' });
  };
}

describe('fleets and groups', () => {
  it('a watch-scope fleet rule fires once for the watch and resolves once', async () => {
    const run = await runScenario({
      world: world(deployment('pay-a', down(1, 4)), deployment('pay-b', down(2, 4)), deployment('pay-c', down(3, 5))),
      config: `${PAYMENTS_WATCH}${FLEET_RULE}`,
      ticks: [
        { step: 0, at: '+0', expect: [] },
        { step: 1, at: '+1m', expect: [] }, // one down
        { step: 2, at: '+2m', expect: [firing('fleet-degraded')] }, // two down
        { step: 3, at: '+3m', expect: [] }, // three down: still the same alert
        { step: 4, at: '+4m', expect: [resolved('fleet-degraded')] }, // one down
        { step: 5, at: '+5m', expect: [] },
      ],
    });
    const labels = run.accepted.map((m) => m.payload.alerts[0]?.labels);
    expect(labels[0]).toEqual({
      alertname: 'fleet-degraded',
      watch: 'payments',
      severity: 'critical',
      workspace: 'ws-pay',
      namespace: 'default-namespace',
    });
    expect(labels[1]).toEqual(labels[0]);
  });

  it('a fleet alert is held, not resolved, while the job summaries it counts are unusable', async () => {
    const noSummary: FaultRule[] = [{ kind: 'missing-job-summary' }];
    const skipped = ['pay-a', 'pay-b', 'pay-c'].map((d) => new RegExp(`^watch payments: skipped ${d}: `));
    await runScenario({
      world: world(
        deployment('pay-a', down(1, 5)),
        deployment('pay-b', down(1, 5)),
        deployment('pay-c', ['{ at: 0, running: 1 }']),
      ),
      config: `${PAYMENTS_WATCH}${FLEET_RULE}`,
      ticks: [
        { step: 0, at: '+0', expect: [] },
        { step: 1, at: '+1m', expect: [firing('fleet-degraded')] },
        {
          step: 2,
          at: '+2m',
          faults: noSummary,
          warnings: skipped,
          expect: [],
          check: ({ ran }) => expect(ran.summary.alerts).toMatchObject({ firing: 1, held: 1, resolved: 0 }),
        },
        { step: 3, at: '+3m', faults: noSummary, warnings: skipped, expect: [] },
        { step: 4, at: '+4m', expect: [] }, // seen again, still degraded
        { step: 5, at: '+5m', expect: [resolved('fleet-degraded')] },
      ],
    });
  });

  it('deployments failing in the same tick produce one message per group (watch + alertname) carrying all alerts', async () => {
    const failing = ['{ at: 0, running: 1, failed: 1 }', '{ at: 1, running: 0, failed: 2 }', '{ at: 3, running: 1 }'];
    const all = (make: (alertname: string, d: string) => ExpectedAlert, alertname: string) =>
      ['pay-a', 'pay-b', 'pay-c'].map((d) => make(alertname, d));
    await runScenario({
      world: world(
        deployment('pay-a', failing),
        deployment('pay-b', failing),
        deployment('pay-c', failing),
        deployment('pay-d', ['{ at: 0, running: 1 }']), // healthy: in no message
      ),
      config: `${PAYMENTS_WATCH}
rules:
  - name: job-failed
    when: increase.failed > 0
    severity: critical
  - name: job-not-running
    when: running < 1
    severity: critical
`,
      ticks: [
        { step: 0, at: '+0', expect: [] },
        {
          step: 1,
          at: '+1m',
          expect: [...all(firing, 'job-failed'), ...all(firing, 'job-not-running')],
          requests: 2,
          check: perGroup({ 'job-failed': 3, 'job-not-running': 3 }),
        },
        {
          step: 2,
          at: '+2m',
          expect: all(resolved, 'job-failed'),
          requests: 1,
          check: perGroup({ 'job-failed': 3 }),
        },
        {
          step: 3,
          at: '+3m',
          expect: all(resolved, 'job-not-running'),
          requests: 1,
          check: perGroup({ 'job-not-running': 3 }),
        },
        { step: 4, at: '+4m', expect: [] },
      ],
    });
  });
});
