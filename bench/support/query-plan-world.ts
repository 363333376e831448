import type { Scenario } from '../../lib/sandbox/scenario';
import { generateScenario } from './scenario';

/**
 * The query-plan world: 2 workspaces × 2 namespaces × 5 label keys = 20 groups, 10 watches per group (one label
 * value each, half of them narrowed by `env = prod` on the client side), so 200 watches plan into 20 calls.
 */
export const WORKSPACES = ['ws-a', 'ws-b'] as const;
export const NAMESPACES = ['ns-1', 'ns-2'] as const;
export const LABEL_KEYS = ['team', 'app', 'tier', 'owner', 'pipeline'] as const;
export const GROUPS = WORKSPACES.length * NAMESPACES.length * LABEL_KEYS.length;
export const VALUES_PER_GROUP = 10;
export const WATCHES = GROUPS * VALUES_PER_GROUP;
export const DEPLOYMENTS = 4_000;

interface Group {
  workspace: string;
  namespace: string;
  labelKey: string;
}

function group(index: number): Group {
  const g = index % GROUPS;
  return {
    workspace: WORKSPACES[g % WORKSPACES.length]!,
    namespace: NAMESPACES[Math.floor(g / WORKSPACES.length) % NAMESPACES.length]!,
    labelKey: LABEL_KEYS[Math.floor(g / (WORKSPACES.length * NAMESPACES.length))]!,
  };
}

/** Deployment i belongs to group i % 20 and carries value `v<n>` of that group's key, n = ⌊i / 20⌋ mod 10. */
export function queryPlanScenario(): Scenario {
  return generateScenario('query-plan', DEPLOYMENTS, 4, (i) => {
    const { workspace, namespace, labelKey } = group(i);
    const value = `v${Math.floor(i / GROUPS) % VALUES_PER_GROUP}`;
    const failing = i % 40 === 0;
    return {
      workspace,
      namespace,
      labels: { [labelKey]: value, env: i % 3 === 0 ? 'staging' : 'prod' },
      timeline: failing
        ? [
            { at: 0, running: 1, failed: i % 4 },
            { at: 2, running: 0, failed: (i % 4) + 1 },
          ]
        : [{ at: 0, running: 1, failed: i % 4 }],
    };
  });
}

export interface BenchWatch {
  name: string;
  workspace: string;
  namespace: string;
  selector: string;
}

export function queryPlanWatches(): BenchWatch[] {
  return Array.from({ length: WATCHES }, (_, w) => {
    const g = w % GROUPS;
    const valueIndex = Math.floor(w / GROUPS);
    const { workspace, namespace, labelKey } = group(g);
    const narrow = valueIndex % 2 === 1 ? ', env = prod' : '';
    return { name: `w${g}-${valueIndex}`, workspace, namespace, selector: `${labelKey} = v${valueIndex}${narrow}` };
  });
}

/** The config a user would write for this world; credentials come from the env the bench passes. */
export function queryPlanConfigYaml(endpoint: string, concurrency: number): string {
  const watches = queryPlanWatches()
    .map(
      (w) => `  - { name: ${w.name}, workspace: ${w.workspace}, namespace: ${w.namespace}, selector: "${w.selector}" }`,
    )
    .join('\n');
  return `
flink:
  region: cn-hangzhou
  endpoint: "${endpoint}"
  protocol: http
  concurrency: ${concurrency}
  timeout: 10s
  accessKeyId: \${env:BENCH_ACCESS_KEY_ID}
  accessKeySecret: \${env:BENCH_ACCESS_KEY_SECRET}
watches:
${watches}
rules:
  - { name: job-not-running, when: 'running < 1 && executionMode == "STREAMING"', for: 2m, severity: critical }
  - { name: job-failed, when: increase.failed > 0, severity: critical }
  - { name: restart-storm, when: 'increaseIn("1h").failed >= 2', severity: warning }
state: { type: memory }
report: { auth: none }
tickTimeout: 60s
`;
}
