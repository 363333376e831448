import { describe, expect, it } from 'vitest';
import type { Scenario, ScenarioDeployment } from '../../lib/sandbox/scenario';
import { startSandbox } from '../../lib/sandbox/server';
import { deployedMonitor } from '../helpers/deployed-function';
import { startWebhookServer } from '../helpers/webhook-server';
import { bundleFixture, killNow, nextMessage, startChild } from './harness/child';
import { recordMeasure } from './harness/results';
import { SECRETS } from './harness/secrets';

const DEPLOYMENTS = 50_000;

/**
 * The monitor function's memory in s.yaml (256 MB): a tick over 50 000 deployments must fit in it, run with the
 * function's own NODE_OPTIONS (its heap limits). The measured peak is printed and recorded.
 */
const TEAMS = ['payments', 'risk', 'search', 'ads', 'growth'];

/** 50 000 deployments in one workspace; 2 % fail at step 1 (a thousand alerts fire) and recover at step 2. */
function bigWorld(): Scenario {
  const deployments: ScenarioDeployment[] = Array.from({ length: DEPLOYMENTS }, (_, i) => ({
    id: `00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`,
    name: `job-${i}`,
    workspace: 'ws-big',
    namespace: 'default-namespace',
    labels: { team: TEAMS[i % TEAMS.length]!, env: i % 4 === 3 ? 'staging' : 'prod' },
    executionMode: 'STREAMING',
    engineVersion: 'vvr-8.0.9-flink-1.17',
    createdAt: 1_714_058_507 + i,
    deploymentHasChanged: false,
    timeline:
      i % 50 === 0
        ? [
            { at: 0, counts: { running: 1, failed: i % 4 } },
            { at: 1, counts: { running: 0, failed: (i % 4) + 1 } },
            { at: 2, counts: { running: 1 } },
          ]
        : [{ at: 0, counts: { running: 1, failed: i % 4, cancelled: i % 3 } }],
  }));
  return {
    name: 'big',
    description: '50 000 deployments',
    source: 'memory.test.ts',
    loop: false,
    steps: 3,
    deployments,
  };
}

const configYaml = (endpoint: string, hookUrl: string) => `
flink:
  region: cn-hangzhou
  endpoint: "${endpoint}"
  protocol: http
  accessKeyId: \${env:REL_ACCESS_KEY_ID}
  accessKeySecret: \${env:REL_ACCESS_KEY_SECRET}
  timeout: 60s
watches:
  - { name: all-prod, workspace: ws-big, selector: "team in (${TEAMS.join(', ')}), env = prod" }
  - { name: staging, workspace: ws-big, selector: "team in (${TEAMS.join(', ')}), env = staging" }
rules:
  - { name: job-failed, when: increase.failed > 0, severity: critical }
  - { name: job-not-running, when: 'running < 1 && executionMode == "STREAMING"', severity: critical }
  - { name: restart-storm, when: 'increaseIn("1h").failed >= 2', severity: warning }
receivers:
  hook: { type: webhook, url: "${hookUrl}", timeout: 30s, maxAlerts: 200 }
report: { auth: none }
tickTimeout: 150s
`;

describe('memory: a tick over 50 000 deployments', () => {
  // Two ticks of 5–15 s each on a 2-core machine; the bound leaves room for a busy one.
  it("fits in the monitor function's memory, run by plain node with the function's NODE_OPTIONS", {
    timeout: 240_000,
  }, async () => {
    const { memoryMib: limitMib, nodeFlags } = deployedMonitor();
    const sandbox = await startSandbox({
      scenario: bigWorld(),
      accessKeys: { [SECRETS.accessKeyId]: SECRETS.accessKeySecret },
    });
    const hook = await startWebhookServer();
    const bundle = await bundleFixture('memory-child.ts');
    const child = await startChild(bundle, 30_000, nodeFlags);
    try {
      const now = Date.UTC(2025, 5, 2, 8, 0, 0);
      // The child runs each tick when the sandbox is at that step: one message per tick keeps them in step.
      const ticks: Array<{ ms: number; evaluated: number; firing: number; sent: number; errors: string[] }> = [];
      let maxRssKb = 0;
      let startRssKb = 0;
      for (const step of [0, 1]) {
        sandbox.setStep(step);
        child.send({
          type: 'run',
          yaml: configYaml(sandbox.endpoint, `${hook.url}/alerts`),
          env: { REL_ACCESS_KEY_ID: SECRETS.accessKeyId, REL_ACCESS_KEY_SECRET: SECRETS.accessKeySecret },
          nows: [now + step * 60_000],
        });
        const done = await nextMessage(child, 150_000);
        if (done.type !== 'done') throw new Error(`the tick failed: ${String(done['error'])}`);
        ticks.push(...(done['ticks'] as typeof ticks));
        maxRssKb = Math.max(maxRssKb, Number(done['maxRssKb']));
        startRssKb ||= Number(done['startRssKb']);
      }
      const peakMib = maxRssKb / 1024;
      const line =
        `tick over ${DEPLOYMENTS} deployments: peak RSS ${peakMib.toFixed(0)} MiB (function memory: ${limitMib} MiB, ` +
        `${nodeFlags.join(' ')}; ` +
        `${(startRssKb / 1024).toFixed(0)} MiB after loading), ticks ${ticks.map((t) => `${t.ms} ms`).join(' / ')}, ` +
        `${ticks[1]?.firing ?? 0} alerts firing at the failure step`;
      console.log(line);
      recordMeasure('memory', line);
      for (const t of ticks) expect(t.errors).toEqual([]);
      expect(ticks[0]?.evaluated).toBe(DEPLOYMENTS);
      expect(ticks[1]?.firing).toBeGreaterThanOrEqual(DEPLOYMENTS / 50);
      expect(hook.requests.length).toBeGreaterThan(0);
      expect(peakMib).toBeLessThanOrEqual(limitMib);
    } finally {
      await killNow(child);
      await bundle.remove();
      await hook.close();
      await sandbox.close();
    }
  });
});
