import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONFIG_CHECKS } from '../../lib/cli/config-checks';
import { parseConfigText } from '../../lib/config';
import { systemClock } from '../../lib/runtime/clock';
import { createDeadline } from '../../lib/runtime/deadline';
import { createLogger } from '../../lib/runtime/logger';
import type { Sandbox } from '../../lib/sandbox/server';
import { composeTick } from '../../lib/tick/compose';
import { runTick } from '../../lib/tick/run-tick';
import { startTestSandbox } from '../helpers/sandbox';
import { startWebhookServer, type WebhookServer } from '../helpers/webhook-server';

const T0 = Date.parse('2025-06-02T00:00:00Z');

describe('a monitor without API credentials', () => {
  let sandbox: Sandbox;
  let hook: WebhookServer;
  let dir: string;
  beforeAll(async () => {
    sandbox = await startTestSandbox();
    hook = await startWebhookServer();
    dir = await mkdtemp(join(tmpdir(), 'flink-watch-no-credentials-'));
  });
  afterAll(async () => {
    await Promise.all([sandbox.close(), hook.close(), rm(dir, { recursive: true, force: true })]);
  });

  it('still ticks, holds its alerts, and tells the receivers that its watches cannot be queried', async () => {
    // No flink.credentials, no function role, no ALIBABA_CLOUD_* variables.
    const yaml = `
flink: { region: cn-hangzhou, endpoint: "${sandbox.endpoint}", protocol: http }
watches:
  - { name: payments, workspace: ws-a, selector: "team = payments" }
rules:
  - { name: job-failed, when: increase.failed > 0, severity: critical }
receivers:
  hook: { type: webhook, url: "${hook.url}/alerts", timeout: 5s }
state: { type: file, path: ${JSON.stringify(join(dir, 'state.json'))} }
report: { auth: none }
`;
    const lines: string[] = [];
    const summaries = [];
    for (const tick of [0, 1]) {
      const loaded = parseConfigText(yaml, { format: 'yaml', env: {}, source: 'test', checks: CONFIG_CHECKS });
      const logger = createLogger({ level: 'info', sink: (line) => lines.push(line), secrets: loaded.secrets });
      const deps = composeTick(loaded, { logger, env: {}, consoleWrite: () => {} });
      const { summary } = await runTick(deps, {
        dryRun: false,
        now: T0 + tick * 60_000,
        deadline: createDeadline(10_000, systemClock),
      });
      summaries.push(summary);
    }
    expect(sandbox.requests).toEqual([]);
    for (const summary of summaries) {
      expect(summary.watches).toMatchObject({ queried: 1, ok: 0, failed: 1 });
      expect(summary.errors).toHaveLength(1);
      expect(summary.errors[0]).toMatch(/^watch payments: .* failed before its first attempt: MissingCredentials: /);
      expect(summary.errors[0]).toContain('no Alibaba Cloud access key found');
      expect(summary.errors[0]).toContain('give the function a role');
    }
    // The second failure in a row (the default threshold) fires WatchQueryFailing, with the reason.
    expect(summaries[1]?.alerts.firing).toBe(1);
    expect(hook.requests).toHaveLength(1);
    const payload = JSON.parse(hook.requests[0]?.body ?? '{}') as {
      alerts: Array<{ status: string; labels: Record<string, string>; annotations: Record<string, string> }>;
    };
    expect(payload.alerts).toHaveLength(1);
    expect(payload.alerts[0]).toMatchObject({ status: 'firing', labels: { alertname: 'WatchQueryFailing' } });
    expect(JSON.stringify(payload.alerts[0]?.annotations)).toContain('MissingCredentials');
  });
});
