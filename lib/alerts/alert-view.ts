import type { Notification } from '../notify/types';
import { commonPairs, groupLabels } from './group';
import type { AlertRecord, AlertView } from './types';

/**
 * The Alertmanager webhook view of one alert. `startsAt` is when the condition was first seen (Prometheus' and
 * Alertmanager's convention: the start of the problem, not the end of `for`); `endsAt` only once resolved.
 */
export function toAlertView(record: AlertRecord, generatorURL?: string): AlertView {
  const view: AlertView = {
    fingerprint: record.fingerprint,
    status: record.status === 'resolved' ? 'resolved' : 'firing',
    labels: record.labels,
    annotations: record.annotations,
    startsAt: record.activeSince,
  };
  if (record.status === 'resolved' && record.resolvedAt !== undefined) view.endsAt = record.resolvedAt;
  if (generatorURL !== undefined && generatorURL !== '') view.generatorURL = generatorURL;
  return view;
}

/** Firing first, then resolved; each oldest first, then by fingerprint so the order is stable. */
export function compareForMessage(a: AlertView, b: AlertView): number {
  if (a.status !== b.status) return a.status === 'firing' ? -1 : 1;
  if (a.startsAt !== b.startsAt) return a.startsAt < b.startsAt ? -1 : 1;
  return a.fingerprint < b.fingerprint ? -1 : a.fingerprint > b.fingerprint ? 1 : 0;
}

export function buildNotification(input: {
  receiver: string;
  groupKey: string;
  groupBy: readonly string[];
  alerts: AlertView[];
  now: number;
  externalURL?: string | undefined;
}): Notification {
  const alerts = [...input.alerts].sort(compareForMessage);
  const first = alerts[0];
  const notification: Notification = {
    receiver: input.receiver,
    groupKey: input.groupKey,
    groupLabels: first ? groupLabels(input.groupBy, first.labels) : {},
    status: alerts.some((a) => a.status === 'firing') ? 'firing' : 'resolved',
    alerts,
    commonLabels: commonPairs(alerts.map((a) => a.labels)),
    commonAnnotations: commonPairs(alerts.map((a) => a.annotations)),
    now: new Date(input.now).toISOString(),
  };
  if (input.externalURL !== undefined && input.externalURL !== '') notification.externalURL = input.externalURL;
  return notification;
}
