import { describe, expect, it } from 'vitest';
import { runScenario } from './harness/run-scenario';
import { firing, resolved } from './harness/types';
import { deployment, PAYMENTS_WATCH, world } from './harness/world';

const NOT_RUNNING = 'job-not-running';

const NOT_RUNNING_RULE = `
  - name: job-not-running
    when: running < 1
    severity: critical
`;

const FAILED = `
  - name: job-failed
    when: increase.failed > 0
    severity: warning
`;

describe('alert lifecycle, tick by tick', () => {
  it('a failure fires once and resolves once; a failure on the first observation does not fire', async () => {
    await runScenario({
      world: world(
        deployment('pay-ingest', [
          '{ at: 0, running: 1, failed: 3 }', // first observation: 3 old failures, nothing to compare with
          '{ at: 2, failed: 4 }', // a new failure
        ]),
        deployment('pay-ledger', [
          '{ at: 0, present: false }',
          '{ at: 3, present: true, running: 1, failed: 5 }', // appears with failures already counted
        ]),
      ),
      config: `${PAYMENTS_WATCH}
rules:
  - name: job-failed
    when: increase.failed > 0
    severity: critical
`,
      ticks: [
        { step: 0, at: '+0', expect: [] },
        { step: 1, at: '+1m', expect: [] },
        { step: 2, at: '+2m', expect: [firing('job-failed', 'pay-ingest')] },
        { step: 3, at: '+3m', expect: [resolved('job-failed', 'pay-ingest')] },
        { step: 4, at: '+4m', expect: [] },
        { step: 5, at: '+5m', expect: [] },
      ],
    });
  });

  it('for: 3m ignores a 2-minute outage of the job and fires a longer one exactly once', async () => {
    await runScenario({
      world: world(
        deployment('pay-ingest', [
          '{ at: 0, running: 1 }',
          '{ at: 1, running: 0 }',
          '{ at: 3, running: 1 }', // back after 2 ticks: shorter than `for`
          '{ at: 4, running: 0 }', // down again, this time for good
          '{ at: 10, running: 1 }',
        ]),
      ),
      config: `${PAYMENTS_WATCH}
rules:
  - name: ${NOT_RUNNING}
    when: running < 1
    for: 3m
    severity: critical
`,
      ticks: [
        { step: 0, at: '+0', expect: [] },
        { step: 1, at: '+1m', expect: [] },
        { step: 2, at: '+2m', expect: [] },
        { step: 3, at: '+3m', expect: [] },
        { step: 4, at: '+4m', expect: [] },
        { step: 5, at: '+5m', expect: [] },
        { step: 6, at: '+6m', expect: [] },
        { step: 7, at: '+7m', expect: [firing(NOT_RUNNING, 'pay-ingest')] }, // held 3m since +4m
        { step: 8, at: '+8m', expect: [] },
        { step: 9, at: '+9m', expect: [] },
        { step: 10, at: '+10m', expect: [resolved(NOT_RUNNING, 'pay-ingest')] },
        { step: 11, at: '+11m', expect: [] },
      ],
    });
  });

  it('repeatInterval re-sends a still-firing alert after it, and not before', async () => {
    const run = await runScenario({
      world: world(
        deployment('pay-ingest', ['{ at: 0, running: 1 }', '{ at: 1, running: 0 }', '{ at: 6, running: 1 }']),
      ),
      config: `${PAYMENTS_WATCH}
rules:
  - name: ${NOT_RUNNING}
    when: running < 1
    severity: critical
alerting:
  repeatInterval: 10m
`,
      ticks: [
        { step: 0, at: '+0', expect: [] },
        { step: 1, at: '+1m', expect: [firing(NOT_RUNNING, 'pay-ingest')] },
        { step: 2, at: '+6m', expect: [] }, // 5m after the first message
        { step: 3, at: '+10m', expect: [] }, // 9m
        { step: 4, at: '+11m', expect: [firing(NOT_RUNNING, 'pay-ingest')] }, // 10m: the repeat
        { step: 5, at: '+12m', expect: [] }, // 1m after the repeat
        { step: 6, at: '+13m', expect: [resolved(NOT_RUNNING, 'pay-ingest')] },
        { step: 7, at: '+30m', expect: [] },
      ],
    });
    // The repeat is the same alert (same fingerprint and start), not a new one.
    const [first, repeat] = run.accepted.map((m) => m.payload.alerts[0]);
    expect(repeat?.fingerprint).toBe(first?.fingerprint);
    expect(repeat?.startsAt).toBe(first?.startsAt);
  });
});

describe('deployments and rules that go away', () => {
  it('a deployment deleted mid-incident resolves its alert once (gone means the condition is over) and fires again only when the condition holds again', async () => {
    await runScenario({
      world: world(
        deployment('pay-ingest', [
          '{ at: 0, running: 1 }',
          '{ at: 1, running: 0 }',
          '{ at: 3, present: false }', // deleted while its alert fires
          '{ at: 5, present: true, running: 1 }', // re-created, healthy
          '{ at: 7, running: 0 }', // down again: a new incident
          '{ at: 8, running: 1 }',
        ]),
        deployment('pay-ledger', ['{ at: 0, running: 1 }']), // keeps the watch non-empty
      ),
      config: `${PAYMENTS_WATCH}rules:${NOT_RUNNING_RULE}`,
      ticks: [
        { step: 0, at: '+0', expect: [] },
        { step: 1, at: '+1m', expect: [firing('job-not-running', 'pay-ingest')] },
        { step: 2, at: '+2m', expect: [] },
        { step: 3, at: '+3m', expect: [resolved('job-not-running', 'pay-ingest')] },
        { step: 4, at: '+4m', expect: [] },
        { step: 5, at: '+5m', expect: [] },
        { step: 6, at: '+6m', expect: [] },
        { step: 7, at: '+7m', expect: [firing('job-not-running', 'pay-ingest')] },
        { step: 8, at: '+8m', expect: [resolved('job-not-running', 'pay-ingest')] },
      ],
    });
  });

  it('a rule removed from the configuration resolves its firing alert once', async () => {
    await runScenario({
      world: world(
        deployment('pay-ingest', [
          '{ at: 0, running: 1 }',
          '{ at: 1, running: 0 }', // stays down: only the rule's removal can end the alert
          '{ at: 4, failed: 1 }', // the remaining rule still works
        ]),
      ),
      config: `${PAYMENTS_WATCH}rules:${NOT_RUNNING_RULE}${FAILED}`,
      ticks: [
        { step: 0, at: '+0', expect: [] },
        { step: 1, at: '+1m', expect: [firing('job-not-running', 'pay-ingest')] },
        {
          step: 2,
          at: '+2m',
          config: `${PAYMENTS_WATCH}rules:${FAILED}`,
          expect: [resolved('job-not-running', 'pay-ingest')],
        },
        { step: 3, at: '+3m', expect: [] },
        { step: 4, at: '+4m', expect: [firing('job-failed', 'pay-ingest')] },
        { step: 5, at: '+5m', expect: [resolved('job-failed', 'pay-ingest')] },
      ],
    });
  });
});
