import { describe, expect, it } from 'vitest';
import { decide, isSendReason, type NotifyReason } from '../../lib/alerts/decide';
import type { NotificationLogEntry } from '../../lib/alerts/types';
import { iso, MIN, T0 } from './fixtures';

const now = T0;
const set = (...items: string[]) => new Set(items);
const entry = (firing: string[], resolved: string[], sentAt: number | string): NotificationLogEntry => ({
  firing,
  resolved,
  sentAt: typeof sentAt === 'number' ? iso(sentAt) : sentAt,
});

interface Row {
  name: string;
  entry: NotificationLogEntry | undefined;
  firing: Set<string>;
  resolved: Set<string>;
  repeat: number;
  sendResolved: boolean;
  mutedFiring?: Set<string>;
  reason: NotifyReason;
}

// The first eleven rows are Alertmanager's TestDedupStageNeedsUpdate cases, in order.
const rows: Row[] = [
  {
    name: 'no log entry, alerts firing → send',
    entry: undefined,
    firing: set('2', '3', '4'),
    resolved: set(),
    repeat: 0,
    sendResolved: false,
    reason: 'first-notification',
  },
  {
    name: 'no log entry, only resolved alerts → do not send',
    entry: undefined,
    firing: set(),
    resolved: set('2', '3', '4'),
    repeat: 0,
    sendResolved: false,
    reason: 'nothing-firing',
  },
  {
    name: 'different firing set → send',
    entry: entry(['1', '2', '3'], [], now),
    firing: set('2', '3', '4'),
    resolved: set(),
    repeat: 10 * MIN,
    sendResolved: false,
    reason: 'new-firing',
  },
  {
    name: 'zero timestamp in the log entry → always send',
    entry: entry(['1', '2', '3'], [], '0001-01-01T00:00:00Z'),
    firing: set('1', '2', '3'),
    resolved: set(),
    repeat: 10 * MIN,
    sendResolved: false,
    reason: 'repeat',
  },
  {
    name: 'unreadable timestamp in the log entry → send',
    entry: entry(['1', '2', '3'], [], ''),
    firing: set('1', '2', '3'),
    resolved: set(),
    repeat: 10 * MIN,
    sendResolved: false,
    reason: 'repeat',
  },
  {
    name: 'identical firing set before repeat interval → do not send',
    entry: entry(['1', '2', '3'], [], now - 9 * MIN),
    firing: set('1', '2', '3'),
    resolved: set(),
    repeat: 10 * MIN,
    sendResolved: false,
    reason: 'repeat-not-reached',
  },
  {
    name: 'identical firing set after repeat interval → send',
    entry: entry(['1', '2', '3'], [], now - 11 * MIN),
    firing: set('1', '2', '3'),
    resolved: set(),
    repeat: 10 * MIN,
    sendResolved: false,
    reason: 'repeat',
  },
  {
    name: 'different resolved sets and nothing firing, after repeat → do not send',
    entry: entry([], ['1', '2', '3'], now - 11 * MIN),
    firing: set(),
    resolved: set('3', '4', '5'),
    repeat: 10 * MIN,
    sendResolved: true,
    reason: 'nothing-firing',
  },
  {
    name: 'new resolved alerts, sendResolved false → do not send',
    entry: entry(['1', '2'], ['3'], now - 9 * MIN),
    firing: set('1'),
    resolved: set('2', '3'),
    repeat: 10 * MIN,
    sendResolved: false,
    reason: 'repeat-not-reached',
  },
  {
    name: 'new resolved alerts, sendResolved true → send',
    entry: entry(['1', '2'], ['3'], now - 9 * MIN),
    firing: set('1'),
    resolved: set('2', '3'),
    repeat: 10 * MIN,
    sendResolved: true,
    reason: 'new-resolved',
  },
  {
    name: 'everything resolved, sendResolved false → send (clears the log)',
    entry: entry(['1', '2'], ['3'], now - 9 * MIN),
    firing: set(),
    resolved: set('1', '2', '3'),
    repeat: 10 * MIN,
    sendResolved: false,
    reason: 'all-resolved',
  },
  {
    name: 'everything resolved, sendResolved true → send',
    entry: entry(['1', '2'], ['3'], now - 9 * MIN),
    firing: set(),
    resolved: set('1', '2', '3'),
    repeat: 10 * MIN,
    sendResolved: true,
    reason: 'all-resolved',
  },
  // Repeat interval boundaries (flink-watch repeats at exactly the interval; Alertmanager one instant later).
  {
    name: 'repeat interval minus 1 ms → do not send',
    entry: entry(['1'], [], now - 4 * 60 * MIN + 1),
    firing: set('1'),
    resolved: set(),
    repeat: 4 * 60 * MIN,
    sendResolved: true,
    reason: 'repeat-not-reached',
  },
  {
    name: 'repeat interval exactly → send',
    entry: entry(['1'], [], now - 4 * 60 * MIN),
    firing: set('1'),
    resolved: set(),
    repeat: 4 * 60 * MIN,
    sendResolved: true,
    reason: 'repeat',
  },
  {
    name: 'fewer firing than announced (one resolved, sendResolved false) → do not send',
    entry: entry(['1', '2'], [], now - MIN),
    firing: set('1'),
    resolved: set('2'),
    repeat: 10 * MIN,
    sendResolved: false,
    reason: 'repeat-not-reached',
  },
  {
    name: 'last message closed the group, alerts fire again → first notification',
    entry: entry([], ['1'], now - MIN),
    firing: set('1'),
    resolved: set(),
    repeat: 10 * MIN,
    sendResolved: true,
    reason: 'first-notification',
  },
  // Muting.
  {
    name: 'no log entry, everything muted → do not send',
    entry: undefined,
    firing: set(),
    resolved: set(),
    repeat: 10 * MIN,
    sendResolved: true,
    mutedFiring: set('1'),
    reason: 'all-muted',
  },
  {
    name: 'announced alert now muted, still firing → not resolved, muted',
    entry: entry(['1'], [], now - MIN),
    firing: set(),
    resolved: set(),
    repeat: 10 * MIN,
    sendResolved: true,
    mutedFiring: set('1'),
    reason: 'all-muted',
  },
  {
    name: 'one of two announced alerts muted → nothing new',
    entry: entry(['1', '2'], [], now - MIN),
    firing: set('2'),
    resolved: set(),
    repeat: 10 * MIN,
    sendResolved: true,
    mutedFiring: set('1'),
    reason: 'repeat-not-reached',
  },
];

describe('decide (Alertmanager DedupStage.needsUpdate)', () => {
  it.each(rows)('$name', (row) => {
    const reason = decide(row.entry, row.firing, row.resolved, now, row.repeat, row.sendResolved, row.mutedFiring);
    expect(reason).toBe(row.reason);
  });

  it('classifies reasons into send and skip', () => {
    expect(isSendReason('new-firing')).toBe(true);
    expect(isSendReason('all-resolved')).toBe(true);
    expect(isSendReason('repeat-not-reached')).toBe(false);
    expect(isSendReason('all-muted')).toBe(false);
  });
});
