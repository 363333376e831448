import type { AlertingConfig, RouteConfig } from '../config/types';
import type { Notification } from '../notify/types';
import { buildNotification, toAlertView } from './alert-view';
import { decide, isSendReason, type NotifyReason } from './decide';
import { compareCodePoints } from './fingerprint';
import { groupKey } from './group';
import { type MuteReason, type MuteResult, type Muter, muteAll } from './muter';
import { logKey } from './notification-log';
import { compileRouter } from './route';
import type { AlertRecord, NotificationLogEntry } from './types';

export interface ReceiverPolicy {
  sendResolved: boolean;
  resendEveryTick: boolean;
}

export interface PlanInput {
  /** Every remembered alert, resolved ones included (pending ones are ignored: they notify nobody). */
  alerts: readonly AlertRecord[];
  routes: readonly RouteConfig[];
  alerting: AlertingConfig;
  /** Usually `buildMuters(…)`: silences, maintenance windows, inhibition. */
  muters: readonly Muter[];
  notificationLog: Readonly<Record<string, NotificationLogEntry>>;
  receivers: Readonly<Record<string, ReceiverPolicy>>;
  /** Epoch ms. */
  now: number;
  externalURL?: string;
  generatorURL?: (alert: AlertRecord) => string | undefined;
}

export interface PlannedNotification {
  /** `notificationLog` key to write `logEntry` under once the message is delivered or queued in the outbox. */
  key: string;
  notification: Notification;
  reason: NotifyReason;
  logEntry: NotificationLogEntry;
  /** Every alert of the group, shown or not (muted, or a resolve the receiver is not told about). */
  members: string[];
}

export interface SkippedGroup {
  receiver: string;
  groupKey: string;
  key: string;
  reason: NotifyReason;
  members: string[];
  /** With `repeat-not-reached`: when the group will be repeated if nothing changes (ISO). */
  nextRepeatAt?: string;
  /** When set, write it to `notificationLog[key]` now, although nothing is sent (the group's sequence closed). */
  logEntry?: NotificationLogEntry;
}

export interface MutedAlert {
  fingerprint: string;
  reason: MuteReason;
  by: string;
}

export interface NotificationPlan {
  notifications: PlannedNotification[];
  skipped: SkippedGroup[];
  muted: MutedAlert[];
}

interface Group {
  receiver: string;
  groupKey: string;
  groupBy: string[];
  repeatIntervalMs: number;
  members: AlertRecord[];
}

/**
 * Route, group and decide: one notification per (receiver, group) that needs one, never one per alert. A group's
 * firing set is its firing, unmuted alerts; its resolved set is its resolved, unmuted alerts that the log shows were
 * announced to that receiver as firing, so a resolve is never announced for an alert the receiver never heard of.
 */
export function planNotifications(input: PlanInput): NotificationPlan {
  const router = compileRouter(input.routes, input.alerting);
  const plan: NotificationPlan = { notifications: [], skipped: [], muted: [] };
  const mutes = new Map<string, MuteResult>();
  const groups = new Map<string, Group>();
  for (const alert of input.alerts) {
    const mute = muteAll(input.muters, alert.labels, input.now);
    if (mute.muted && mute.reason && mute.by !== undefined) {
      mutes.set(alert.fingerprint, mute);
      plan.muted.push({ fingerprint: alert.fingerprint, reason: mute.reason, by: mute.by });
    }
    if (alert.status === 'pending') continue;
    for (const target of router.route(alert.labels)) {
      const gk = groupKey(target.receiver, target.groupBy, alert.labels);
      const key = logKey(target.receiver, gk);
      const group = groups.get(key) ?? { ...target, groupKey: gk, members: [] };
      group.repeatIntervalMs = Math.min(group.repeatIntervalMs, target.repeatIntervalMs);
      group.members.push(alert);
      groups.set(key, group);
    }
  }
  for (const [key, group] of groups) planGroup(input, key, group, mutes, plan);
  return plan;
}

function planGroup(
  input: PlanInput,
  key: string,
  group: Group,
  mutes: Map<string, MuteResult>,
  plan: NotificationPlan,
) {
  const members = group.members.map((a) => a.fingerprint);
  const base = { receiver: group.receiver, groupKey: group.groupKey, key, members };
  const policy = input.receivers[group.receiver];
  if (!policy) {
    plan.skipped.push({ ...base, reason: 'unknown-receiver' });
    return;
  }
  const entry = input.notificationLog[key];
  const announced = new Set(entry?.firing ?? []);
  const firing: AlertRecord[] = [];
  const resolved: AlertRecord[] = [];
  const mutedFiring = new Set<string>();
  for (const alert of group.members) {
    const muted = mutes.has(alert.fingerprint);
    if (alert.status === 'firing') {
      if (muted) mutedFiring.add(alert.fingerprint);
      else firing.push(alert);
    } else if (alert.status === 'resolved' && !muted && announced.has(alert.fingerprint)) {
      resolved.push(alert);
    }
  }
  const firingSet = new Set(firing.map((a) => a.fingerprint));
  const resolvedSet = new Set(resolved.map((a) => a.fingerprint));
  let reason = decide(
    entry,
    firingSet,
    resolvedSet,
    input.now,
    group.repeatIntervalMs,
    policy.sendResolved,
    mutedFiring,
  );
  if (reason === 'repeat-not-reached' && policy.resendEveryTick && firing.length > 0) reason = 'every-tick';

  if (!isSendReason(reason)) {
    const skipped: SkippedGroup = { ...base, reason };
    if (reason === 'repeat-not-reached' && entry) {
      skipped.nextRepeatAt = new Date(Date.parse(entry.sentAt) + group.repeatIntervalMs).toISOString();
    }
    // Close the sequence, so that the alerts are announced as new when the mute ends.
    if (reason === 'all-muted' && entry && entry.firing.length > 0) {
      skipped.logEntry = { firing: [], resolved: entry.resolved, sentAt: entry.sentAt };
    }
    plan.skipped.push(skipped);
    return;
  }
  const logEntry: NotificationLogEntry = {
    firing: [...firingSet].sort(compareCodePoints),
    resolved: [...resolvedSet].sort(compareCodePoints),
    sentAt: new Date(input.now).toISOString(),
  };
  const shown = policy.sendResolved ? [...firing, ...resolved] : firing;
  if (shown.length === 0) {
    plan.skipped.push({ ...base, reason: 'resolved-not-shown', logEntry });
    return;
  }
  const notification = buildNotification({
    receiver: group.receiver,
    groupKey: group.groupKey,
    groupBy: group.groupBy,
    alerts: shown.map((a) => toAlertView(a, input.generatorURL?.(a))),
    now: input.now,
    externalURL: input.externalURL,
  });
  plan.notifications.push({ key, notification, reason, logEntry, members });
}
