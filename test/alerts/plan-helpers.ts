import { buildMuters } from '../../lib/alerts/muters';
import { type NotificationPlan, type PlanInput, planNotifications, type ReceiverPolicy } from '../../lib/alerts/plan';
import type { AlertRecord, NotificationLogEntry } from '../../lib/alerts/types';
import type { RouteConfig, SilenceConfig } from '../../lib/config/types';
import { alerting } from './fixtures';

export const policies: Record<string, ReceiverPolicy> = {
  oncall: { sendResolved: true, resendEveryTick: false },
  quiet: { sendResolved: false, resendEveryTick: false },
  am: { sendResolved: true, resendEveryTick: true },
};

export function toOnly(receiver: string): RouteConfig[] {
  return [
    {
      matchers: [],
      receivers: [receiver],
      continue: false,
      groupBy: ['alertname', 'watch'],
      repeatIntervalMs: alerting.repeatIntervalMs,
    },
  ];
}

/** Plans one tick and applies what the tick pipeline would record (every message delivered). */
export function tick(input: {
  alerts: AlertRecord[];
  log: Record<string, NotificationLogEntry>;
  now: number;
  routes?: RouteConfig[];
  silences?: SilenceConfig[];
  extra?: Partial<PlanInput>;
}): { plan: NotificationPlan; log: Record<string, NotificationLogEntry> } {
  const plan = planNotifications({
    alerts: input.alerts,
    routes: input.routes ?? [],
    alerting,
    muters: buildMuters({ silences: input.silences ?? [], maintenance: [], alerts: input.alerts }),
    notificationLog: input.log,
    receivers: policies,
    now: input.now,
    ...input.extra,
  });
  const log = { ...input.log };
  for (const n of plan.notifications) log[n.key] = n.logEntry;
  for (const s of plan.skipped) if (s.logEntry) log[s.key] = s.logEntry;
  return { plan, log };
}
