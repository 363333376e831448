import type { AlertView, Labels } from '../alerts/types';
import type { Notification } from './types';

/** Alertmanager's "no end time" for firing alerts; bridges built for Alertmanager expect exactly this value. */
export const ZERO_TIME = '0001-01-01T00:00:00Z';

export interface WebhookAlert {
  status: 'firing' | 'resolved';
  labels: Labels;
  annotations: Record<string, string>;
  startsAt: string;
  endsAt: string;
  generatorURL: string;
  fingerprint: string;
}

/** Alertmanager's webhook message, version 4 (key order as Alertmanager writes it). */
export interface WebhookPayload {
  receiver: string;
  status: 'firing' | 'resolved';
  alerts: WebhookAlert[];
  groupLabels: Labels;
  commonLabels: Labels;
  commonAnnotations: Record<string, string>;
  externalURL: string;
  version: '4';
  groupKey: string;
  truncatedAlerts: number;
}

function toWebhookAlert(alert: AlertView, now: string): WebhookAlert {
  return {
    status: alert.status,
    labels: alert.labels,
    annotations: alert.annotations,
    startsAt: alert.startsAt,
    endsAt: alert.status === 'resolved' ? (alert.endsAt ?? now) : ZERO_TIME,
    generatorURL: alert.generatorURL ?? '',
    fingerprint: alert.fingerprint,
  };
}

/**
 * The Alertmanager-compatible body for `notification`. With `maxAlerts` > 0 only that many alerts are listed
 * (firing before resolved, so a cut list still shows what is broken) and `truncatedAlerts` counts the rest. Unlike
 * Alertmanager, `commonLabels`/`commonAnnotations` stay those of the whole group, not of the cut list.
 */
export function toWebhookPayload(notification: Notification, maxAlerts = 0): WebhookPayload {
  const all = notification.alerts;
  const cut = maxAlerts > 0 && all.length > maxAlerts;
  const listed = cut
    ? [...all.filter((a) => a.status === 'firing'), ...all.filter((a) => a.status !== 'firing')].slice(0, maxAlerts)
    : all;
  return {
    receiver: notification.receiver,
    status: notification.status,
    alerts: listed.map((a) => toWebhookAlert(a, notification.now)),
    groupLabels: notification.groupLabels,
    commonLabels: notification.commonLabels,
    commonAnnotations: notification.commonAnnotations,
    externalURL: notification.externalURL ?? '',
    version: '4',
    groupKey: notification.groupKey,
    truncatedAlerts: all.length - listed.length,
  };
}
