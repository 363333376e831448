import type { AlertStatus } from '../alerts/types';
import type { JobSummary } from '../flink/types';
import type { DeploymentHealth } from './model';

/** Worst first: the order tables and charts use. */
export const HEALTH_ORDER: readonly DeploymentHealth[] = ['failing', 'degraded', 'unknown', 'healthy', 'idle'];

export function emptyHealthCounts(): Record<DeploymentHealth, number> {
  return { failing: 0, degraded: 0, unknown: 0, healthy: 0, idle: 0 };
}

export interface HealthInput {
  executionMode: string;
  jobSummary: JobSummary | null;
  /** The deployment's active (firing or pending) alerts. */
  alerts: ReadonlyArray<{ severity: string; status: AlertStatus }>;
}

/**
 * Batch deployments finish by design; streaming ones are meant to keep a job running. A deployment whose answer did
 * not say its mode is treated as streaming (Flink's default), so a missing field never hides a stopped job.
 */
export function expectsRunningJob(executionMode: string): boolean {
  return executionMode.toUpperCase() !== 'BATCH';
}

/**
 * How one deployment looks to a person, first match wins:
 * 1. `failing`: a critical alert fires;
 * 2. `unknown`: no usable job summary (nothing to judge by);
 * 3. `failing`: a streaming deployment with no running job and none starting;
 * 4. `degraded`: a non-critical alert fires, any alert is pending, or a streaming deployment's job is still starting;
 * 5. `idle`: a batch deployment with no running job (finished, cancelled or never started — not expected to run);
 * 6. `healthy` otherwise.
 */
export function classifyHealth(input: HealthInput): DeploymentHealth {
  const firing = input.alerts.filter((a) => a.status === 'firing');
  if (firing.some((a) => a.severity === 'critical')) return 'failing';
  const summary = input.jobSummary;
  if (summary === null) return 'unknown';
  const streaming = expectsRunningJob(input.executionMode);
  if (streaming && summary.running < 1 && summary.starting < 1) return 'failing';
  if (firing.length > 0 || input.alerts.some((a) => a.status === 'pending')) return 'degraded';
  if (streaming && summary.running < 1) return 'degraded';
  if (summary.running < 1) return 'idle';
  return 'healthy';
}
