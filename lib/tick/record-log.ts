import { logKey } from '../alerts/notification-log';
import type { NotificationLogEntry } from '../alerts/types';
import type { DeliveryReport } from '../notify/deliver';
import type { OutgoingMessage } from '../notify/types';
import type { RenderedPlan } from './notify-step';

/** Writes into `log` what this tick told each receiver (see the comments for what counts as told). */
export function recordLog(
  log: Record<string, NotificationLogEntry>,
  rendered: RenderedPlan,
  report: DeliveryReport | undefined,
  now: number,
): void {
  // A notification counts as told once its messages were delivered, queued in the outbox, or rejected for good
  // (a broken receiver raises its own meta-alert instead of re-sending every tick).
  const settled = new Set<OutgoingMessage>();
  if (report) {
    for (const d of report.delivered) settled.add(d.message);
    for (const q of report.queued) settled.add(q.message);
    for (const f of report.fatal) settled.add(f.message);
  }
  for (const [message, { key, entry }] of rendered.logOf) {
    if (!report || settled.has(message)) log[key] = entry;
  }
  for (const skipped of rendered.plan.skipped) if (skipped.logEntry) log[skipped.key] = skipped.logEntry;
  for (const { key, entry } of rendered.alreadyQueued) log[key] = entry;
  // A message from the outbox that reaches its receiver late restarts the repeat interval there (Alertmanager's log
  // also counts from delivery); otherwise the next repeat would follow the late message too closely.
  for (const { message } of report?.delivered ?? []) {
    if (rendered.logOf.has(message)) continue;
    const key = logKey(message.receiver, message.groupKey);
    const entry = log[key];
    if (entry && entry.firing.length > 0) log[key] = { ...entry, sentAt: new Date(now).toISOString() };
  }
}

/** Per receiver, the delivery problem of this pass that raises a meta-alert. */
export function deliveryProblems(report: DeliveryReport): Map<string, { kind: 'dropped' | 'fatal'; reason: string }> {
  const problems = new Map<string, { kind: 'dropped' | 'fatal'; reason: string }>();
  for (const f of report.fatal) problems.set(f.message.receiver, { kind: 'fatal', reason: `${f.reason}: ${f.error}` });
  for (const d of report.dropped) problems.set(d.entry.message.receiver, { kind: 'dropped', reason: d.why });
  return problems;
}
