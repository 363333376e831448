import type { LabelValue, Scenario } from '../../lib/sandbox/scenario';
import { validateScenario } from '../../lib/sandbox/scenario-validate';

/** Where one generated deployment lives and what happens to it; the rest is filled in alike for all. */
export interface GeneratedDeployment {
  workspace: string;
  namespace: string;
  labels: Record<string, LabelValue>;
  executionMode?: 'STREAMING' | 'BATCH';
  /** Scenario changes as a YAML file writes them: `{ at: 0, running: 1, failed: 2 }`. */
  timeline: Array<Record<string, number | boolean>>;
}

/** A UUID-shaped id, unique per index, as the API's deployment ids look. */
export function deploymentId(index: number): string {
  return `00000000-0000-4000-8000-${index.toString(16).padStart(12, '0')}`;
}

/**
 * A scenario of `count` deployments, built as a YAML document would be and checked by the sandbox's own validator,
 * so the benches run against exactly what a scenario file could describe.
 */
export function generateScenario(
  name: string,
  count: number,
  steps: number,
  describe: (index: number) => GeneratedDeployment,
): Scenario {
  const deployments = Array.from({ length: count }, (_, index) => {
    const d = describe(index);
    return {
      id: deploymentId(index),
      name: `bench-job-${index}`,
      workspace: d.workspace,
      namespace: d.namespace,
      labels: d.labels,
      executionMode: d.executionMode ?? 'STREAMING',
      engineVersion: index % 7 === 0 ? 'vvr-6.0.7-flink-1.15' : 'vvr-8.0.9-flink-1.17',
      createdAt: 1714058507 + index,
      timeline: d.timeline,
    };
  });
  const doc = { name, description: `generated for a benchmark: ${count} deployments`, steps, loop: true, deployments };
  return validateScenario(doc, `bench:${name}`, name);
}
