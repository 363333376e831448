import { describe, expect, it } from 'vitest';
import type { FaultRun, TickRecord } from './harness/fault-run';
import { type FaultCase, judge } from './harness/fault-verdict';
import { EXPECTED_RULE_EVENTS } from './harness/fault-world';
import { parseWrk } from './harness/load';

/** The fault verdict is the suite's measuring stick: it must see loss, false alerts and slow ticks when they happen. */
function tick(over: Partial<TickRecord>): TickRecord {
  return {
    index: 0,
    step: 0,
    faultOn: false,
    deadlineMs: 1_000,
    wallMs: 10,
    decided: new Map(),
    undeliverable: new Map(),
    hits: { hook: 0, ding: 0 },
    others: [],
    apiFaults: 0,
    summary: {
      now: '',
      dryRun: false,
      durationMs: 10,
      watches: { queried: 2, ok: 2, failed: 0, apiCalls: 2 },
      deployments: { seen: 3, evaluated: 3, skipped: 0 },
      alerts: { pending: 0, firing: 0, resolved: 0, held: 0, muted: 0 },
      notifications: { planned: 0, sent: 0, queued: 0, failed: 0, dropped: 0, outbox: 0 },
      errors: [],
      warnings: [],
    },
    ...over,
  };
}

const CASE: FaultCase = {
  order: 'x',
  fault: 'x',
  window: [1],
  on: () => {},
  off: () => {},
  blind: ['payments'],
  says: () => undefined,
  manifested: () => true,
};

function run(ticks: TickRecord[], received: string[]): FaultRun {
  return {
    ticks,
    received: new Map([
      ['hook', received],
      ['ding', received],
    ]),
    logLines: [],
    stateText: '',
    recoveryTicks: 0,
  };
}

describe('the fault verdict', () => {
  it('passes a clean run', () => {
    const v = judge(CASE, run([tick({}), tick({ index: 1, faultOn: true })], [...EXPECTED_RULE_EVENTS]));
    expect(v).toMatchObject({ tried: 1, survived: 1, alertsLost: 0, falseEvents: [], problems: [] });
  });

  it('counts a missing event as lost, unless it was reported undeliverable', () => {
    const missing = EXPECTED_RULE_EVENTS.slice(1);
    expect(judge(CASE, run([tick({ index: 1, faultOn: true })], missing)).alertsLost).toBe(2);
    const reported = tick({ index: 1, faultOn: true, undeliverable: new Map([['hook', [EXPECTED_RULE_EVENTS[0]!]]]) });
    expect(judge(CASE, run([reported], missing)).alertsLost).toBe(1);
  });

  it('sees an alert resolved while the world says it is still broken, or decided while its watch is blind', () => {
    const early = tick({ step: 1, decided: new Map([['hook', ['resolved job-not-running orders-etl']]]) });
    expect(judge(CASE, run([early], [...EXPECTED_RULE_EVENTS])).falseEvents).toHaveLength(1);
    const blind = tick({
      step: 3,
      faultOn: true,
      decided: new Map([['hook', ['resolved job-not-running orders-etl']]]),
    });
    expect(judge(CASE, run([blind], [...EXPECTED_RULE_EVENTS])).falseEvents[0]).toMatch(/while blind/);
  });

  it('fails a tick that overran its deadline, a duplicate, and a fault that never hit', () => {
    const slow = tick({ index: 1, faultOn: true, wallMs: 5_000 });
    const v = judge(
      { ...CASE, manifested: () => false },
      run([slow], [...EXPECTED_RULE_EVENTS, EXPECTED_RULE_EVENTS[0]!]),
    );
    expect(v.survived).toBe(0);
    expect(v.problems.join('\n')).toMatch(/took 5000 ms/);
    expect(v.problems.join('\n')).toMatch(/2 times/);
    expect(v.problems.join('\n')).toMatch(/never hit/);
  });
});

describe('the wrk report parser', () => {
  it('reads requests, rate, latency percentiles, socket errors and non-2xx answers', () => {
    const text = `Running 10s test @ http://127.0.0.1:1/
  2 threads and 200 connections
  Latency Distribution
     50%  396.12ms
     75%  800.00ms
     90%    1.20s
     99%    8.16s
  579 requests in 10.01s, 3.00MB read
  Socket errors: connect 0, read 1, write 0, timeout 2
  Non-2xx or 3xx responses: 4
Requests/sec:     57.84
`;
    expect(parseWrk(text)).toEqual({
      tool: 'wrk',
      requests: 579,
      requestsPerSecond: 57.84,
      non2xx: 4,
      errors: 3,
      p50Ms: 396.12,
      p99Ms: 8160,
    });
  });
});
