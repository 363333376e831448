import { describe, expect, it } from 'vitest';
import type { FaultRule } from '../../lib/sandbox/faults';
import type { TickSummary } from '../../lib/tick/types';
import { runFaultCase } from './harness/fault-case';
import type { FaultContext } from './harness/fault-run';
import type { FaultCase } from './harness/fault-verdict';

/** API faults are on for ticks 2 and 3 (steps 1 and 2): while orders-etl is firing and while risk-score breaks. */
const WINDOW = [2, 3];
const META = ['firing WatchQueryFailing', 'resolved WatchQueryFailing'];

function apiCase(
  order: string,
  fault: string,
  rules: FaultRule[],
  says: (s: TickSummary) => string | undefined,
  extra: Partial<FaultCase> = {},
): FaultCase {
  return {
    order,
    fault,
    window: WINDOW,
    on: (ctx: FaultContext) => ctx.sandbox.setFaults(rules),
    off: (ctx: FaultContext) => ctx.sandbox.setFaults([]),
    blind: ['payments', 'risk'],
    says: (tick) => (tick.summary ? says(tick.summary) : 'anything (no summary)'),
    metaRequired: { hook: META, ding: META },
    metaForbidden: ['NotificationUndeliverable'],
    manifested: (tick) => tick.apiFaults > 0,
    ...extra,
  };
}

const bothFailed = (pattern: RegExp) => (s: TickSummary) =>
  s.watches.failed !== 2
    ? 'that both watches failed'
    : s.errors.filter((e) => /^watch (payments|risk): /.test(e) && pattern.test(e)).length !== 2
      ? `why (errors matching ${pattern})`
      : undefined;

const CASES: FaultCase[] = [
  apiCase('1-api-1', 'API throttles every call for a whole tick', [{ kind: 'throttle' }], bothFailed(/Throttling/)),
  apiCase('1-api-2', 'API hangs (no answer)', [{ kind: 'hang' }], bothFailed(/time|Timeout/i), {
    config: { flinkTimeout: '1s', maxAttempts: 2, tickTimeout: '4s' },
  }),
  apiCase(
    '1-api-3',
    'API slower than the tick deadline',
    [{ kind: 'latency', latencyMs: 8_000 }],
    bothFailed(/time|deadline/i),
    { config: { flinkTimeout: '30s', maxAttempts: 3, tickTimeout: '2s' } },
  ),
  apiCase('1-api-4', 'API answers malformed JSON', [{ kind: 'malformed-json' }], bothFailed(/./)),
  apiCase('1-api-5', 'API answers success:false', [{ kind: 'success-false' }], bothFailed(/NoPermission/)),
  apiCase(
    '1-api-6',
    'API answers without jobSummary (missing fields)',
    [{ kind: 'missing-job-summary' }],
    (s) =>
      s.deployments.skipped < 3 || !s.warnings.some((w) => /skipped orders-etl: .*jobSummary/i.test(w))
        ? 'which deployments were skipped and why'
        : s.watches.failed !== 0
          ? 'that the queries themselves succeeded'
          : undefined,
    { metaRequired: {}, metaForbidden: ['NotificationUndeliverable', 'WatchQueryFailing', 'WatchEmpty'] },
  ),
  apiCase(
    '1-api-7',
    'partial outage (one workspace fails, the other answers)',
    [{ kind: 'server-error', match: { workspace: 'ws-pay' } }],
    (s) =>
      s.watches.failed !== 1 || s.watches.ok !== 1
        ? 'that exactly one watch failed'
        : !s.errors.some((e) => /^watch payments: .*ServiceUnavailable/.test(e))
          ? 'which watch failed and why'
          : undefined,
    { blind: ['payments'] },
  ),
];

describe('API faults: ticks end inside their deadline, hold what they cannot see, and lose no alert', () => {
  for (const c of CASES) {
    it(c.fault, async () => {
      const { run } = await runFaultCase(c);
      if (c.order === '1-api-7') {
        // The healthy watch is not held back: risk-score's failure (step 2, tick 3) is decided in the same tick.
        const tick3 = run.ticks[3];
        expect(tick3?.decided.get('hook')).toContain('firing job-failed risk-score');
        expect(tick3?.decided.get('ding')).toContain('firing job-not-running risk-score');
      }
    });
  }
});
