import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../../lib/sandbox';
import { startWebhookServer, type WebhookServer } from '../helpers/webhook-server';
import { CLI_TEST_TIMEOUT_MS, runCli } from './cli-process';
import { cliConfig, cliScenario, SANDBOX_ENV, type TempDir, tempDir } from './fixtures';

const SILENCE = `
silences:
  - matchers: ['deployment="beta"']
    startsAt: 2026-11-01T00:00:00Z
    endsAt: 2026-12-31T00:00:00Z
    comment: beta is being rebuilt
    createdBy: cli-test
`;

/** The indented block `explain` prints for one deployment, up to the next deployment or section. */
function blockOf(text: string, deployment: string): string {
  const start = text.indexOf(`\n  ${deployment} (`);
  if (start < 0) throw new Error(`explain printed nothing for ${deployment}:\n${text}`);
  const rest = text.slice(start + 1);
  const end = rest.search(/\n( {2}\S|\S|$)/);
  return rest.slice(0, end < 0 ? undefined : end);
}

describe('flink-watch explain', { timeout: CLI_TEST_TIMEOUT_MS * 2 }, () => {
  let sandbox: Sandbox;
  let hook: WebhookServer;
  let dir: TempDir;
  let config: string;
  let statePath: string;

  beforeAll(async () => {
    sandbox = await startSandbox({ scenario: cliScenario(), port: 0 });
    hook = await startWebhookServer();
    dir = await tempDir('explain');
    statePath = dir.file('state.json');
    config = await dir.write(
      'config.yaml',
      cliConfig({
        endpoint: sandbox.endpoint,
        state: `{ type: file, path: "${statePath}" }`,
        receivers: `  hook: { type: webhook, url: "${hook.url}/alerts" }`,
        extra: SILENCE,
      }),
    );
  });
  afterAll(async () => {
    await sandbox?.close();
    await hook?.close();
    await dir?.remove();
  });

  it('tells per deployment its watch, each rule value and why an alert is or is not sent; sends nothing', async () => {
    // One real tick at 09:00 fires `down` for alpha (sent) and beta (silenced); `down-long` waits 10 minutes.
    const first = await runCli(['run', '--config', config, '--now', '2026-11-28T09:00:00Z'], { env: SANDBOX_ENV });
    expect(first.code).toBe(0);
    expect(hook.requests).toHaveLength(1);
    const state = await readFile(statePath, 'utf8');

    const text = await runCli(['explain', '--config', config, '--now', '2026-11-28T09:05:00Z'], { env: SANDBOX_ENV });
    expect(text.code).toBe(0);
    const out = text.stdout;
    expect(out).toMatch(/^as of 2026-11-28T09:05:00\.000Z$/m);
    expect(out).toContain('watch pay: query ok');

    const alpha = blockOf(out, 'alpha');
    expect(alpha).toContain('alpha (dep-alpha): starting=0 running=0');
    expect(alpha).toMatch(/ {4}down: true\n {6}firing since 2026-11-28T09:00:00\.000Z/);
    expect(alpha).toContain('hook: not sent: already notified; repeat interval not reached; next at 2026-11-28T10:00');
    expect(alpha).toMatch(/ {4}down-long: true\n {6}pending: fires in 5m \(at 2026-11-28T09:10:00\.000Z\)/);

    const beta = blockOf(out, 'beta');
    expect(beta).toMatch(/ {4}down: true\n/);
    expect(beta).toMatch(/silenced by silence #1 .*deployment="beta".* beta is being rebuilt/);

    const gamma = blockOf(out, 'gamma');
    expect(gamma).toContain('down: false (no alert)');
    expect(gamma).toContain('down-long: false (no alert)');
    expect(out).toMatch(/^receivers:\n {2}hook: /m);

    // explain is a dry run: nothing sent, nothing saved.
    expect(hook.requests).toHaveLength(1);
    expect(await readFile(statePath, 'utf8')).toBe(state);
  });
});
