import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../../lib/sandbox';
import { CLI_TEST_TIMEOUT_MS, onlyJson, runCli } from './cli-process';
import { cliConfig, cliScenario, SANDBOX_ENV, type TempDir, tempDir } from './fixtures';

const WRONG_SECRET = 'wrong-secret-5d1e8c0b7a';

describe('flink-watch run when something outside the tick is wrong', { timeout: CLI_TEST_TIMEOUT_MS }, () => {
  let sandbox: Sandbox;
  let dir: TempDir;

  beforeAll(async () => {
    sandbox = await startSandbox({ scenario: cliScenario(), port: 0 });
    dir = await tempDir('failures');
  });
  afterAll(async () => {
    await sandbox?.close();
    await dir?.remove();
  });

  it.concurrent('wrong API credentials: the tick runs (exit 0), the failed query is in the summary, the secret nowhere', async () => {
    const config = await dir.write(
      'wrong-key.yaml',
      cliConfig({
        endpoint: sandbox.endpoint,
        state: `{ type: file, path: "${dir.file('wrong-key-state.json')}" }`,
        receivers: '  terminal: { type: console }',
      }),
    );
    const env = { ...SANDBOX_ENV, ALIBABA_CLOUD_ACCESS_KEY_SECRET: WRONG_SECRET };
    const result = await runCli(['run', '--config', config, '--json'], { env });
    expect(result.code).toBe(0);
    const summary = onlyJson(result.stdout);
    expect(summary.watches).toMatchObject({ queried: 1, ok: 0, failed: 1 });
    const errors = summary.errors as string[];
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^watch pay: .*(signature|credentials|access key)/i);
    expect(result.stdout + result.stderr).not.toContain(WRONG_SECRET);
    // The sandbox did see requests, and refused their signature (not some other failure).
    const seen = sandbox.requests.filter((r) => r.workspace === 'ws-x' && !r.signatureOk);
    expect(seen.length).toBeGreaterThan(0);
  });

  it.concurrent('a state file that cannot be written: exit 1 with a message naming the state location', async () => {
    const notADirectory = await dir.write('plain-file', 'not a directory\n');
    const statePath = `${notADirectory}/state.json`;
    const config = await dir.write(
      'bad-state.yaml',
      cliConfig({
        endpoint: sandbox.endpoint,
        state: `{ type: file, path: "${statePath}" }`,
        receivers: '  terminal: { type: console }',
      }),
    );
    const result = await runCli(['run', '--config', config], { env: SANDBOX_ENV });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('the tick failed: the state could not be read or written');
    expect(result.stderr).toContain(notADirectory);
    expect(result.stderr).toContain('check `state` in');
    // The file in the way was left as it was.
    expect(await readFile(notADirectory, 'utf8')).toBe('not a directory\n');
  });
});
