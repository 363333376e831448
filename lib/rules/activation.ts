import { DeploymentActivation, JobCounts, type WatchActivation } from './cel-values';
import type { DeploymentFacts, WindowedIncreases } from './types';

const NO_WINDOWS: ReadonlyMap<string, JobCounts> = new Map();

/**
 * The one place facts become a CEL activation. Build it once per deployment and evaluate every rule against it:
 * the counts are converted to CEL integers here, not per rule.
 */
export function deploymentActivation(facts: DeploymentFacts & { windows?: WindowedIncreases }): DeploymentActivation {
  let windows = NO_WINDOWS;
  if (facts.windows) {
    const map = new Map<string, JobCounts>();
    for (const label in facts.windows) {
      const summary = facts.windows[label];
      if (summary) map.set(label, new JobCounts(summary));
    }
    windows = map;
  }
  return new DeploymentActivation(facts, windows);
}

/** The activation of a watch rule: the watch name and its deployments' activations (shared with the per-deployment rules). */
export function watchActivation(watch: string, deployments: readonly DeploymentActivation[]): WatchActivation {
  return { watch, deployments };
}
