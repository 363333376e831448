import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBuiltinScenario, type Sandbox, startSandbox } from '../../lib/sandbox';
import { startWebhookServer, type WebhookServer } from '../helpers/webhook-server';
import { CLI_TEST_TIMEOUT_MS, onlyJson, runCli } from './cli-process';
import { exampleSandboxConfig, SANDBOX_ENV, type TempDir, tempDir } from './fixtures';

// What the built-in demo scenario answers at step 0 for the watches of examples/sandbox.yaml.
const EXPECTED_DEPLOYMENTS = {
  'payments-and-risk': ['payments-ingest', 'payments-ledger-sync', 'payments-settlement-nightly', 'risk-scoring'],
  search: ['search-indexer', 'search-query-log'],
  staging: ['risk-features'],
};
const PAYMENTS_INGEST_AT_STEP_0 = { starting: 0, running: 1, cancelling: 0, cancelled: 2, finished: 0, failed: 3 };

interface WatchJson {
  ok: boolean;
  deployments: Array<{ name: string; deploymentId: string; jobSummary: Record<string, number> | null }>;
}

describe('flink-watch run --config examples/sandbox.yaml', { timeout: CLI_TEST_TIMEOUT_MS }, () => {
  let sandbox: Sandbox;
  let hook: WebhookServer;
  let dir: TempDir;

  beforeAll(async () => {
    sandbox = await startSandbox({ scenario: await loadBuiltinScenario(), port: 0 });
    hook = await startWebhookServer();
    dir = await tempDir('run');
  });
  afterAll(async () => {
    await sandbox?.close();
    await hook?.close();
    await dir?.remove();
  });

  async function exampleConfig(name: string): Promise<string> {
    const text = await exampleSandboxConfig({
      endpoint: sandbox.endpoint,
      statePath: dir.file(`${name}-state.json`),
      hookUrl: `${hook.url}/alerts`,
    });
    return dir.write(`${name}.yaml`, text);
  }

  it('--json prints one JSON object with the deployments of each watch and their job summaries; every request was signed', async () => {
    const config = await exampleConfig('json');
    const before = sandbox.requests.length;
    const result = await runCli(['run', '--config', config, '--json'], { env: SANDBOX_ENV });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const summary = onlyJson(result.stdout);
    expect(summary).toMatchObject({
      dryRun: false,
      watches: { queried: 3, ok: 3, failed: 0, apiCalls: 3 },
      deployments: { seen: 7, evaluated: 7, skipped: 0 },
      errors: [],
    });
    const watches = summary.watchResults as Record<string, WatchJson>;
    expect(Object.keys(watches).sort()).toEqual(Object.keys(EXPECTED_DEPLOYMENTS).sort());
    for (const [watch, names] of Object.entries(EXPECTED_DEPLOYMENTS)) {
      expect(watches[watch]?.ok).toBe(true);
      expect(watches[watch]?.deployments.map((d) => d.name).sort()).toEqual(names);
      for (const d of watches[watch]?.deployments ?? []) expect(d.jobSummary).not.toBeNull();
    }
    const ingest = watches['payments-and-risk']?.deployments.find((d) => d.name === 'payments-ingest');
    expect(ingest?.jobSummary).toEqual(PAYMENTS_INGEST_AT_STEP_0);

    const requests = sandbox.requests.slice(before);
    expect(requests).toHaveLength(3);
    for (const r of requests) {
      expect(r.signatureOk, r.rejectedBecause).toBe(true);
      expect(r.status).toBe(200);
      expect(r.accessKeyId).toBe(SANDBOX_ENV.ALIBABA_CLOUD_ACCESS_KEY_ID);
    }
  });

  it('without --json prints each watch with its deployments and job summaries, then a summary line; --now sets the time', async () => {
    const config = await exampleConfig('text');
    const result = await runCli(['run', '--config', config, '--now', '2026-11-28T09:00:00Z'], { env: SANDBOX_ENV });
    expect(result.code).toBe(0);
    const out = result.stdout;
    expect(() => JSON.parse(out)).toThrow();
    expect(out).toContain('watch payments-and-risk: 4 deployment(s)');
    expect(out).toContain('watch search: 2 deployment(s)');
    expect(out).toContain('watch staging: 1 deployment(s)');
    expect(out).toMatch(
      /^ {2}payments-ingest +STREAMING +starting=0 running=1 cancelling=0 cancelled=2 finished=0 failed=3$/m,
    );
    expect(out).toMatch(/^ {2}payments-settlement-nightly +BATCH +.*finished=12/m);
    // The tick was evaluated as of --now, not the clock.
    expect(out).toMatch(/^tick at 2026-11-28T09:00:00\.000Z: 3\/3 watches ok \(3 API calls\), 7 deployments; /m);
    expect(out).not.toMatch(/^error:/m);
    expect(JSON.parse(await readFile(dir.file('text-state.json'), 'utf8'))).toMatchObject({
      savedAt: '2026-11-28T09:00:00.000Z',
    });
  });

  it('a bad --now exits 2 naming the flag and the form it expects, before any request', async () => {
    const config = await exampleConfig('bad-now');
    const before = sandbox.requests.length;
    const result = await runCli(['run', '--config', config, '--now', 'yesterday 9am'], { env: SANDBOX_ENV });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('--now "yesterday 9am" is not an ISO-8601 time');
    expect(result.stderr).toContain('2026-11-28T09:00:00Z');
    expect(result.stderr).toContain('Usage:');
    expect(sandbox.requests.length).toBe(before);
  });
});
