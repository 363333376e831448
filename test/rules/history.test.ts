import { describe, expect, it } from 'vitest';
import { buildDeploymentFacts, recordSample } from '../../lib/rules/facts';
import { DEFAULT_MAX_SAMPLES } from '../../lib/rules/history';
import type { DeploymentHistory } from '../../lib/rules/types';
import { deployment, HOUR, MINUTE, summary, T0 } from './fixtures';

function record(
  history: DeploymentHistory | undefined,
  offset: number,
  failed: number,
  keepMs: number,
  maxSamples?: number,
) {
  return recordSample(history, {
    deployment: deployment({ jobSummary: summary({ running: 1, failed }) }),
    watches: ['payments', 'risk'],
    now: T0 + offset,
    keepMs,
    ...(maxSamples === undefined ? {} : { maxSamples }),
  });
}

describe('recordSample', () => {
  it('starts a history with one sample and the deployment name, watches and time', () => {
    const history = record(undefined, 0, 6, HOUR);
    expect(history).toEqual({
      name: 'orders-enrich',
      watches: ['payments', 'risk'],
      lastSeenAt: T0,
      samples: [{ t: T0, s: summary({ running: 1, failed: 6 }), c: summary() }],
    });
  });

  it('keeps only the newest sample when no rule uses a window', () => {
    let history: DeploymentHistory | undefined;
    for (let i = 0; i < 5; i++) history = record(history, i * MINUTE, i, 0);
    expect(history!.samples.map((s) => s.t)).toEqual([T0 + 4 * MINUTE]);
  });

  it('drops samples older than keepMs but keeps the newest one at or before the cutoff', () => {
    let history: DeploymentHistory | undefined;
    for (let i = 0; i <= 10; i++) history = record(history, i * 10 * MINUTE, i, 30 * MINUTE);
    // now = 100m, cutoff = 70m: 70m is the baseline, then 80m, 90m, 100m.
    expect(history!.samples.map((s) => (s.t - T0) / MINUTE)).toEqual([70, 80, 90, 100]);
    const between = record(history, 105 * MINUTE, 11, 30 * MINUTE);
    // cutoff = 75m: the newest sample at or before it is 70m.
    expect(between.samples.map((s) => (s.t - T0) / MINUTE)).toEqual([70, 80, 90, 100, 105]);
  });

  it('adds no sample while the counts stay the same, and moves only lastSeenAt', () => {
    let history: DeploymentHistory | undefined;
    history = record(history, 0, 3, 30 * MINUTE);
    for (let i = 1; i <= 100; i++) history = record(history, i * MINUTE, 3, 30 * MINUTE);
    expect(history!.samples.map((s) => (s.t - T0) / MINUTE)).toEqual([0]);
    expect(history!.lastSeenAt).toBe(T0 + 100 * MINUTE);
    history = record(history, 101 * MINUTE, 4, 30 * MINUTE);
    expect(history.samples.map((s) => (s.t - T0) / MINUTE)).toEqual([0, 101]);
    const facts = buildDeploymentFacts({
      deployment: deployment({ jobSummary: summary({ running: 1, failed: 4 }) }),
      watch: 'w',
      history,
      now: T0 + 102 * MINUTE,
      windowsMs: [10 * MINUTE],
    });
    expect(facts.increase.failed).toBe(0);
    expect(facts.windows['10m']?.failed).toBe(1);
  });

  it('caps the number of samples, keeping the oldest and the newest', () => {
    let history: DeploymentHistory | undefined;
    for (let i = 0; i < 300; i++) history = record(history, i * MINUTE, i, 24 * HOUR, 64);
    const samples = history!.samples;
    expect(samples.length).toBeLessThanOrEqual(64);
    expect(samples[0]!.t).toBe(T0);
    expect(samples[samples.length - 1]!.t).toBe(T0 + 299 * MINUTE);
    const times = samples.map((s) => s.t);
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    // The cumulative counter is unaffected by thinning: it equals the total increase since the first sample.
    expect(samples[samples.length - 1]!.c!.failed).toBe(299);
  });

  it('stays bounded at the default cap over many ticks', () => {
    let history: DeploymentHistory | undefined;
    for (let i = 0; i < 3 * DEFAULT_MAX_SAMPLES; i++) history = record(history, i * MINUTE, i % 5, 30 * 24 * HOUR);
    expect(history!.samples.length).toBeLessThanOrEqual(DEFAULT_MAX_SAMPLES);
    expect(history!.samples.length).toBeGreaterThan(DEFAULT_MAX_SAMPLES / 2);
  });

  it('keeps one sample per tick: recording the same time again replaces it', () => {
    const first = record(undefined, 0, 1, HOUR);
    const again = record(first, 0, 3, HOUR);
    expect(again.samples).toEqual([{ t: T0, s: summary({ running: 1, failed: 3 }), c: summary() }]);
  });

  it('forgets samples from the future when time goes back (replay with an earlier --now)', () => {
    let history = record(undefined, 0, 1, HOUR);
    history = record(history, 10 * MINUTE, 2, HOUR);
    const replay = record(history, 5 * MINUTE, 4, HOUR);
    expect(replay.samples.map((s) => (s.t - T0) / MINUTE)).toEqual([0, 5]);
  });

  it('keeps the samples of a deployment without a usable job summary, moving only lastSeenAt', () => {
    const history = record(undefined, 0, 1, HOUR);
    const next = recordSample(history, {
      deployment: deployment({ jobSummary: null }),
      watches: ['payments'],
      now: T0 + MINUTE,
      keepMs: HOUR,
    });
    expect(next.samples).toEqual(history.samples);
    expect(next.samples).not.toBe(history.samples);
    expect(next.lastSeenAt).toBe(T0 + MINUTE);
  });

  it('does not modify the history it was given', () => {
    const history = record(undefined, 0, 1, HOUR);
    const snapshot = structuredClone(history);
    record(history, MINUTE, 5, HOUR);
    expect(history).toEqual(snapshot);
  });

  it('reads an older state whose samples have no cumulative counter', () => {
    const legacy: DeploymentHistory = {
      name: 'orders-enrich',
      watches: ['payments'],
      lastSeenAt: T0 + 20 * MINUTE,
      samples: [
        { t: T0, s: summary({ failed: 1 }) },
        { t: T0 + 10 * MINUTE, s: summary({ failed: 4 }) },
        { t: T0 + 20 * MINUTE, s: summary({ failed: 2 }) },
      ],
    };
    const facts = buildDeploymentFacts({
      deployment: deployment({ jobSummary: summary({ failed: 3 }) }),
      watch: 'payments',
      history: legacy,
      now: T0 + 30 * MINUTE,
      windowsMs: [HOUR],
    });
    expect(facts.windows['1h']!.failed).toBe(4);
    const next = recordSample(legacy, {
      deployment: deployment({ jobSummary: summary({ failed: 3 }) }),
      watches: ['payments'],
      now: T0 + 30 * MINUTE,
      keepMs: HOUR,
    });
    expect(next.samples.map((s) => s.c?.failed)).toEqual([0, 3, 3, 4]);
  });
});
