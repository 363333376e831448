import { DeploymentActivation, type JobCounts, jobCounts, type WatchActivation } from './cel-values';
import type { DeploymentFacts, WindowedIncreases } from './types';

const NO_WINDOWS: Readonly<Record<string, JobCounts>> = Object.freeze({});

/**
 * The one place facts become a CEL activation. Build it once per deployment and evaluate every rule against it:
 * the counts are converted to CEL integers here, not per rule.
 */
export function deploymentActivation(facts: DeploymentFacts & { windows?: WindowedIncreases }): DeploymentActivation {
  let windows = NO_WINDOWS;
  if (facts.windows) {
    const converted: Record<string, JobCounts> = {};
    for (const label in facts.windows) {
      const summary = facts.windows[label];
      if (summary) converted[label] = jobCounts(summary);
    }
    windows = converted;
  }
  return new DeploymentActivation(facts, windows);
}

/** The activation of a watch rule: the watch name and its deployments' activations (shared with the per-deployment rules). */
export function watchActivation(watch: string, deployments: readonly DeploymentActivation[]): WatchActivation {
  return { watch, deployments };
}
