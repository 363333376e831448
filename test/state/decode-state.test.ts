import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeState } from '../../lib/state/decode-state';
import { emptyState, type MonitorState } from '../../lib/state/model';

const NOW = Date.parse('2025-03-01T12:00:00Z');
const summary = (failed: number) => ({ starting: 0, running: 1, cancelling: 0, cancelled: 0, finished: 0, failed });

function fullState(): MonitorState {
  return {
    formatVersion: 1,
    savedAt: '2025-03-01T11:59:00.000Z',
    deployments: {
      'ws/ns/d1': {
        name: 'orders',
        watches: ['payments'],
        lastSeenAt: NOW - 60_000,
        samples: [
          { t: NOW - 120_000, s: summary(1), c: summary(0) },
          { t: NOW - 60_000, s: summary(2), c: { ...summary(1), running: 0 } },
        ],
      },
    },
    alerts: {
      fp1: {
        fingerprint: 'fp1',
        labels: { alertname: 'job-failed', watch: 'payments', severity: 'critical' },
        annotations: { increase: '1' },
        status: 'firing',
        activeSince: '2025-03-01T11:58:00.000Z',
        firedAt: '2025-03-01T11:58:00.000Z',
        lastEvaluatedAt: '2025-03-01T11:59:00.000Z',
        severity: 'critical',
      },
    },
    notificationLog: { 'oncall|g1': { firing: ['fp1'], resolved: [], sentAt: '2025-03-01T11:58:00.000Z' } },
    outbox: [
      {
        id: 'o1',
        message: {
          receiver: 'oncall',
          groupKey: 'g1',
          body: '{}',
          contentType: 'application/json',
          summary: '1 firing',
          fingerprints: ['fp1'],
        },
        attempts: 2,
        firstAttemptAt: '2025-03-01T11:58:00.000Z',
        lastAttemptAt: '2025-03-01T11:59:00.000Z',
        lastError: 'HTTP 503',
        notBefore: '2025-03-01T12:01:00.000Z',
      },
    ],
    watches: { payments: { consecutiveFailures: 0, lastOkAt: '2025-03-01T11:59:00.000Z', lastCount: 3 } },
    sends: { oncall: [NOW - 30_000, NOW - 10_000] },
  };
}

