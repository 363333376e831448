import { describe, it } from 'vitest';
import { runScenario } from './harness/run-scenario';
import { firing, resolved } from './harness/types';
import { deployment, PAYMENTS_WATCH, world } from './harness/world';

const NOT_RUNNING = `
  - name: job-not-running
    when: running < 1
    severity: critical
`;

const FAILED = `
  - name: job-failed
    when: increase.failed > 0
    severity: warning
`;

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
      config: `${PAYMENTS_WATCH}rules:${NOT_RUNNING}`,
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
      config: `${PAYMENTS_WATCH}rules:${NOT_RUNNING}${FAILED}`,
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
