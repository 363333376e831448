import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { JobSummary } from '../flink/types';
import { ScenarioError } from './errors';
import { validateScenario } from './scenario-validate';

/** A label value as the API answers it: usually a string, sometimes a number or boolean (`"test2": 1`). */
export type LabelValue = string | number | boolean;

/** One change in a deployment's timeline, taking effect at step `at` and lasting until the next change. */
export interface ScenarioChange {
  at: number;
  /** Counts not given keep their previous value. */
  counts: Partial<JobSummary>;
  /** `false`: the deployment disappears from answers; `true`: it comes back. */
  present?: boolean;
  /** Label changes: a value sets the label, `null` removes it. */
  labels?: Record<string, LabelValue | null>;
}

export interface ScenarioDeployment {
  id: string;
  name: string;
  workspace: string;
  namespace: string;
  labels: Record<string, LabelValue>;
  executionMode: 'STREAMING' | 'BATCH';
  engineVersion: string;
  /** Epoch seconds. */
  createdAt: number;
  deploymentHasChanged: boolean;
  /** Sorted by `at`, strictly increasing. */
  timeline: ScenarioChange[];
}

/**
 * A replayable world of deployments. Steps count from 0. With `loop`, the timeline wraps after `steps` steps;
 * history counts (`failed`, `finished`, `cancelled`) keep growing across loops so that they never go down.
 */
export interface Scenario {
  name: string;
  description: string;
  /** Where it was read from (file path or a label), used in messages. */
  source: string;
  loop: boolean;
  /** Steps in one pass of the timeline. */
  steps: number;
  deployments: ScenarioDeployment[];
}

/** Parses and validates scenario YAML; throws `ScenarioError` naming every problem with its path. */
export function parseScenario(text: string, source: string): Scenario {
  let doc: unknown;
  try {
    doc = parseYaml(text, { prettyErrors: true, uniqueKeys: true });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    throw new ScenarioError(source, [`not valid YAML: ${message}`], { cause: err });
  }
  const fallbackName = basename(source, extname(source)) || 'scenario';
  return validateScenario(doc, source, fallbackName);
}

export async function loadScenarioFile(path: string): Promise<Scenario> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new ScenarioError(path, [`cannot read the file: ${reason}`], { cause: err });
  }
  return parseScenario(text, path);
}
