import { META_ALERT } from './meta-alerts';
import type { Muter } from './muter';
import type { AlertRecord, Labels } from './types';

function deploymentKey(labels: Labels): string | undefined {
  const id = labels.deploymentId;
  if (!id) return undefined;
  return `${labels.workspace ?? ''}/${labels.namespace ?? ''}/${id}`;
}

/**
 * Built-in inhibition rules, evaluated against the alerts firing in this tick (pending and resolved alerts inhibit
 * nothing; muted and held firing alerts still do, as in Alertmanager):
 * - a firing `critical` alert of a deployment inhibits that deployment's `warning` and `info` alerts (same
 *   workspace, namespace and deploymentId; alerts without a deploymentId are neither sources nor targets);
 * - a firing `WatchQueryFailing` inhibits `WatchEmpty` of the same watch (an empty answer means nothing while the
 *   query fails).
 */
export function inhibitionMuter(firingAlerts: readonly AlertRecord[]): Muter {
  const criticalByDeployment = new Map<string, AlertRecord>();
  const failingByWatch = new Map<string, AlertRecord>();
  for (const alert of firingAlerts) {
    if (alert.status !== 'firing') continue;
    const { labels } = alert;
    if (labels.alertname === META_ALERT.watchQueryFailing && labels.watch) {
      if (!failingByWatch.has(labels.watch)) failingByWatch.set(labels.watch, alert);
      continue;
    }
    const key = deploymentKey(labels);
    if (labels.severity === 'critical' && key && !criticalByDeployment.has(key)) criticalByDeployment.set(key, alert);
  }
  return {
    reason: 'inhibit',
    mutedBy(labels) {
      if (labels.alertname === META_ALERT.watchEmpty && labels.watch) {
        const source = failingByWatch.get(labels.watch);
        if (source) return `${describe(source)} (watch ${labels.watch} cannot be queried)`;
      }
      if (labels.severity === 'warning' || labels.severity === 'info') {
        const key = deploymentKey(labels);
        const source = key ? criticalByDeployment.get(key) : undefined;
        if (source) return `${describe(source)} on the same deployment`;
      }
      return undefined;
    },
  };
}

function describe(source: AlertRecord): string {
  const where = source.labels.deployment ? ` ${source.labels.deployment}` : '';
  return `critical alert ${source.labels.alertname}${where} [${source.fingerprint}]`;
}
