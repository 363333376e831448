import { buildMuters, type NotificationPlan, planNotifications, type ReceiverPolicy } from '../alerts';
import type { AlertRecord, NotificationLogEntry } from '../alerts/types';
import type { Config } from '../config/types';
import type { OutgoingMessage, Receiver } from '../notify/types';

export interface RenderedPlan {
  plan: NotificationPlan;
  messages: OutgoingMessage[];
  /** Per message index: the notification-log key and entry to record once it is delivered or queued. */
  logOf: Map<OutgoingMessage, { key: string; entry: NotificationLogEntry }>;
  renderErrors: string[];
}

export function receiverPolicies(receivers: Map<string, Receiver>): Record<string, ReceiverPolicy> {
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
  for (const planned of plan.notifications) {
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
  return { plan, messages, logOf, renderErrors };
}
