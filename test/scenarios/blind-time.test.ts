import { describe, it } from 'vitest';
import type { FaultRule } from '../../lib/sandbox';
import { runScenario } from './harness/run-scenario';
import { firing, resolved } from './harness/types';
import { deployment, PAYMENTS_WATCH, world } from './harness/world';

const OUTAGE: FaultRule[] = [{ kind: 'server-error' }];
const QUERY_FAILED = /^watch payments: .*ServiceUnavailable/;

describe('what happens while blind is neither lost nor invented', () => {
  it('a failure that happened during an API outage is reported once the API answers again', async () => {
    await runScenario({
      world: world(
        deployment('pay-ingest', [
          '{ at: 0, running: 1, failed: 2 }',
          '{ at: 2, failed: 3 }', // fails (and restarts) while the API is down
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
        { step: 1, at: '+1m', faults: OUTAGE, errors: [QUERY_FAILED], expect: [] },
        { step: 2, at: '+2m', faults: OUTAGE, errors: [QUERY_FAILED], expect: [firing('WatchQueryFailing')] },
        {
          step: 3,
          at: '+3m',
          expect: [resolved('WatchQueryFailing'), firing('job-failed', 'pay-ingest')],
        },
        { step: 4, at: '+4m', expect: [resolved('job-failed', 'pay-ingest')] },
      ],
    });
  });

  it('the for clock does not run while the API is down: an outage cannot turn a blip into a firing alert', async () => {
    await runScenario({
      world: world(
        deployment('pay-ingest', [
          '{ at: 0, running: 1 }',
          '{ at: 1, running: 0 }', // down from +1m (seen), through the outage, until +8m
          '{ at: 9, running: 1 }',
        ]),
      ),
      config: `${PAYMENTS_WATCH}
rules:
  - name: job-not-running
    when: running < 1
    for: 3m
    severity: critical
alerting:
  queryFailuresBeforeAlert: 5
`,
      ticks: [
        { step: 0, at: '+0', expect: [] },
        { step: 1, at: '+1m', expect: [] }, // pending, seen for 0m
        { step: 2, at: '+2m', faults: OUTAGE, errors: [QUERY_FAILED], expect: [] },
        { step: 3, at: '+3m', faults: OUTAGE, errors: [QUERY_FAILED], expect: [] },
        { step: 4, at: '+4m', faults: OUTAGE, errors: [QUERY_FAILED], expect: [] }, // 3m of wall time: not seen
        { step: 5, at: '+5m', expect: [] }, // seen again; the blind time +1m..+5m does not count
        { step: 6, at: '+6m', expect: [] }, // seen 1m
        { step: 7, at: '+7m', expect: [] }, // seen 2m
        { step: 8, at: '+8m', expect: [firing('job-not-running', 'pay-ingest')] }, // seen 3m
        { step: 9, at: '+9m', expect: [resolved('job-not-running', 'pay-ingest')] },
      ],
    });
  });
});
