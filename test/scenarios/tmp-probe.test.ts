import { it } from 'vitest';
import { runScenario } from './harness/run-scenario';
import { firing } from './harness/types';
import { deployment, PAYMENTS_WATCH, world } from './harness/world';

it('probe: repeat while queued', async () => {
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
      { step: 1, at: '+1m', webhookDown: true, expect: [], requests: 3 },
      { step: 2, at: '+11m', webhookDown: true, expect: [], requests: 3 },
      { step: 3, at: '+12m', expect: [firing('job-not-running', 'pay-ingest')] },
    ],
  });
});
