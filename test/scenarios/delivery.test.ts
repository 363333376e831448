import { describe, expect, it } from 'vitest';
import { runScenario } from './harness/run-scenario';
import { firing, resolved } from './harness/types';
import { deployment, PAYMENTS_WATCH, world } from './harness/world';

const WORLD = world(deployment('pay-ingest', ['{ at: 0, running: 1, failed: 2 }', '{ at: 1, failed: 3 }']));

const CONFIG = `${PAYMENTS_WATCH}
rules:
  - name: job-failed
    when: increase.failed > 0
    severity: critical
`;

/** In-tick attempts of one message to a webhook that keeps answering 503 (the delivery stage's default). */
const ATTEMPTS_PER_MESSAGE = 3;

describe('delivery', () => {
  it('with the webhook down for 2 ticks, notifications wait in the outbox and arrive exactly once, in order', async () => {
    const run = await runScenario({
      world: WORLD,
      config: CONFIG,
      ticks: [
        { step: 0, at: '+0', expect: [] },
        {
          step: 1,
          at: '+1m',
          webhookDown: true,
          expect: [],
          requests: ATTEMPTS_PER_MESSAGE,
          check: ({ ran }) => {
            expect(ran.summary.notifications).toMatchObject({ planned: 1, sent: 0, queued: 1, outbox: 1 });
          },
        },
        {
          step: 2, // the failure is over: the resolve waits behind the firing message, which is retried first
          at: '+2m',
          webhookDown: true,
          expect: [],
          requests: ATTEMPTS_PER_MESSAGE,
          check: ({ ran }) => {
            expect(ran.summary.notifications).toMatchObject({ planned: 1, sent: 0, queued: 2, outbox: 2 });
          },
        },
        {
          step: 3,
          at: '+3m',
          expect: [firing('job-failed', 'pay-ingest'), resolved('job-failed', 'pay-ingest')],
          requests: 2,
          check: ({ ran, messages }) => {
            expect(messages.map((m) => m.payload.status)).toEqual(['firing', 'resolved']);
            expect(ran.summary.notifications).toMatchObject({ planned: 0, sent: 2, queued: 0, outbox: 0 });
          },
        },
        { step: 4, at: '+4m', expect: [] },
        { step: 5, at: '+5m', expect: [] },
      ],
    });
    expect(run.accepted.map((m) => `${m.tick}:${m.payload.status}`)).toEqual(['3:firing', '3:resolved']);
  });

  it('a webhook outage longer than repeatInterval delivers the firing once, not once per missed repeat', async () => {
    await runScenario({
      world: world(deployment('pay-ingest', ['{ at: 0, running: 1 }', '{ at: 1, running: 0 }'])),
      config: `${PAYMENTS_WATCH}
rules:
  - name: job-not-running
    when: running < 1
    severity: critical
alerting:
  repeatInterval: 10m
`,
      ticks: [
        { step: 0, at: '+0', expect: [] },
        { step: 1, at: '+1m', webhookDown: true, expect: [], requests: ATTEMPTS_PER_MESSAGE },
        {
          step: 2, // the repeat is due, but the first message still waits in the outbox: it is the reminder
          at: '+11m',
          webhookDown: true,
          expect: [],
          requests: ATTEMPTS_PER_MESSAGE,
          check: ({ ran }) => expect(ran.summary.notifications).toMatchObject({ planned: 0, queued: 1, outbox: 1 }),
        },
        { step: 3, at: '+12m', expect: [firing('job-not-running', 'pay-ingest')] }, // delivered late, once
        { step: 4, at: '+21m', expect: [] }, // 9m after the receiver got it
        { step: 5, at: '+22m', expect: [firing('job-not-running', 'pay-ingest')] }, // 10m: the next repeat
      ],
    });
  });

  it('two overlapping ticks on the same state send once: one skips and says why', async () => {
    const run = await runScenario({
      world: WORLD,
      config: CONFIG,
      ticks: [
        { step: 0, at: '+0', concurrent: 2, expect: [] },
        { step: 1, at: '+1m', concurrent: 2, expect: [firing('job-failed', 'pay-ingest')] },
        { step: 2, at: '+2m', concurrent: 2, expect: [resolved('job-failed', 'pay-ingest')] },
        { step: 3, at: '+3m', concurrent: 2, expect: [] },
      ],
    });
    for (const ctx of run.contexts) {
      const skipped = ctx.results.find((r) => r.summary.skipped !== undefined);
      expect(skipped?.summary).toMatchObject({ notifications: { planned: 0, sent: 0 }, watches: { queried: 0 } });
    }
  });
});
