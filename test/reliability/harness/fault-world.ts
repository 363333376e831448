// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${env:NAME} is the configuration's reference syntax.
import { parseScenario, type Scenario } from '../../../lib/sandbox/scenario';
import { scenarioAtStep } from '../../../lib/sandbox/scenario-timeline';
import { SECRETS } from './secrets';

/**
 * The fault world: two watches in two workspaces. orders-etl (payments) fails at step 1 and recovers at step 3;
 * risk-score (risk) fails at step 2 and recovers at step 4; ledger-sync never changes. With the two rules below a
 * clean run notifies exactly eight alert events per receiver: firing and resolved of job-failed and
 * job-not-running for each failing deployment.
 */
export const WORLD_YAML = `
name: reliability
steps: 5
deployments:
  - id: dep-orders
    name: orders-etl
    workspace: ws-pay
    labels: { team: payments }
    timeline:
      - { at: 0, running: 1, failed: 1 }
      - { at: 1, running: 0, failed: 2 }
      - { at: 3, running: 1 }
  - id: dep-ledger
    name: ledger-sync
    workspace: ws-pay
    labels: { team: payments }
    timeline:
      - { at: 0, running: 1, cancelled: 3 }
  - id: dep-risk
    name: risk-score
    workspace: ws-risk
    labels: { team: risk }
    timeline:
      - { at: 0, running: 1 }
      - { at: 2, running: 0, failed: 1 }
      - { at: 4, running: 1 }
`;

export function worldScenario(): Scenario {
  return parseScenario(WORLD_YAML, 'reliability-world.yaml');
}

export const WATCH_OF: Readonly<Record<string, string>> = {
  'orders-etl': 'payments',
  'ledger-sync': 'payments',
  'risk-score': 'risk',
};

/** The eight events a clean run delivers to each receiver. */
export const EXPECTED_RULE_EVENTS: readonly string[] = ['orders-etl', 'risk-score'].flatMap((d) =>
  ['firing', 'resolved'].flatMap((s) => [`${s} job-failed ${d}`, `${s} job-not-running ${d}`]),
);

export const RULE_NAMES = new Set(['job-failed', 'job-not-running']);

/** The world's truth at a step, read from the scenario (not from the code under test). */
export function countsAt(scenario: Scenario, step: number, deployment: string): { running: number; failed: number } {
  const d = scenarioAtStep(scenario, step).find((x) => x.deployment.name === deployment);
  if (!d) throw new Error(`no deployment ${deployment} in the world`);
  return { running: d.jobSummary.running, failed: d.jobSummary.failed };
}

export interface WorldEnv {
  [name: string]: string;
}

/** Environment the configuration's references resolve from; URLs point at the local stand-ins. */
export function worldEnv(input: { hookUrl: string; dingUrl: string; dingSecret?: string }): WorldEnv {
  return {
    REL_ACCESS_KEY_ID: SECRETS.accessKeyId,
    REL_ACCESS_KEY_SECRET: SECRETS.accessKeySecret,
    REL_REPORT_TOKEN: SECRETS.reportToken,
    REL_HOOK_URL: `${input.hookUrl}/alerts?token=${SECRETS.hookToken}`,
    REL_DING_URL: `${input.dingUrl}/robot/send?access_token=${SECRETS.dingToken}`,
    REL_DING_SECRET: input.dingSecret ?? SECRETS.dingSecret,
  };
}

export interface WorldConfigOptions {
  endpoint: string;
  statePath: string;
  flinkTimeout?: string;
  maxAttempts?: number;
  tickTimeout?: string;
  receiverTimeout?: string;
}

/**
 * Two receivers get every alert: `hook` (Alertmanager-format JSON) and `ding` (DingTalk, signed, with a keyword and a
 * one-line template the ledger can read back). Delivery retries inside a tick wait 0 ms (the runner draws jitter 0).
 */
export function worldConfigYaml(o: WorldConfigOptions): string {
  return `
flink:
  region: cn-hangzhou
  endpoint: "${o.endpoint}"
  protocol: http
  accessKeyId: \${env:REL_ACCESS_KEY_ID}
  accessKeySecret: \${env:REL_ACCESS_KEY_SECRET}
  timeout: ${o.flinkTimeout ?? '2s'}
  maxAttempts: ${o.maxAttempts ?? 2}
watches:
  - { name: payments, workspace: ws-pay, selector: "team = payments" }
  - { name: risk, workspace: ws-risk, selector: "team = risk" }
rules:
  - { name: job-failed, when: increase.failed > 0, severity: critical }
  - { name: job-not-running, when: 'running < 1 && executionMode == "STREAMING"', severity: critical }
receivers:
  hook: { type: webhook, url: "\${env:REL_HOOK_URL}", timeout: ${o.receiverTimeout ?? '1s'} }
  ding:
    type: dingtalk
    url: "\${env:REL_DING_URL}"
    secret: "\${env:REL_DING_SECRET}"
    keyword: flink
    timeout: ${o.receiverTimeout ?? '1s'}
    template: "EVT {{ alert.status }} {{ alert.name }} {{ alert.deployment }}"
state: { type: file, path: ${JSON.stringify(o.statePath)} }
report: { auth: token, token: "\${env:REL_REPORT_TOKEN}" }
tickTimeout: ${o.tickTimeout ?? '4s'}
`;
}
