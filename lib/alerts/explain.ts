import type { NotifyReason } from './decide';
import { pendingRemainingMs } from './lifecycle';
import type { MutedAlert, NotificationPlan } from './plan';
import type { AlertRecord, AlertStatus } from './types';

export interface ReceiverVerdict {
  receiver: string;
  groupKey: string;
  /** The group's decision (the alert may still be left out of a message that is sent). */
  reason: NotifyReason;
  /** True when a message goes out this tick and carries this alert. */
  willSend: boolean;
  nextRepeatAt?: string;
  text: string;
}

export interface AlertExplanation {
  fingerprint: string;
  status: AlertStatus;
  held: boolean;
  pending?: { remainingMs: number; firesAt: string; paused: boolean };
  muted?: MutedAlert;
  receivers: ReceiverVerdict[];
  /** Human lines for `flink-watch explain`, most important first. */
  lines: string[];
}

const REASON_TEXT: Record<NotifyReason, string> = {
  'first-notification': 'first message for this group',
  'new-firing': 'a new alert fires in this group',
  'all-resolved': 'every alert of the group resolved',
  'new-resolved': 'announced alerts resolved',
  repeat: 'repeat interval passed',
  'every-tick': 'this receiver takes firing alerts every tick',
  'nothing-firing': 'nothing fires that this receiver was told about',
  'repeat-not-reached': 'already notified; repeat interval not reached',
  'all-muted': 'every firing alert of the group is muted',
  'resolved-not-shown': 'group closed without a message (resolves not sent to this receiver, or muted)',
  'unknown-receiver': 'no receiver with this name is configured',
};

export function describeReason(reason: NotifyReason): string {
  return REASON_TEXT[reason];
}

const MUTE_TEXT = { silence: 'silenced by', maintenance: 'in', inhibit: 'inhibited by' } as const;

/**
 * Why an alert is or is not notified, per receiver, from the same plan the tick acts on: pending (and how long
 * until it fires), held, silenced / in maintenance / inhibited (by what), repeat interval not reached (next time),
 * or would send. `forMs` is the `for` of the alert's rule (0 for meta-alerts).
 */
export function explainAlert(input: {
  record: AlertRecord;
  forMs: number;
  now: number;
  plan: NotificationPlan;
}): AlertExplanation {
  const { record, plan, now } = input;
  const fp = record.fingerprint;
  const out: AlertExplanation = {
    fingerprint: fp,
    status: record.status,
    held: record.held === true,
    receivers: [],
    lines: [],
  };
  const muted = plan.muted.find((m) => m.fingerprint === fp);
  if (muted) out.muted = muted;

  if (record.status === 'pending') {
    const remainingMs = pendingRemainingMs(record, input.forMs, now);
    const paused = record.forPausedSince !== undefined;
    out.pending = { remainingMs, firesAt: new Date(now + remainingMs).toISOString(), paused };
    out.lines.push(
      paused
        ? `pending: ${formatDuration(remainingMs)} of its 'for' left; the clock is paused while it cannot be observed`
        : `pending: fires in ${formatDuration(remainingMs)} (at ${out.pending.firesAt}) if the condition still holds`,
    );
  } else if (record.status === 'firing') {
    out.lines.push(`firing since ${record.activeSince}`);
  } else {
    out.lines.push(`resolved at ${record.resolvedAt ?? '?'}`);
  }
  if (out.held) {
    out.lines.push(
      'held: its watch cannot be queried (or the job summary is unusable); not resolved or fired meanwhile',
    );
  }
  if (muted) out.lines.push(`${MUTE_TEXT[muted.reason]} ${muted.by}`);

  for (const n of plan.notifications) {
    if (!n.members.includes(fp)) continue;
    const shown = n.notification.alerts.some((a) => a.fingerprint === fp);
    const why = shown
      ? `would send (${describeReason(n.reason)})`
      : muted
        ? `left out of the message: ${MUTE_TEXT[muted.reason]} ${muted.by}`
        : n.logEntry.resolved.includes(fp)
          ? 'left out of the message: this receiver is not sent resolves'
          : 'left out of the message: its firing was never announced to this receiver';
    const receiver = n.notification.receiver;
    out.receivers.push({
      receiver,
      groupKey: n.notification.groupKey,
      reason: n.reason,
      willSend: shown,
      text: `${receiver}: ${why}`,
    });
  }
  for (const s of plan.skipped) {
    if (!s.members.includes(fp)) continue;
    const verdict: ReceiverVerdict = {
      receiver: s.receiver,
      groupKey: s.groupKey,
      reason: s.reason,
      willSend: false,
      text: '',
    };
    let why = `not sent: ${describeReason(s.reason)}`;
    if (s.nextRepeatAt !== undefined) {
      verdict.nextRepeatAt = s.nextRepeatAt;
      why += `; next at ${s.nextRepeatAt}`;
    }
    verdict.text = `${s.receiver}: ${why}`;
    out.receivers.push(verdict);
  }
  if (record.status !== 'pending' && out.receivers.length === 0) {
    out.lines.push('routed to no receiver (no route matched and no default receiver, or a route discards it)');
  }
  for (const r of out.receivers) out.lines.push(r.text);
  return out;
}

/** `1h 5m`, `2m 30s`, `45s`. */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (h > 0) return m > 0 ? `${h}h ${m}m` : `${h}h`;
  if (m > 0) return s > 0 ? `${m}m ${s}s` : `${m}m`;
  return `${s}s`;
}
