import { emptyHealthCounts, HEALTH_ORDER } from './health';
import type { DeploymentHealth, ReportAlert, ReportDeployment, ReportModel } from './model';

/** The few numbers a person needs first; every renderer's headline uses them. */
export interface ReportSummary {
  firing: number;
  pending: number;
  resolved: number;
  blindWatches: number;
  watches: number;
  deployments: number;
  byHealth: Record<DeploymentHealth, number>;
}

export function summariseReport(model: ReportModel): ReportSummary {
  const byHealth = emptyHealthCounts();
  for (const d of model.deployments) byHealth[d.health] += 1;
  const count = (status: ReportAlert['status']) => model.alerts.filter((a) => a.status === status).length;
  return {
    firing: count('firing'),
    pending: count('pending'),
    resolved: count('resolved'),
    blindWatches: model.watches.filter((w) => !w.ok).length,
    watches: model.watches.length,
    deployments: model.deployments.length,
    byHealth,
  };
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** `2 alerts firing · 1 watch blind`, or the all-clear line. */
export function headline(summary: ReportSummary): string {
  const parts: string[] = [];
  if (summary.firing > 0) parts.push(`${plural(summary.firing, 'alert')} firing`);
  if (summary.blindWatches > 0) parts.push(`${plural(summary.blindWatches, 'watch', 'watches')} blind`);
  if (parts.length > 0) return parts.join(' · ');
  return summary.watches === 0 ? 'No watch reported' : 'All clear: nothing firing, every watch answering';
}

/** `1 failing, 4 healthy` in worst-first order, zero counts left out. */
export function healthBreakdown(byHealth: Record<DeploymentHealth, number>): string {
  const parts = HEALTH_ORDER.filter((h) => byHealth[h] > 0).map((h) => `${byHealth[h]} ${h}`);
  return parts.length > 0 ? parts.join(', ') : 'none';
}

export function isUnhealthy(d: ReportDeployment): boolean {
  return d.health === 'failing' || d.health === 'degraded' || d.health === 'unknown';
}
