import { describe, expect, it } from 'vitest';
import type { AlertRecord } from '../../lib/alerts/types';
import { compactState } from '../../lib/state/compact-state';
import { StateConfigError } from '../../lib/state/errors';
import { emptyState, type MonitorState } from '../../lib/state/model';

const NOW = Date.parse('2025-03-01T12:00:00Z');
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const OPTIONS = {
  now: NOW,
  historyKeepMs: HOUR,
  resolvedRetentionMs: DAY,
  maxSamplesPerDeployment: 20,
  forgetDeploymentsAfterMs: 7 * DAY,
  sendsKeepMs: MIN,
};
const summary = { starting: 0, running: 1, cancelling: 0, cancelled: 0, finished: 0, failed: 0 };
const iso = (t: number) => new Date(t).toISOString();

function samplesEvery(stepMs: number, count: number) {
  return Array.from({ length: count }, (_, i) => ({ t: NOW - (count - 1 - i) * stepMs, s: summary }));
}

function alert(fingerprint: string, status: AlertRecord['status'], at: number): AlertRecord {
  return {
    fingerprint,
    labels: { alertname: 'r' },
    annotations: {},
    status,
    activeSince: iso(at - HOUR),
    ...(status !== 'pending' ? { firedAt: iso(at - HOUR) } : {}),
    ...(status === 'resolved' ? { resolvedAt: iso(at) } : {}),
    lastEvaluatedAt: iso(at),
    severity: 'critical',
  };
}

function stateWith(parts: Partial<MonitorState>): MonitorState {
  return { ...emptyState(), ...parts };
}

describe('compactState', () => {
  it('drops samples older than the window but keeps the baseline just before it', () => {
    const samples = samplesEvery(10 * MIN, 12); // two hours of samples every ten minutes
    const state = stateWith({ deployments: { d: { name: 'd', watches: [], lastSeenAt: NOW, samples } } });
    const kept = compactState(state, OPTIONS).deployments.d!.samples.map((s) => (NOW - s.t) / MIN);
    expect(kept).toEqual([60, 50, 40, 30, 20, 10, 0]);
  });

  it('thins a dense history to the cap, keeping the oldest and the newest', () => {
    const samples = samplesEvery(10_000, 361); // one hour every ten seconds
    const state = stateWith({ deployments: { d: { name: 'd', watches: [], lastSeenAt: NOW, samples } } });
    const kept = compactState(state, OPTIONS).deployments.d!.samples;
    expect(kept.length).toBeLessThanOrEqual(20);
    expect(kept.length).toBeGreaterThan(10);
    expect(kept[0]?.t).toBe(samples[0]?.t);
    expect(kept.at(-1)?.t).toBe(NOW);
    expect(kept.map((s) => s.t)).toEqual([...kept.map((s) => s.t)].sort((a, b) => a - b));
  });

  it('changes nothing when run on its own output', () => {
    const samples = samplesEvery(10_000, 500);
    const state = stateWith({ deployments: { d: { name: 'd', watches: [], lastSeenAt: NOW, samples } } });
    const once = compactState(state, OPTIONS);
    expect(compactState(once, OPTIONS)).toEqual(once);
  });

  it('forgets deployments not seen for a long time', () => {
    const history = (lastSeenAt: number) => ({ name: 'x', watches: [], lastSeenAt, samples: [] });
    const state = stateWith({
      deployments: { gone: history(NOW - 8 * DAY), recent: history(NOW - 6 * DAY) },
    });
    expect(Object.keys(compactState(state, OPTIONS).deployments)).toEqual(['recent']);
  });

  it('forgets resolved alerts past retention, and the log entries about them, but never active ones', () => {
    const state = stateWith({
      alerts: {
        old: alert('old', 'resolved', NOW - 2 * DAY),
        fresh: alert('fresh', 'resolved', NOW - HOUR),
        firing: alert('firing', 'firing', NOW - 30 * DAY),
        pending: alert('pending', 'pending', NOW - 30 * DAY),
      },
      notificationLog: {
        'a|old': { firing: [], resolved: ['old'], sentAt: iso(NOW - 2 * DAY) },
        'a|mixed': { firing: ['firing'], resolved: ['old'], sentAt: iso(NOW - 2 * DAY) },
      },
    });
    const compacted = compactState(state, OPTIONS);
    expect(Object.keys(compacted.alerts).sort()).toEqual(['firing', 'fresh', 'pending']);
    expect(Object.keys(compacted.notificationLog)).toEqual(['a|mixed']);
  });

  it('drops send times no rate window can see', () => {
    const state = stateWith({ sends: { a: [NOW - 2 * MIN, NOW - 30_000, NOW], quiet: [NOW - HOUR] } });
    expect(compactState(state, OPTIONS).sends).toEqual({ a: [NOW - 30_000, NOW] });
  });

  it('leaves the outbox, the watches and its input alone', () => {
    const state = stateWith({
      outbox: [
        {
          id: 'o',
          message: { receiver: 'r', groupKey: 'g', body: '', contentType: 'text/plain', summary: '', fingerprints: [] },
          attempts: 9,
          firstAttemptAt: iso(NOW - 30 * DAY),
          lastAttemptAt: iso(NOW),
          lastError: 'x',
        },
      ],
      watches: { w: { consecutiveFailures: 3 } },
      deployments: { d: { name: 'd', watches: [], lastSeenAt: NOW, samples: samplesEvery(10 * MIN, 12) } },
    });
    const before = structuredClone(state);
    const compacted = compactState(state, OPTIONS);
    expect(state).toEqual(before);
    expect(compacted.outbox).toEqual(state.outbox);
    expect(compacted.watches).toEqual(state.watches);
  });

  it('rejects options that cannot bound anything', () => {
    expect(() => compactState(emptyState(), { ...OPTIONS, maxSamplesPerDeployment: 1 })).toThrow(StateConfigError);
    expect(() => compactState(emptyState(), { ...OPTIONS, historyKeepMs: Number.NaN })).toThrow(/historyKeepMs/);
  });
});