describe('decodeState', () => {
  it('starts empty, silently, when nothing was saved', () => {
    expect(decodeState(null, { now: NOW })).toEqual({ state: emptyState(), warnings: [] });
  });

  it('reads back a saved state unchanged', () => {
    const state = fullState();
    const decoded = decodeState(JSON.parse(JSON.stringify(state)), { now: NOW });
    expect(decoded.warnings).toEqual([]);
    expect(decoded.state).toEqual(state);
  });

  it('keeps fields it does not know, so newer parts of the program survive a round trip', () => {
    const raw = JSON.parse(JSON.stringify(fullState()));
    raw.alerts.fp1.forPausedMs = 1_500;
    raw.alerts.fp1.futureField = { x: 1 };
    raw.outbox[0].message.extra = 'kept';
    const { state, warnings } = decodeState(raw, { now: NOW });
    expect(warnings).toEqual([]);
    expect(state.alerts.fp1).toMatchObject({ forPausedMs: 1_500, futureField: { x: 1 } });
    expect(state.outbox[0]?.message).toMatchObject({ extra: 'kept' });
    expect(state.deployments['ws/ns/d1']?.samples[1]?.c).toEqual({ ...summary(1), running: 0 });
  });

  for (const junk of [42, 'state', [], true, [{ formatVersion: 1 }]]) {
    it(`starts empty with a warning from ${JSON.stringify(junk)}`, () => {
      const decoded = decodeState(junk, { now: NOW });
      expect(decoded.state).toEqual(emptyState());
      expect(decoded.warnings).toHaveLength(1);
      expect(decoded.warnings[0]).toMatch(/not an object; starting from an empty state/);
      expect(decoded.discarded).toBeDefined();
    });
  }

  it('does not guess at a format from a newer version', () => {
    const decoded = decodeState({ ...fullState(), formatVersion: 2 }, { now: NOW });
    expect(decoded.state).toEqual(emptyState());
    expect(decoded.discarded).toMatch(/format 2, written by a newer flink-watch/);
  });

  it('tolerates missing sections and reads a document without formatVersion as format 1', () => {
    const { state, warnings } = decodeState({ alerts: fullState().alerts }, { now: NOW });
    expect(state).toEqual({ ...emptyState(), alerts: fullState().alerts });
    expect(warnings).toEqual(['state has no known formatVersion (found none); read as format 1']);
    expect(decodeState({ formatVersion: 1 }, { now: NOW })).toEqual({ state: emptyState(), warnings: [] });
  });

  it('drops malformed entries with one warning each, and repairs what dropping would break', () => {
    const raw = JSON.parse(JSON.stringify(fullState()));
    raw.deployments['ws/ns/d1'].samples.push({ t: 'yesterday', s: summary(3) }, { t: NOW, s: { running: -1 } });
    raw.deployments['ws/ns/nameless'] = { lastSeenAt: NOW, samples: [] };
    raw.alerts.bad = { fingerprint: 'bad', labels: {}, status: 'exploded', severity: 'critical', activeSince: 'x' };
    raw.alerts.fp2 = { ...raw.alerts.fp1, fingerprint: 'fp2', firedAt: undefined, held: 'yes' };
    raw.outbox.push({ id: 'o2', message: { receiver: 'oncall' }, firstAttemptAt: '2025-03-01T11:00:00Z' });
    raw.outbox.push({ ...raw.outbox[0], id: 'o3', attempts: 'many' });
    raw.sends.oncall.push('soon', null);
    raw.watches = [];
    const { state, warnings } = decodeState(raw, { now: NOW });
    expect(warnings).toEqual([
      'state deployments: "ws/ns/d1": dropped 2 malformed samples',
      'state deployments: dropped "ws/ns/nameless": it has no name',
      'state alerts: dropped "bad": it has status "exploded"',
      'state alerts: "fp2": its held was invalid and was removed',
      'state alerts: "fp2": its firedAt was missing and was set to activeSince',
      'state outbox: dropped entry 1: it has a message without groupKey',
      'state outbox: entry o3: its attempt count was invalid and was reset',
      'state watches: is an array, not an object; it was ignored',
      'state sends: "oncall": dropped 2 invalid send times',
    ]);
    expect(state.deployments['ws/ns/d1']?.samples).toHaveLength(2);
    expect(state.alerts.fp2).toMatchObject({ status: 'firing', firedAt: raw.alerts.fp1.activeSince });
    expect(state.alerts.fp2?.held).toBeUndefined();
    expect(state.outbox.map((entry) => [entry.id, entry.attempts])).toEqual([
      ['o1', 2],
      ['o3', 0],
    ]);
    expect(state.watches).toEqual({});
    expect(state.sends.oncall).toEqual([NOW - 30_000, NOW - 10_000]);
  });

  it('summarises a flood of problems instead of listing each', () => {
    const alerts = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`fp${i}`, { status: 'nope' }]));
    const { warnings } = decodeState({ formatVersion: 1, alerts }, { now: NOW });
    expect(warnings).toHaveLength(11);
    expect(warnings.at(-1)).toBe('state alerts: 40 more problems not listed');
  });

  it('notes a state saved after the evaluation time (a replay over newer state)', () => {
    const { warnings } = decodeState({ ...fullState(), savedAt: '2025-03-02T00:00:00.000Z' }, { now: NOW });
    expect(warnings).toEqual([
      'state was saved at 2025-03-02T00:00:00.000Z, after the evaluation time 2025-03-01T12:00:00.000Z',
    ]);
  });

  it('never throws and always yields a well-formed state, whatever it is given', () => {
    const section = fc.oneof(fc.jsonValue(), fc.dictionary(fc.string(), fc.jsonValue()));
    const documents = fc.oneof(
      fc.jsonValue(),
      fc.record(
        {
          formatVersion: fc.oneof(fc.constant(1), fc.jsonValue()),
          deployments: section,
          alerts: section,
          notificationLog: section,
          outbox: fc.oneof(fc.array(fc.jsonValue()), fc.jsonValue()),
          watches: section,
          sends: section,
        },
        { requiredKeys: [] },
      ),
    );
    fc.assert(
      fc.property(documents, (doc) => {
        const { state, warnings } = decodeState(doc, { now: NOW });
        expect(state.formatVersion).toBe(1);
        expect(Array.isArray(state.outbox)).toBe(true);
        for (const samples of Object.values(state.deployments).map((d) => d.samples)) {
          expect(samples.every((s) => Number.isFinite(s.t))).toBe(true);
        }
        expect(Object.values(state.sends).flat().every(Number.isFinite)).toBe(true);
        expect(warnings.every((w) => typeof w === 'string')).toBe(true);
        expect(decodeState(JSON.parse(JSON.stringify(state)), { now: NOW }).warnings).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});
