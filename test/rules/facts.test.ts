import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { JobSummary } from '../../lib/flink/types';
import { FactsInputError } from '../../lib/rules/errors';
import { buildDeploymentFacts, recordSample } from '../../lib/rules/facts';
import type { DeploymentHistory } from '../../lib/rules/types';
import { deployment, HOUR, MINUTE, summary, T0 } from './fixtures';

/** Record `points` (time offset, counts) one tick after another and return the history. */
function historyOf(points: Array<[number, Partial<JobSummary>]>, keepMs = 24 * HOUR): DeploymentHistory | undefined {
  let history: DeploymentHistory | undefined;
  for (const [offset, counts] of points) {
    history = recordSample(history, {
      deployment: deployment({ jobSummary: summary(counts) }),
      watches: ['payments'],
      now: T0 + offset,
      keepMs,
    });
  }
  return history;
}

function factsAt(
  history: DeploymentHistory | undefined,
  offset: number,
  counts: Partial<JobSummary>,
  windowsMs: number[] = [],
) {
  return buildDeploymentFacts({
    deployment: deployment({ jobSummary: summary(counts) }),
    watch: 'payments',
    history,
    now: T0 + offset,
    windowsMs,
  });
}

describe('increase since the previous check', () => {
  it('is current minus previous per count', () => {
    const history = historyOf([[0, { running: 1, failed: 6, cancelled: 2 }]]);
    const facts = factsAt(history, MINUTE, { running: 1, failed: 7, cancelled: 4 });
    expect(facts.increase).toEqual(summary({ failed: 1, cancelled: 2 }));
    expect(facts.failed).toBe(7);
    expect(facts.firstSeen).toBe(false);
  });

  it('counts a count that went down (history trimmed, deployment recreated) as 0, never negative or the whole value', () => {
    const history = historyOf([[0, { running: 1, failed: 40, finished: 12, cancelled: 9 }]]);
    const facts = factsAt(history, MINUTE, { running: 1, failed: 3, finished: 13, cancelled: 0 });
    expect(facts.increase).toEqual(summary({ finished: 1 }));
  });

  it('is all zero with firstSeen on the first observation', () => {
    const facts = factsAt(undefined, 0, { running: 1, failed: 6 }, [HOUR]);
    expect(facts.firstSeen).toBe(true);
    expect(facts.increase).toEqual(summary());
    expect(facts.windows).toEqual({ '1h': summary() });
    expect(facts.failed).toBe(6);
  });

  it('ignores samples taken at or after now (facts built after recording the same tick)', () => {
    const history = historyOf([
      [0, { failed: 1 }],
      [MINUTE, { failed: 3 }],
    ]);
    const facts = factsAt(history, MINUTE, { failed: 3 });
    expect(facts.increase).toEqual(summary({ failed: 2 }));
  });

  it('copies the deployment fields', () => {
    const facts = buildDeploymentFacts({
      deployment: deployment({ labels: { team: 'risk' }, executionMode: 'BATCH', deploymentHasChanged: true }),
      watch: 'risk',
      history: undefined,
      now: T0,
      windowsMs: [],
    });
    expect(facts).toMatchObject({
      name: 'orders-enrich',
      deploymentId: 'd-1',
      namespace: 'default-namespace',
      workspace: 'a14bd5d90a',
      watch: 'risk',
      labels: { team: 'risk' },
      executionMode: 'BATCH',
      deploymentHasChanged: true,
      windows: {},
    });
  });

  it('refuses a deployment without a job summary, saying why', () => {
    expect(() =>
      buildDeploymentFacts({
        deployment: deployment({ jobSummary: null, jobSummaryProblem: 'jobSummary missing' }),
        watch: 'payments',
        history: undefined,
        now: T0,
        windowsMs: [],
      }),
    ).toThrow(FactsInputError);
  });
});

