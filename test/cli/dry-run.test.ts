import { readFile, stat } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../../lib/sandbox';
import { startWebhookServer, type WebhookServer } from '../helpers/webhook-server';
import { CLI_TEST_TIMEOUT_MS, onlyJson, runCli } from './cli-process';
import { cliConfig, cliScenario, SANDBOX_ENV, type TempDir, tempDir } from './fixtures';

async function snapshot(path: string): Promise<{ text: string; mtimeMs: number }> {
  const [text, info] = await Promise.all([readFile(path, 'utf8'), stat(path)]);
  return { text, mtimeMs: info.mtimeMs };
}

describe('flink-watch run --dry-run', { timeout: CLI_TEST_TIMEOUT_MS * 3 }, () => {
  let sandbox: Sandbox;
  let hook: WebhookServer;
  let dir: TempDir;
  let config: string;
  let statePath: string;

  beforeAll(async () => {
    sandbox = await startSandbox({ scenario: cliScenario(), port: 0 });
    hook = await startWebhookServer();
    dir = await tempDir('dry-run');
    statePath = dir.file('state/state.json');
    config = await dir.write(
      'config.yaml',
      cliConfig({
        endpoint: sandbox.endpoint,
        state: `{ type: file, path: "${statePath}" }`,
        receivers: `  hook: { type: webhook, url: "${hook.url}/alerts" }\n  terminal: { type: console }`,
      }),
    );
  });
  afterAll(async () => {
    await sandbox?.close();
    await hook?.close();
    await dir?.remove();
  });

  it('prints what would be sent, sends nothing and saves no state; a real run then sends and saves', async () => {
    const dry = await runCli(['run', '--config', config, '--dry-run'], { env: SANDBOX_ENV });
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('would send (dry run, nothing sent):');
    expect(dry.stdout).toMatch(/^ {2}-> hook: .*down.*\(\d+ bytes\)$/m);
    expect(dry.stdout).toMatch(/^ {2}-> terminal: /m);
    expect(dry.stdout).toMatch(/^dry run at /m);
    // The console receiver would print "[terminal] FIRING …" had it been sent.
    expect(dry.stdout).not.toContain('[terminal]');
    expect(hook.requests).toHaveLength(0);
    await expect(stat(statePath)).rejects.toMatchObject({ code: 'ENOENT' });

    // The same configuration without --dry-run does send and save: the dry run above could have failed.
    const real = await runCli(['run', '--config', config, '--json'], { env: SANDBOX_ENV });
    expect(real.code).toBe(0);
    const summary = onlyJson(real.stdout);
    expect(summary).toMatchObject({ dryRun: false, notifications: { sent: 2, failed: 0 } });
    expect(summary).not.toHaveProperty('wouldSend');
    // The console receiver's message goes to stderr in --json mode, so stdout stays one JSON object.
    expect(real.stderr).toContain('[terminal] FIRING');
    expect(hook.requests).toHaveLength(1);
    const body = JSON.parse(hook.requests[0]?.body ?? '{}') as { alerts: Array<{ labels: Record<string, string> }> };
    expect(body.alerts.map((a) => `${a.labels.alertname}/${a.labels.deployment}`).sort()).toEqual([
      'down/alpha',
      'down/beta',
    ]);
    const saved = await snapshot(statePath);

    // A later dry run, when the alerts resolve: it would send the resolved notice, but sends nothing and the state
    // file stays byte for byte (and its modification time) as the real run left it.
    sandbox.setStep(1);
    const again = await runCli(['run', '--config', config, '--dry-run', '--json'], { env: SANDBOX_ENV });
    expect(again.code).toBe(0);
    const dryJson = onlyJson(again.stdout);
    expect(dryJson.dryRun).toBe(true);
    expect(dryJson.notifications).toMatchObject({ sent: 0, queued: 0 });
    const wouldSend = dryJson.wouldSend as Array<{ receiver: string; summary: string }>;
    expect(wouldSend.map((m) => m.receiver).sort()).toEqual(['hook', 'terminal']);
    expect(wouldSend.every((m) => m.summary.includes('resolved'))).toBe(true);
    expect(hook.requests).toHaveLength(1);
    expect(await snapshot(statePath)).toEqual(saved);
  });
});
