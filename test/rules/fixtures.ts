import type { RuleConfig } from '../../lib/config/types';
import type { Deployment, JobSummary } from '../../lib/flink/types';
import { buildDeploymentFacts } from '../../lib/rules/facts';
import type { DeploymentFactsWithWindows } from '../../lib/rules/types';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const T0 = Date.UTC(2024, 5, 1, 12, 0, 0);

export function summary(partial: Partial<JobSummary> = {}): JobSummary {
  return { starting: 0, running: 0, cancelling: 0, cancelled: 0, finished: 0, failed: 0, ...partial };
}

export function rule(name: string, when: string, extra: Partial<RuleConfig> = {}): RuleConfig {
  return { name, when, scope: 'deployment', forMs: 0, severity: 'critical', watches: [], labels: {}, ...extra };
}

export function deployment(partial: Partial<Deployment> = {}): Deployment {
  return {
    deploymentId: 'd-1',
    name: 'orders-enrich',
    namespace: 'default-namespace',
    workspace: 'a14bd5d90a',
    labels: { team: 'payments', env: 'prod' },
    executionMode: 'STREAMING',
    engineVersion: 'vvr-8.0.9-flink-1.17',
    deploymentHasChanged: false,
    createdAt: null,
    modifiedAt: null,
    jobSummary: summary({ running: 1 }),
    ...partial,
  };
}

/** Facts of a deployment seen for the first time (no history), with the given windows. */
export function firstFacts(
  partial: Partial<Deployment> = {},
  watch = 'payments',
  windowsMs: number[] = [],
): DeploymentFactsWithWindows {
  return buildDeploymentFacts({ deployment: deployment(partial), watch, history: undefined, now: T0, windowsMs });
}
