import type { AlertRecord } from '../alerts/types';
import type { ReportAlert } from './model';

/** Resolved alerts stay on the report this long. */
export const RESOLVED_VISIBLE_MS = 24 * 60 * 60 * 1000;

const STATUS_RANK: Record<ReportAlert['status'], number> = { firing: 0, pending: 1, resolved: 2 };
const SEVERITY_RANK: Record<string, number> = { critical: 0, warning: 1, info: 2 };

function severityRank(severity: string): number {
  return SEVERITY_RANK[severity] ?? 3;
}

/**
 * Firing first (critical, then warning, then info), then pending, then resolved; within a group the newest first,
 * because the alert that just paged someone is the one they opened the report for. Fingerprints break ties.
 */
export function compareReportAlerts(a: ReportAlert, b: ReportAlert): number {
  const status = STATUS_RANK[a.status] - STATUS_RANK[b.status];
  if (status !== 0) return status;
  const severity = severityRank(a.severity) - severityRank(b.severity);
  if (severity !== 0) return severity;
  if (a.since !== b.since) return a.since > b.since ? -1 : 1;
  return a.fingerprint < b.fingerprint ? -1 : a.fingerprint > b.fingerprint ? 1 : 0;
}

function isVisible(record: AlertRecord, now: number): boolean {
  if (record.status !== 'resolved') return true;
  const resolvedAt = Date.parse(record.resolvedAt ?? record.lastEvaluatedAt);
  return !Number.isNaN(resolvedAt) && now - resolvedAt <= RESOLVED_VISIBLE_MS;
}

export function toReportAlert(record: AlertRecord, muted: string | undefined): ReportAlert {
  const labels = record.labels;
  const alertname = labels.alertname ?? 'unnamed';
  const subject = labels.deployment ?? labels.watch ?? labels.failedReceiver ?? '';
  const alert: ReportAlert = {
    fingerprint: record.fingerprint,
    alertname,
    severity: labels.severity ?? record.severity,
    status: record.status,
    watch: labels.watch ?? '',
    since: record.status === 'resolved' ? (record.resolvedAt ?? record.lastEvaluatedAt) : record.activeSince,
    summary: record.annotations.summary ?? (subject ? `${alertname} on ${subject}` : alertname),
    labels: { ...labels },
  };
  if (labels.deployment !== undefined) alert.deployment = labels.deployment;
  if (labels.deploymentId !== undefined) alert.deploymentId = labels.deploymentId;
  if (muted !== undefined && muted !== '') alert.muted = muted;
  return alert;
}

/**
 * The alerts a report shows: every active one and those resolved in the last 24 h, of the given watches (alerts that
 * belong to no watch, such as `NotificationUndeliverable`, always), in {@link compareReportAlerts} order.
 */
export function selectReportAlerts(input: {
  alerts: Record<string, AlertRecord>;
  watches: ReadonlySet<string>;
  now: number;
  muted?: ReadonlyMap<string, string> | undefined;
}): ReportAlert[] {
  const out: ReportAlert[] = [];
  for (const record of Object.values(input.alerts)) {
    const watch = record.labels.watch;
    if (watch !== undefined && !input.watches.has(watch)) continue;
    if (!isVisible(record, input.now)) continue;
    out.push(toReportAlert(record, input.muted?.get(record.fingerprint)));
  }
  return out.sort(compareReportAlerts);
}
