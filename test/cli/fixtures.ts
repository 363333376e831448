import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseScenario, type Scenario } from '../../lib/sandbox/scenario';
import { SANDBOX_ACCESS_KEY_ID, SANDBOX_ACCESS_KEY_SECRET } from '../helpers/sandbox';
import { REPO_ROOT } from './cli-process';

/** The key pair examples/sandbox.yaml references through `${env:…}`. */
export const SANDBOX_ENV = {
  ALIBABA_CLOUD_ACCESS_KEY_ID: SANDBOX_ACCESS_KEY_ID,
  ALIBABA_CLOUD_ACCESS_KEY_SECRET: SANDBOX_ACCESS_KEY_SECRET,
};

export interface TempDir {
  path: string;
  file(name: string): string;
  write(name: string, text: string): Promise<string>;
  remove(): Promise<void>;
}

export async function tempDir(prefix: string): Promise<TempDir> {
  const path = await mkdtemp(join(tmpdir(), `flink-watch-cli-${prefix}-`));
  return {
    path,
    file: (name) => join(path, name),
    write: async (name, text) => {
      await writeFile(join(path, name), text);
      return join(path, name);
    },
    remove: () => rm(path, { recursive: true, force: true }),
  };
}

/** examples/sandbox.yaml pointed at a running sandbox, a state file and a webhook stand-in; nothing else changed. */
export async function exampleSandboxConfig(o: {
  endpoint: string;
  statePath: string;
  hookUrl: string;
}): Promise<string> {
  const text = await readFile(join(REPO_ROOT, 'examples', 'sandbox.yaml'), 'utf8');
  const replaced = text
    .replace('endpoint: 127.0.0.1:18080', `endpoint: "${o.endpoint}"`)
    .replace('path: .flink-watch/sandbox-state.json', `path: "${o.statePath}"`)
    .replace('url: http://127.0.0.1:9099/alerts', `url: "${o.hookUrl}"`);
  for (const value of [o.endpoint, o.statePath, o.hookUrl]) {
    if (!replaced.includes(value)) throw new Error(`examples/sandbox.yaml changed shape: could not place ${value}`);
  }
  return replaced;
}

/**
 * A small world for CLI tests, in workspace ws-x, all labelled team=pay: alpha and beta are down from the start
 * (alpha's job failed), gamma runs; from step 1 everything runs again.
 */
export const CLI_SCENARIO_YAML = `
name: cli
steps: 3
deployments:
  - id: dep-alpha
    name: alpha
    workspace: ws-x
    labels: { team: pay }
    timeline:
      - { at: 0, running: 0, failed: 1 }
      - { at: 1, running: 1 }
  - id: dep-beta
    name: beta
    workspace: ws-x
    labels: { team: pay }
    timeline:
      - { at: 0, running: 0 }
      - { at: 1, running: 1 }
  - id: dep-gamma
    name: gamma
    workspace: ws-x
    labels: { team: pay }
    timeline:
      - { at: 0, running: 1 }
`;

export function cliScenario(): Scenario {
  return parseScenario(CLI_SCENARIO_YAML, 'cli-scenario.yaml');
}

/** A configuration for CLI_SCENARIO_YAML: one watch, a rule that fires at once and one that waits 10 minutes. */
export function cliConfig(o: { endpoint: string; state: string; receivers: string; extra?: string }): string {
  return `
flink:
  region: cn-hangzhou
  endpoint: "${o.endpoint}"
  protocol: http
  accessKeyId: \${env:ALIBABA_CLOUD_ACCESS_KEY_ID}
  accessKeySecret: \${env:ALIBABA_CLOUD_ACCESS_KEY_SECRET}
  timeout: 5s
  maxAttempts: 2
watches:
  - name: pay
    workspace: ws-x
    selector: "team = pay"
rules:
  - name: down
    when: 'running < 1 && executionMode == "STREAMING"'
    severity: critical
    summary: "{{ name }} has no running job"
  - name: down-long
    when: 'running < 1'
    for: 10m
    severity: warning
receivers:
${o.receivers}
alerting:
  repeatInterval: 1h
state: ${o.state}
report: { auth: none }
tickTimeout: 20s
${o.extra ?? ''}
`;
}
