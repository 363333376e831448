import { describe, expect, it } from 'vitest';
import { pruneResolved } from '../../lib/alerts/lifecycle';
import { logKey, pruneNotificationLog } from '../../lib/alerts/notification-log';
import { deploymentLabels, HOUR, iso, MIN, record, T0 } from './fixtures';

describe('pruneNotificationLog', () => {
  it('keeps entries that mention a remembered alert and drops the rest', () => {
    const kept = record(deploymentLabels({ deployment: 'a' }), 'firing');
    const log = {
      [logKey('oncall', 'g1')]: { firing: [kept.fingerprint], resolved: [], sentAt: iso(T0) },
      [logKey('oncall', 'g2')]: { firing: [], resolved: [kept.fingerprint], sentAt: iso(T0) },
      [logKey('oncall', 'g3')]: { firing: ['gone'], resolved: ['also-gone'], sentAt: iso(T0) },
    };
    expect(Object.keys(pruneNotificationLog(log, { [kept.fingerprint]: kept }))).toEqual(['oncall|g1', 'oncall|g2']);
  });
});

describe('pruneResolved', () => {
  it('forgets resolved alerts once they are older than the retention, and nothing else', () => {
    const old = record(deploymentLabels({ deployment: 'old' }), 'resolved', T0, T0 + MIN);
    const recent = record(deploymentLabels({ deployment: 'recent' }), 'resolved', T0, T0 + HOUR);
    const active = record(deploymentLabels({ deployment: 'active' }), 'firing', T0);
    const alerts = { [old.fingerprint]: old, [recent.fingerprint]: recent, [active.fingerprint]: active };
    const kept = pruneResolved(alerts, T0 + MIN + 2 * HOUR, 2 * HOUR);
    expect(Object.keys(kept).sort()).toEqual([recent.fingerprint, active.fingerprint].sort());
    expect(Object.keys(pruneResolved(alerts, T0 + MIN + 2 * HOUR - 1, 2 * HOUR))).toHaveLength(3);
    expect(alerts[old.fingerprint]).toBe(old);
  });
});
