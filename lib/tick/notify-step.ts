import { buildMuters, type NotificationPlan, planNotifications, type ReceiverPolicy } from '../alerts';
import type { AlertRecord, NotificationLogEntry } from '../alerts/types';
import type { Config } from '../config/types';
import { expiryReason } from '../notify/outbox';
import type { OutboxEntry, OutgoingMessage, Receiver } from '../notify/types';

export interface RenderedPlan {
  plan: NotificationPlan;
  messages: OutgoingMessage[];
  /** Per message index: the notification-log key and entry to record once it is delivered or queued. */
  logOf: Map<OutgoingMessage, { key: string; entry: NotificationLogEntry }>;
  /** Repeats not rendered because the group's earlier message still waits in the outbox; record their entries. */
  alreadyQueued: Array<{ key: string; entry: NotificationLogEntry }>;
  renderErrors: string[];
}

const queueKey = (receiver: string, groupKey: string) => `${receiver}\u0000${groupKey}`;

/**
 * Groups with a message in the outbox that will still be tried. A repeat of such a group would reach the receiver
 * right behind the queued message, as a duplicate: the queued message already is the reminder.
 */
export function queuedGroups(outbox: readonly OutboxEntry[], now: number, outboxMaxAgeMs: number): Set<string> {
  const out = new Set<string>();
  for (const entry of outbox) {
    if (expiryReason(entry, now, outboxMaxAgeMs) === undefined) {
      out.add(queueKey(entry.message.receiver, entry.message.groupKey));
    }
  }
  return out;
}

function receiverPolicies(receivers: Map<string, Receiver>): Record<string, ReceiverPolicy> {
  const out: Record<string, ReceiverPolicy> = {};
  for (const [name, r] of receivers) out[name] = { sendResolved: r.sendResolved, resendEveryTick: r.resendEveryTick };
  return out;
}

/** Route, group, decide, then render every planned notification with its receiver. */
export function planAndRender(input: {
  config: Config;
  alerts: Record<string, AlertRecord>;
  notificationLog: Record<string, NotificationLogEntry>;
  receivers: Map<string, Receiver>;
  now: number;
  generatorURL?: (alert: AlertRecord) => string | undefined;
  /** From `queuedGroups`: repeats of these groups are recorded as told instead of sent again. */
  queued?: Set<string>;
}): RenderedPlan {
  const { config, receivers, now } = input;
  const alerts = Object.values(input.alerts);
  const plan = planNotifications({
    alerts,
    routes: config.routes,
    alerting: config.alerting,
    muters: buildMuters({ silences: config.silences, maintenance: config.maintenance, alerts }),
    notificationLog: input.notificationLog,
    receivers: receiverPolicies(receivers),
    now,
    ...(config.report.url ? { externalURL: config.report.url } : {}),
    ...(input.generatorURL ? { generatorURL: input.generatorURL } : {}),
  });
  const messages: OutgoingMessage[] = [];
  const logOf = new Map<OutgoingMessage, { key: string; entry: NotificationLogEntry }>();
  const renderErrors: string[] = [];
  const alreadyQueued: RenderedPlan['alreadyQueued'] = [];
  for (const planned of plan.notifications) {
    const { receiver: name, groupKey } = planned.notification;
    if (planned.reason === 'repeat' && input.queued?.has(queueKey(name, groupKey))) {
      alreadyQueued.push({ key: planned.key, entry: planned.logEntry });
      continue;
    }
    const receiver = receivers.get(planned.notification.receiver);
    if (!receiver) {
      renderErrors.push(`receiver ${planned.notification.receiver} is routed to but not configured`);
      continue;
    }
    try {
      for (const message of receiver.render(planned.notification)) {
        messages.push(message);
        logOf.set(message, { key: planned.key, entry: planned.logEntry });
      }
    } catch (err) {
      renderErrors.push(`receiver ${receiver.name} could not render a notification: ${(err as Error).message}`);
    }
  }
  return { plan, messages, logOf, alreadyQueued, renderErrors };
}
