import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebhookServer, type WebhookServer } from '../helpers/webhook-server';
import { CLI_TEST_TIMEOUT_MS, runCli } from './cli-process';
import { cliConfig, SANDBOX_ENV, type TempDir, tempDir } from './fixtures';

const URL_TOKEN = 'tok-9f3a1c77e2b54d0d';

describe('flink-watch test-receiver', { timeout: CLI_TEST_TIMEOUT_MS }, () => {
  let hook: WebhookServer;
  let dir: TempDir;
  let config: string;

  beforeAll(async () => {
    hook = await startWebhookServer({
      handler: (request) =>
        request.url.startsWith('/locked')
          ? { status: 401, body: '{"error":"unauthorized"}' }
          : { status: 200, body: '{"status":"success"}' },
    });
    dir = await tempDir('test-receiver');
    config = await dir.write(
      'config.yaml',
      cliConfig({
        // Never queried: test-receiver talks to the receiver only.
        endpoint: '127.0.0.1:9',
        state: '{ type: memory }',
        receivers: [
          `  hook: { type: webhook, url: "${hook.url}/alerts" }`,
          `  locked: { type: webhook, url: "${hook.url}/locked?token=${URL_TOKEN}" }`,
        ].join('\n'),
      }),
    );
  });
  afterAll(async () => {
    await hook?.close();
    await dir?.remove();
  });

  it.concurrent('delivers a test message and prints what the receiver answered', async () => {
    const result = await runCli(['test-receiver', '--config', config, 'hook'], { env: SANDBOX_ENV });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^hook: delivered \(1 firing: FlinkWatchTest\); platform answered: HTTP 200$/m);
    const request = hook.requests.find((r) => r.url === '/alerts');
    expect(request?.method).toBe('POST');
    const body = JSON.parse(request?.body ?? '{}') as { alerts: Array<{ labels: Record<string, string> }> };
    expect(body.alerts[0]?.labels.alertname).toBe('FlinkWatchTest');
  });

  it.concurrent('an unknown receiver name exits 2 listing the configured receivers', async () => {
    const result = await runCli(['test-receiver', '--config', config, 'oncall'], { env: SANDBOX_ENV });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('no receiver named "oncall"; configured: hook, locked');
  });

  it.concurrent('a receiver answering 401 exits 1 naming the failure, without the token of its URL', async () => {
    const result = await runCli(['test-receiver', '--config', config, 'locked'], { env: SANDBOX_ENV });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^locked: REJECTED — auth: .*HTTP 401/m);
    // The request really carried the token; the output must not.
    expect(hook.requests.some((r) => r.url.includes(URL_TOKEN))).toBe(true);
    expect(result.stdout + result.stderr).not.toContain(URL_TOKEN);
  });
});
