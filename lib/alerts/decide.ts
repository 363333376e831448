import type { NotificationLogEntry } from './types';

/** Reasons to send a group's notification. */
export type SendReason =
  /** Nothing announced to this receiver for the group yet (or the last message closed the group). */
  | 'first-notification'
  /** An alert fires that the receiver has not been told about. */
  | 'new-firing'
  /** Every alert of the group resolved and the receiver had been told some were firing. */
  | 'all-resolved'
  /** Some announced alerts resolved (receivers with `sendResolved`). */
  | 'new-resolved'
  /** Nothing changed, but the repeat interval has passed since the last message. */
  | 'repeat'
  /** Nothing changed, but the receiver wants firing alerts every tick (Alertmanager refreshes `endsAt`). */
  | 'every-tick';

/** Reasons not to send. */
export type SkipReason =
  /** Nothing fires that the receiver was or should be told about (e.g. a resolve whose firing was never sent). */
  | 'nothing-firing'
  /** Firing alerts unchanged and the repeat interval has not passed. */
  | 'repeat-not-reached'
  /** Every firing alert of the group is muted (silence, maintenance, inhibition). */
  | 'all-muted'
  /** The decision was to close the group, but nothing is left to show (resolves not sent, or muted). */
  | 'resolved-not-shown'
  /** A route names a receiver that does not exist (the configuration check reports it). */
  | 'unknown-receiver';

export type NotifyReason = SendReason | SkipReason;

const SEND: ReadonlySet<NotifyReason> = new Set<SendReason>([
  'first-notification',
  'new-firing',
  'all-resolved',
  'new-resolved',
  'repeat',
  'every-tick',
]);

export function isSendReason(reason: NotifyReason): reason is SendReason {
  return SEND.has(reason);
}

const NONE: ReadonlySet<string> = new Set();

/**
 * Alertmanager's `DedupStage.needsUpdate` (mute-aware variant): compares what one receiver was last told about one
 * group (`entry`) with the group now. `firing` and `resolved` are the fingerprints the receiver may be shown (not
 * muted); `mutedFiring` are firing alerts hidden by a mute, which keep the group from counting as resolved.
 *
 * One deliberate difference: the repeat interval has elapsed when `now - sentAt >= repeatIntervalMs` (Alertmanager
 * uses `>`), because ticks land on whole intervals and `>` would delay every repeat by one tick.
 */
export function decide(
  entry: NotificationLogEntry | undefined,
  firing: ReadonlySet<string>,
  resolved: ReadonlySet<string>,
  now: number,
  repeatIntervalMs: number,
  sendResolved: boolean,
  mutedFiring: ReadonlySet<string> = NONE,
): NotifyReason {
  if (!entry) {
    if (firing.size > 0) return 'first-notification';
    return mutedFiring.size > 0 ? 'all-muted' : 'nothing-firing';
  }
  if (firing.size === 0 && mutedFiring.size === 0) {
    // Done regardless of sendResolved, so that the log forgets the firing alerts (Alertmanager does the same).
    return entry.firing.length > 0 ? 'all-resolved' : 'nothing-firing';
  }
  if (!isSubset(firing, entry.firing)) {
    return entry.firing.length === 0 ? 'first-notification' : 'new-firing';
  }
  if (sendResolved && !isSubset(resolved, entry.resolved)) return 'new-resolved';
  if (firing.size === 0) return 'all-muted';
  return repeatElapsed(entry, now, repeatIntervalMs) ? 'repeat' : 'repeat-not-reached';
}

/** An unreadable `sentAt` counts as long ago (Alertmanager: a zero timestamp always updates). */
export function repeatElapsed(entry: NotificationLogEntry, now: number, repeatIntervalMs: number): boolean {
  const sentAt = Date.parse(entry.sentAt);
  return !Number.isFinite(sentAt) || now - sentAt >= repeatIntervalMs;
}

function isSubset(set: ReadonlySet<string>, of: readonly string[]): boolean {
  if (set.size > of.length) return false;
  const known = new Set(of);
  for (const item of set) if (!known.has(item)) return false;
  return true;
}
