import { describe, expect, it } from 'vitest';
import type { FaultRule } from '../../lib/sandbox';
import { runScenario } from './harness/run-scenario';
import { firing, resolved, type TickContext } from './harness/types';
import { deployment, PAYMENTS_WATCH, world } from './harness/world';

const CONFIG = `${PAYMENTS_WATCH}
rules:
  - name: job-not-running
    when: running < 1
    severity: critical
`;

const OUTAGE: FaultRule[] = [{ kind: 'server-error' }];
const QUERY_FAILED = /^watch payments: .*ServiceUnavailable/;

/** The deployment alert is still firing, marked held, during the outage. */
function held(firingCount: number) {
  return ({ ran }: TickContext) => {
    expect(ran.summary.watches).toMatchObject({ ok: 0, failed: 1 });
    const deploymentAlerts = Object.values(ran.state?.alerts ?? {}).filter((a) => a.labels.deployment);
    expect(deploymentAlerts.map((a) => [a.labels.deployment, a.status, a.held === true])).toEqual([
      ['pay-ingest', 'firing', true],
    ]);
    expect(ran.summary.alerts.firing).toBe(firingCount);
  };
}

describe('while flink-watch is blind', () => {
  it('an API outage holds the firing alert, fires one WatchQueryFailing and resolves it once on recovery', async () => {
    const run = await runScenario({
      world: world(
        deployment('pay-ingest', [
          '{ at: 0, running: 1 }',
          '{ at: 1, running: 0 }',
          '{ at: 2, running: 1 }', // what the API would say during the outage: unseen, so nothing may resolve
          '{ at: 5, running: 0 }', // after the outage the job is still down
          '{ at: 6, running: 1 }',
        ]),
      ),
      config: CONFIG,
      ticks: [
        { step: 0, at: '+0', expect: [] },
        { step: 1, at: '+1m', expect: [firing('job-not-running', 'pay-ingest')] },
        { step: 2, at: '+2m', faults: OUTAGE, errors: [QUERY_FAILED], expect: [], check: held(1) },
        {
          step: 3,
          at: '+3m',
          faults: OUTAGE,
          errors: [QUERY_FAILED],
          expect: [firing('WatchQueryFailing')], // the second failure in a row (queryFailuresBeforeAlert: 2)
          check: held(2),
        },
        { step: 4, at: '+4m', faults: OUTAGE, errors: [QUERY_FAILED], expect: [], check: held(2) },
        { step: 5, at: '+5m', expect: [resolved('WatchQueryFailing')] },
        { step: 6, at: '+6m', expect: [resolved('job-not-running', 'pay-ingest')] },
        { step: 7, at: '+7m', expect: [] },
      ],
    });
    const meta = run.accepted.find((m) => m.payload.alerts[0]?.labels.alertname === 'WatchQueryFailing');
    expect(meta?.payload.alerts[0]?.labels).toMatchObject({ watch: 'payments', severity: 'critical' });
    expect(meta?.payload.alerts[0]?.labels.deployment).toBeUndefined();
  });

  it('an unusable job summary holds the firing alert and the warnings say which deployment was skipped and why', async () => {
    const unusable = [/^watch payments: skipped pay-ingest: .+/, /^watch payments: skipped pay-ledger: .+/];
    const noSummary: FaultRule[] = [{ kind: 'missing-job-summary' }];
    await runScenario({
      world: world(
        deployment('pay-ingest', [
          '{ at: 0, running: 1 }',
          '{ at: 1, running: 0 }',
          '{ at: 2, running: 1 }', // recovered, but the answers carry no job summary until step 4
        ]),
        deployment('pay-ledger', ['{ at: 0, running: 1 }']),
      ),
      config: CONFIG,
      ticks: [
        { step: 0, at: '+0', expect: [] },
        { step: 1, at: '+1m', expect: [firing('job-not-running', 'pay-ingest')] },
        {
          step: 2,
          at: '+2m',
          faults: noSummary,
          warnings: unusable,
          expect: [],
          check: ({ ran }) => {
            expect(ran.summary.deployments).toMatchObject({ seen: 2, evaluated: 0, skipped: 2 });
            expect(ran.summary.alerts).toMatchObject({ firing: 1, held: 1, resolved: 0 });
            for (const w of ran.summary.warnings) expect(w).toMatch(/job ?summary/i);
          },
        },
        { step: 3, at: '+3m', faults: noSummary, warnings: unusable, expect: [] },
        { step: 4, at: '+4m', expect: [resolved('job-not-running', 'pay-ingest')] },
        { step: 5, at: '+5m', expect: [] },
      ],
    });
  });
});

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
