import { describe, expect, it } from 'vitest';
import { runScenario } from './harness/run-scenario';
import { firing, resolved, type TickContext } from './harness/types';

const WATCH = `
watches:
  - name: payments
    workspace: ws-pay
    selector: "team = payments"
`;

function deployment(id: string, timeline: string): string {
  return `
  - id: dep-${id}
    name: ${id}
    workspace: ws-pay
    labels: { team: payments }
    timeline:${timeline}`;
}

describe('fleets and groups', () => {
  it('a watch-scope fleet rule fires once for the watch and resolves once', async () => {
    const run = await runScenario({
      world: `
deployments:${deployment('pay-a', '\n      - { at: 0, running: 1 }\n      - { at: 1, running: 0 }\n      - { at: 4, running: 1 }')}${deployment('pay-b', '\n      - { at: 0, running: 1 }\n      - { at: 2, running: 0 }\n      - { at: 4, running: 1 }')}${deployment('pay-c', '\n      - { at: 0, running: 1 }\n      - { at: 3, running: 0 }\n      - { at: 5, running: 1 }')}
`,
      config: `${WATCH}
rules:
  - name: fleet-degraded
    scope: watch
    when: deployments.filter(d, d.running < 1).size() >= 2
    severity: critical
`,
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

  it('deployments failing in the same tick produce one message per group (watch + alertname) carrying all alerts', async () => {
    const failing = '\n      - { at: 0, running: 1, failed: 1 }\n      - { at: 1, running: 0, failed: 2 }\n      - { at: 3, running: 1 }';
    const perGroup = (expected: Record<string, number>) => ({ messages }: TickContext) => {
      const shape = Object.fromEntries(messages.map((m) => [m.payload.groupLabels.alertname, m.payload.alerts.length]));
      expect(shape).toEqual(expected);
      for (const m of messages) expect(m.payload.groupLabels).toMatchObject({ watch: 'payments' });
    };
    const all = (make: typeof firing, alertname: string) => ['pay-a', 'pay-b', 'pay-c'].map((d) => make(alertname, d));
    await runScenario({
      world: `
deployments:${deployment('pay-a', failing)}${deployment('pay-b', failing)}${deployment('pay-c', failing)}${deployment('pay-d', '\n      - { at: 0, running: 1 }')}
`,
      config: `${WATCH}
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
