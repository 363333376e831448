import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runSandboxFromCli } from '../../lib/sandbox/cli';
import { ScenarioError } from '../../lib/sandbox/errors';
import { sendRaw, signedRequest, TEST_SCENARIO_YAML } from '../helpers/sandbox';

describe('flink-watch sandbox (runSandboxFromCli)', () => {
  it('serves the built-in demo scenario and prints the endpoint and the key pair to use', async () => {
    const lines: string[] = [];
    const sandbox = await runSandboxFromCli({ port: 0, log: (l) => lines.push(l) });
    try {
      const text = lines.join('\n');
      expect(text).toContain(`http://${sandbox.endpoint}`);
      expect(text).toContain('scenario "demo"');
      expect(text).toContain('ALIBABA_CLOUD_ACCESS_KEY_ID=sandbox-access-key');
      expect(text).toContain('ALIBABA_CLOUD_ACCESS_KEY_SECRET=sandbox-secret');
      const res = await sendRaw(sandbox, signedRequest(sandbox, { workspace: 'a14bd5d90a' }));
      expect(res.status).toBe(200);
      expect((res.json['data'] as unknown[]).length).toBe(3);
      expect(sandbox.step()).toBe(0);
    } finally {
      await sandbox.close();
    }
  });

  it('loads a scenario file and advances one step every stepSeconds until closed', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sandbox-cli-'));
    const path = join(dir, 'world.yaml');
    await writeFile(path, TEST_SCENARIO_YAML);
    const lines: string[] = [];
    const sandbox = await runSandboxFromCli({
      scenarioPath: path,
      port: 0,
      stepSeconds: 0.05,
      log: (l) => lines.push(l),
    });
    try {
      expect(lines.join('\n')).toContain(`scenario "test" from ${path}`);
      await new Promise((r) => setTimeout(r, 400));
      expect(sandbox.step()).toBeGreaterThanOrEqual(2);
      expect(lines).toContain('step 1');
    } finally {
      await sandbox.close();
      await rm(dir, { recursive: true, force: true });
    }
    const stepAfterClose = sandbox.step();
    await new Promise((r) => setTimeout(r, 150));
    expect(sandbox.step()).toBe(stepAfterClose);
  });

  it('refuses a bad scenario file with a ScenarioError naming the file', async () => {
    await expect(runSandboxFromCli({ scenarioPath: '/nonexistent.yaml', port: 0, log: () => {} })).rejects.toThrow(
      ScenarioError,
    );
  });
});
