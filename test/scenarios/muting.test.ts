import { describe, expect, it } from 'vitest';
import { runScenario } from './harness/run-scenario';
import { firing, resolved, type TickContext } from './harness/types';
import { deployment, PAYMENTS_WATCH, world } from './harness/world';

const WORLD = world(
  deployment('pay-ingest', ['{ at: 0, running: 1 }', '{ at: 1, running: 0 }', '{ at: 5, running: 1 }']),
);

const RULES = `${PAYMENTS_WATCH}
rules:
  - name: job-not-running
    when: running < 1
    severity: critical
`;

function mutedBy(reason: 'silence' | 'maintenance') {
  return ({ ran }: TickContext) => {
    const muted = ran.rendered.flatMap((r) => r.plan.muted);
    expect(muted.map((m) => m.reason)).toEqual([reason]);
    expect(ran.summary.alerts).toMatchObject({ firing: 1, muted: 1 });
  };
}

/** Local wall-clock time of an instant in a zone, e.g. "Sat 02:01". */
function localTime(epochMs: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-US', {
    timeZone,
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(epochMs);
}

describe('muting', () => {
  it('a silence mutes a firing alert, and the still-firing alert is notified when the silence ends', async () => {
    await runScenario({
      world: WORLD,
      start: '2025-06-02T00:00:00Z',
      config: `${RULES}
silences:
  - matchers: ['deployment="pay-ingest"']
    startsAt: 2025-06-02T00:01:00Z   # +1m (inclusive)
    endsAt: 2025-06-02T00:10:00Z     # +10m (exclusive)
    comment: sink migration
    createdBy: alice
`,
      ticks: [
        { step: 0, at: '+0', expect: [] },
        { step: 1, at: '+1m', expect: [], check: mutedBy('silence') }, // fires while silenced
        { step: 2, at: '+5m', expect: [], check: mutedBy('silence') },
        { step: 3, at: '+9m', expect: [], check: mutedBy('silence') },
        { step: 4, at: '+10m', expect: [firing('job-not-running', 'pay-ingest')] }, // the silence has ended
        { step: 4, at: '+11m', expect: [] },
        { step: 5, at: '+12m', expect: [resolved('job-not-running', 'pay-ingest')] },
        { step: 6, at: '+13m', expect: [] },
      ],
    });
  });

  it('a weekly maintenance window in Asia/Shanghai mutes, and the still-firing alert is notified when it ends', async () => {
    // Saturday 02:00–03:00 in Shanghai is Friday 18:00–19:00 UTC: read in UTC, no tick below is inside the window.
    const start = '2025-06-06T17:55:00Z';
    const local = (minutes: number, zone: string) => localTime(Date.parse(start) + minutes * 60_000, zone);
    expect([0, 6, 30, 64, 65].map((m) => local(m, 'Asia/Shanghai'))).toEqual([
      'Sat 01:55',
      'Sat 02:01',
      'Sat 02:25',
      'Sat 02:59',
      'Sat 03:00',
    ]);
    expect(local(6, 'UTC')).toBe('Fri 18:01');

    await runScenario({
      world: WORLD,
      start,
      config: `${RULES}
maintenance:
  - name: weekly-flink-upgrade
    matchers: ['watch="payments"']
    timeZone: Asia/Shanghai
    days: [sat]
    start: "02:00"
    end: "03:00"
`,
      ticks: [
        { step: 0, at: '+0', expect: [] }, // Sat 01:55 in Shanghai
        { step: 1, at: '+6m', expect: [], check: mutedBy('maintenance') }, // 02:01: fires inside the window
        { step: 2, at: '+30m', expect: [], check: mutedBy('maintenance') }, // 02:25
        { step: 3, at: '+64m', expect: [], check: mutedBy('maintenance') }, // 02:59
        { step: 4, at: '+65m', expect: [firing('job-not-running', 'pay-ingest')] }, // 03:00: the window has closed
        { step: 4, at: '+66m', expect: [] },
        { step: 5, at: '+67m', expect: [resolved('job-not-running', 'pay-ingest')] },
      ],
    });
  });
});