describe('windowed increase', () => {
  // failed: 0 → 2 → 2 → 5 → 1 (reset) → 4, one sample every 20 minutes.
  const points: Array<[number, Partial<JobSummary>]> = [
    [0, { failed: 0 }],
    [20 * MINUTE, { failed: 2 }],
    [40 * MINUTE, { failed: 2 }],
    [60 * MINUTE, { failed: 5 }],
    [80 * MINUTE, { failed: 1 }],
  ];

  it('sums the positive steps inside (now − window, now], from the newest sample at or before the window start', () => {
    const history = historyOf(points);
    // now = 100m, current failed = 4.
    const facts = factsAt(history, 100 * MINUTE, { failed: 4 }, [10 * MINUTE, 30 * MINUTE, HOUR, 90 * MINUTE]);
    // 10m: baseline 80m (1) → 4: +3.
    expect(facts.windows['10m']!.failed).toBe(3);
    // 30m: baseline 60m (5) → 1 (reset, 0) → 4: +3.
    expect(facts.windows['30m']!.failed).toBe(3);
    // 1h: window start 40m is exactly a sample: it is the baseline. 2 → 5 (+3) → 1 (0) → 4 (+3) = 6.
    expect(facts.windows['1h']!.failed).toBe(6);
    // 90m: baseline 0m (0) → 2 → 2 → 5 → 1 → 4 = 2 + 3 + 3 = 8.
    expect(facts.windows['1h30m']!.failed).toBe(8);
    expect(facts.increase.failed).toBe(3);
  });

  it('takes a sample exactly at the window start as the baseline', () => {
    const history = historyOf([
      [0, { failed: 0 }],
      [30 * MINUTE, { failed: 3 }],
    ]);
    const facts = factsAt(history, 60 * MINUTE, { failed: 5 }, [30 * MINUTE]);
    expect(facts.windows['30m']!.failed).toBe(2);
  });

  it('counts from the oldest sample when the history is younger than the window', () => {
    const history = historyOf(points);
    const facts = factsAt(history, 100 * MINUTE, { failed: 4 }, [24 * HOUR]);
    expect(facts.windows['24h']!.failed).toBe(8);
  });

  it('computes only the windows asked for', () => {
    const facts = factsAt(historyOf(points), 100 * MINUTE, { failed: 4 }, [HOUR]);
    expect(Object.keys(facts.windows)).toEqual(['1h']);
  });

  it('stays exact for increases between kept samples after old samples were trimmed and thinned', () => {
    let history: DeploymentHistory | undefined;
    let failed = 0;
    for (let tick = 0; tick < 200; tick++) {
      if (tick % 7 === 3) failed += 2;
      if (tick === 150) failed = 1; // platform trimmed its history
      history = recordSample(history, {
        deployment: deployment({ jobSummary: summary({ failed }) }),
        watches: ['w'],
        now: T0 + tick * MINUTE,
        keepMs: 2 * HOUR,
        maxSamples: 40,
      });
    }
    expect(history!.samples.length).toBeLessThanOrEqual(40);
    const facts = factsAt(history, 200 * MINUTE, { failed: failed + 1 }, [20 * MINUTE]);
    // Ticks 181..199 plus the current step: increases at ticks 185, 192, 199 (+2 each) and +1 now.
    expect(facts.windows['20m']!.failed).toBe(7);
  });

  it('equals the sum of positive steps over every observation in the window (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ gap: fc.integer({ min: 1, max: 30 }), failed: fc.integer({ min: 0, max: 50 }) }), {
          minLength: 1,
          maxLength: 40,
        }),
        fc.integer({ min: 0, max: 50 }),
        fc.integer({ min: 1, max: 400 }),
        (steps, currentFailed, windowMinutes) => {
          let offset = 0;
          const observed: Array<{ t: number; failed: number }> = [];
          let history: DeploymentHistory | undefined;
          for (const step of steps) {
            offset += step.gap * MINUTE;
            observed.push({ t: offset, failed: step.failed });
            history = recordSample(history, {
              deployment: deployment({ jobSummary: summary({ failed: step.failed }) }),
              watches: ['w'],
              now: T0 + offset,
              keepMs: windowMinutes * MINUTE,
            });
          }
          const now = offset + MINUTE;
          observed.push({ t: now, failed: currentFailed });
          const start = now - windowMinutes * MINUTE;
          let baseline = 0;
          observed.forEach((o, i) => {
            if (o.t <= start) baseline = i;
          });
          let expected = 0;
          for (let i = baseline + 1; i < observed.length; i++) {
            expected += Math.max(0, observed[i]!.failed - observed[i - 1]!.failed);
          }
          const facts = factsAt(history, now, { failed: currentFailed }, [windowMinutes * MINUTE]);
          expect(Object.values(facts.windows)[0]!.failed).toBe(expected);
        },
      ),
      { numRuns: 200 },
    );
  });
});
