import type { Notification } from './types';

export function countAlerts(notification: Notification): { firing: number; resolved: number } {
  const firing = notification.alerts.filter((a) => a.status === 'firing').length;
  return { firing, resolved: notification.alerts.length - firing };
}

/** What the group is about: its group label values (`payments/job-failed`), else its common watch and alertname. */
export function groupTitle(notification: Notification): string {
  const grouped = Object.values(notification.groupLabels).filter((v) => v !== '');
  if (grouped.length > 0) return grouped.join('/');
  const common = [notification.commonLabels.watch, notification.commonLabels.alertname].filter(Boolean);
  return common.length > 0 ? common.join('/') : 'alerts';
}

/** One line for logs and the tick summary, e.g. `2 firing, 1 resolved: payments/job-failed`. */
export function notificationSummary(notification: Notification): string {
  const { firing, resolved } = countAlerts(notification);
  const counts = [firing > 0 ? `${firing} firing` : '', resolved > 0 ? `${resolved} resolved` : ''].filter(Boolean);
  return `${counts.join(', ') || 'no alerts'}: ${groupTitle(notification)}`;
}
