import { fingerprint, identifyingLabels } from '../../lib/alerts/fingerprint';
import type { AlertRecord, Labels } from '../../lib/alerts/types';
import type { AlertingConfig, Severity } from '../../lib/config/types';

export const T0 = Date.parse('2030-01-01T00:00:00.000Z');
export const MIN = 60_000;
export const HOUR = 60 * MIN;

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

export const alerting: AlertingConfig = {
  repeatIntervalMs: 4 * HOUR,
  groupBy: ['alertname', 'watch'],
  queryFailuresBeforeAlert: 3,
  resolvedRetentionMs: 24 * HOUR,
  outboxMaxAgeMs: HOUR,
  defaultReceivers: ['oncall'],
};

export function deploymentLabels(opts: {
  rule?: string;
  deployment?: string;
  severity?: Severity;
  watch?: string;
  extra?: Labels;
}): Labels {
  const name = opts.deployment ?? 'orders-etl';
  const input: Parameters<typeof identifyingLabels>[0] = {
    alertname: opts.rule ?? 'job-failed',
    watch: opts.watch ?? 'payments',
    severity: opts.severity ?? 'critical',
    deployment: { name, deploymentId: `id-${name}`, namespace: 'default-namespace', workspace: 'ws1' },
  };
  if (opts.extra) input.extra = opts.extra;
  return identifyingLabels(input);
}

/** A remembered alert with the given status, started at `since` (firing: fired then too). */
export function record(labels: Labels, status: AlertRecord['status'], since = T0, resolvedAt?: number): AlertRecord {
  const r: AlertRecord = {
    fingerprint: fingerprint(labels),
    labels,
    annotations: { summary: `${labels.alertname} on ${labels.deployment ?? labels.watch}` },
    status,
    activeSince: iso(since),
    lastEvaluatedAt: iso(resolvedAt ?? since),
    severity: (labels.severity as Severity | undefined) ?? 'critical',
  };
  if (status !== 'pending') r.firedAt = iso(since);
  if (status === 'resolved') r.resolvedAt = iso(resolvedAt ?? since + MIN);
  return r;
}
