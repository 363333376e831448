import type { Deployment, WatchResult } from '../flink/types';
import { buildDeploymentFacts, recordSample } from '../rules/facts';
import type { DeploymentHistory } from '../rules/types';

export function deploymentKey(d: Pick<Deployment, 'workspace' | 'namespace' | 'deploymentId'>): string {
  return `${d.workspace}/${d.namespace}/${d.deploymentId}`;
}

export type Facts = ReturnType<typeof buildDeploymentFacts>;

/** What the tick saw, per watch, turned into rule inputs. */
export interface Observation {
  /** Per watch: the facts of its deployments with a usable job summary. */
  facts: Map<string, Facts[]>;
  /** Per watch: keys of every deployment it selected (usable or not). */
  selected: Map<string, Set<string>>;
  /** Keys of deployments whose job summary was unusable: their alerts are held, not resolved. */
  unusable: Set<string>;
  /** Deployment by key, for labels and links. */
  deployments: Map<string, Deployment>;
  histories: Record<string, DeploymentHistory>;
  skipped: Array<{ watch: string; deployment: string; reason: string }>;
}

/**
 * Turn the watches' answers and the remembered histories into facts, and record this tick's samples. A deployment
 * seen by several watches gets one sample per tick (the first watch records it).
 */
export function observe(input: {
  results: Map<string, WatchResult>;
  histories: Record<string, DeploymentHistory>;
  now: number;
  windowsMs: number[];
  keepMs: number;
}): Observation {
  const { results, now, windowsMs, keepMs } = input;
  const histories: Record<string, DeploymentHistory> = { ...input.histories };
  const previous = input.histories;
  const watchesOf = new Map<string, string[]>();
  const obs: Observation = {
    facts: new Map(),
    selected: new Map(),
    unusable: new Set(),
    deployments: new Map(),
    histories,
    skipped: [],
  };
  for (const [watch, result] of results) {
    if (!result.ok) continue;
    const facts: Facts[] = [];
    const selected = new Set<string>();
    for (const skipped of result.skipped) {
      obs.skipped.push({ watch, deployment: skipped.name ?? skipped.deploymentId ?? '?', reason: skipped.reason });
    }
    for (const deployment of result.deployments) {
      const key = deploymentKey(deployment);
      selected.add(key);
      obs.deployments.set(key, deployment);
      watchesOf.set(key, [...(watchesOf.get(key) ?? []), watch]);
      if (!deployment.jobSummary) {
        obs.unusable.add(key);
        obs.skipped.push({
          watch,
          deployment: deployment.name,
          reason: deployment.jobSummaryProblem ?? 'no usable jobSummary',
        });
        continue;
      }
      facts.push(buildDeploymentFacts({ deployment, watch, history: previous[key], now, windowsMs }));
    }
    obs.facts.set(watch, facts);
    obs.selected.set(watch, selected);
  }
  for (const [key, watches] of watchesOf) {
    const deployment = obs.deployments.get(key);
    if (!deployment?.jobSummary) continue;
    histories[key] = recordSample(previous[key], { deployment, watches, now, keepMs });
  }
  return obs;
}
