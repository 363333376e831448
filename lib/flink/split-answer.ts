import type { PlannedCall, PlannedWatch } from './plan';
import { SelectorPlanError } from './selector-errors';
import { matchesSelector } from './selector-match';
import { serverTerm } from './selector-term';
import type { AnswerEntry, Deployment, SkippedDeployment } from './types';

export interface WatchShare {
  deployments: Deployment[];
  skipped: SkippedDeployment[];
}

export interface SplitAnswer {
  /** Per watch of the call. */
  shares: Map<string, WatchShare>;
  /** Deployments whose odd fields were normalised, and how. */
  notes: Array<{ deploymentId: string; notes: string[] }>;
  /** Everything the answer carried that could not be used, before being handed to watches. */
  skipped: SkippedDeployment[];
  /** Deployments listed more than once in the answer (kept once). */
  duplicates: number;
}

function ownValue(labels: Record<string, string>, key: string): string | undefined {
  return Object.hasOwn(labels, key) ? labels[key] : undefined;
}

/**
 * Hands each watch of a call the deployments its full selector matches, in answer order,
 * each deployment once. A watch can only match deployments whose value of the call's key is one of its own server
 * values, so deployments are routed by that value instead of testing every watch against every deployment.
 */
export function splitAnswer(
  call: PlannedCall,
  entries: readonly AnswerEntry[],
  watches: readonly PlannedWatch[],
): SplitAnswer {
  const key = call.query.labelKey;
  const interested = new Map<string, PlannedWatch[]>();
  const shares = new Map<string, WatchShare>();
  const seen = new Map<string, Set<string>>();
  for (const watch of watches) {
    shares.set(watch.name, { deployments: [], skipped: [] });
    seen.set(watch.name, new Set());
    const term = serverTerm(watch.selector);
    if (term.key !== key) {
      // Routing by the call's key would hand this watch nothing: fail loudly instead of looking empty.
      throw new SelectorPlanError(`the plan asks by "${key}" but the selector selects by "${term.key}"`, {
        watch: watch.name,
      });
    }
    for (const value of term.values) {
      const list = interested.get(value);
      if (list === undefined) interested.set(value, [watch]);
      else list.push(watch);
    }
  }
  const result: SplitAnswer = { shares, notes: [], skipped: [], duplicates: 0 };
  const answerIds = new Set<string>();
  for (const entry of entries) {
    if (!entry.ok) {
      result.skipped.push(entry.skipped);
      // Show the skipped entry to the watches it would have belonged to; when its labels are unreadable, to all.
      const labels = entry.labels ?? {};
      const value = ownValue(labels, key);
      const owners = value === undefined ? watches : (interested.get(value) ?? []);
      for (const watch of owners) {
        if (value === undefined || matchesSelector(watch.selector, labels)) {
          shares.get(watch.name)?.skipped.push(entry.skipped);
        }
      }
      continue;
    }
    const { deployment, notes } = entry;
    if (notes.length > 0) result.notes.push({ deploymentId: deployment.deploymentId, notes });
    if (answerIds.has(deployment.deploymentId)) result.duplicates++;
    answerIds.add(deployment.deploymentId);
    const value = ownValue(deployment.labels, key);
    if (value === undefined) continue;
    for (const watch of interested.get(value) ?? []) {
      if (!matchesSelector(watch.selector, deployment.labels)) continue;
      const ids = seen.get(watch.name)!;
      // Per watch, so that each watch keeps the first listing its own selector matches.
      if (ids.has(deployment.deploymentId)) continue;
      ids.add(deployment.deploymentId);
      shares.get(watch.name)!.deployments.push(deployment);
    }
  }
  return result;
}
