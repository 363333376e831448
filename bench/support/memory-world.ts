import type { Scenario } from '../../lib/sandbox/scenario';
import { generateScenario } from './scenario';

/**
 * The memory world: one workspace with `count` deployments, label `team` spread over five values, so five watches
 * plan into a single call whose answer lists every deployment. 2% of the deployments fail and restart during the
 * six-step loop, 4% are batch jobs that finish runs, the rest run quietly.
 */
export const MEMORY_WORKSPACE = 'ws-big';
export const MEMORY_TEAMS = ['payments', 'risk', 'search', 'ads', 'growth'] as const;

export function memoryScenario(count: number): Scenario {
  return generateScenario('tick-memory', count, 6, (i) => {
    const failed = i % 4;
    const batch = i % 25 === 1;
    const labels = {
      team: MEMORY_TEAMS[i % MEMORY_TEAMS.length]!,
      env: i % 4 === 3 ? 'staging' : 'prod',
      ...(i % 10 === 0 ? { tier: 'critical' } : {}),
    };
    const timeline = batch
      ? [
          { at: 0, finished: i % 50 },
          { at: 1, running: 1 },
          { at: 3, running: 0, finished: (i % 50) + 1 },
        ]
      : i % 50 === 0
        ? [
            { at: 0, running: 1, failed, cancelled: i % 3 },
            { at: 2, running: 0, failed: failed + 1 },
            { at: 3, starting: 1 },
            { at: 4, starting: 0, running: 1 },
          ]
        : [{ at: 0, running: 1, failed, cancelled: i % 3 }];
    return {
      workspace: MEMORY_WORKSPACE,
      namespace: 'default-namespace',
      labels,
      executionMode: batch ? 'BATCH' : 'STREAMING',
      timeline,
    };
  });
}

/** The watch of the config below that selects deployment `index`, if any. */
export function memoryWatchOf(index: number): string | undefined {
  const team = MEMORY_TEAMS[index % MEMORY_TEAMS.length]!;
  const staging = index % 4 === 3;
  return (team === 'search' || team === 'growth') && staging ? undefined : team;
}

/** Five watches (two narrowed on the client side) and ten typical rules, two of them over windows. */
export function memoryConfigYaml(endpoint: string): string {
  return `
flink:
  region: cn-hangzhou
  endpoint: "${endpoint}"
  protocol: http
  timeout: 60s
  accessKeyId: \${env:BENCH_ACCESS_KEY_ID}
  accessKeySecret: \${env:BENCH_ACCESS_KEY_SECRET}
watches:
  - { name: payments, workspace: ${MEMORY_WORKSPACE}, selector: "team = payments" }
  - { name: risk, workspace: ${MEMORY_WORKSPACE}, selector: "team = risk" }
  - { name: search, workspace: ${MEMORY_WORKSPACE}, selector: "team = search, env = prod" }
  - { name: ads, workspace: ${MEMORY_WORKSPACE}, selector: "team = ads" }
  - { name: growth, workspace: ${MEMORY_WORKSPACE}, selector: "team = growth, env != staging" }
rules:
  - { name: job-not-running, when: 'running < 1 && executionMode == "STREAMING"', for: 2m, severity: critical }
  - { name: job-failed, when: increase.failed > 0, severity: critical }
  - { name: restart-storm, when: 'increaseIn("1h").failed >= 2', severity: warning }
  - { name: batch-failed, when: 'executionMode == "BATCH" && increaseIn("30m").failed > 0', severity: warning }
  - { name: stuck-starting, when: starting > 0, for: 3m, severity: warning }
  - name: critical-down
    when: 'has(labels.tier) && labels.tier == "critical" && running == 0 && executionMode == "STREAMING"'
    severity: critical
  - { name: job-cancelled, when: 'increase.cancelled > 0 && executionMode == "STREAMING"', severity: info }
  - { name: old-engine, when: 'engineVersion.startsWith("vvr-4")', severity: info }
  - { name: cancelling, when: cancelling > 0 || deploymentHasChanged, for: 5m, severity: warning }
  - { name: prod-flaky, when: '"env" in labels && labels.env == "prod" && failed > 100', severity: info }
state: { type: memory }
report: { auth: none }
tickTimeout: 120s
`;
}
