import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../../lib/sandbox';
import { CLI_TEST_TIMEOUT_MS, startCli } from './cli-process';
import { cliConfig, cliScenario, SANDBOX_ENV, type TempDir, tempDir } from './fixtures';

async function get(url: string): Promise<{ status: number; body: string }> {
  const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
  return { status: response.status, body: await response.text() };
}

/** True while some process of the group still exists. */
function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitUntil(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return condition();
}

describe('long-running commands', { timeout: CLI_TEST_TIMEOUT_MS }, () => {
  it.concurrent('demo --step 200ms --ticks 16 --port 0: alerts fire and resolve, the report answers, it ends by itself', async () => {
    // 16 ticks rather than 12 leave a loaded machine three seconds or more to fetch the report while the demo runs.
    const demo = startCli(['demo', '--step', '200ms', '--ticks', '16', '--port', '0']);
    try {
      const [, reportUrl] = await demo.waitFor(/report: +(http:\/\/127\.0\.0\.1:\d+\/)/);
      const health = await get(`${reportUrl}healthz`);
      // Fetched while the demo still ran: it closes the report when it ends.
      expect(demo.child.exitCode).toBeNull();
      expect(health.status).toBe(200);
      const result = await demo.exited;
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/\[terminal\] FIRING \d+ — /);
      expect(result.stdout).toMatch(/\[terminal\] RESOLVED \d+ — /);
      expect(result.stdout).toMatch(/\[tick 16 · step 15 · /);
      expect(result.stdout).not.toMatch(/\[tick 17 /);
      expect(result.stdout).toMatch(/demo finished after 16 ticks\n$/);
    } finally {
      demo.kill('SIGKILL');
    }
  });

  it.concurrent('sandbox --port 0 prints its endpoint and key pair, serves, and stops on SIGTERM', async () => {
    const sandbox = startCli(['sandbox', '--port', '0']);
    try {
      const [, endpoint] = await sandbox.waitFor(/sandbox on http:\/\/(127\.0\.0\.1:\d+) /);
      await sandbox.waitFor(
        /ALIBABA_CLOUD_ACCESS_KEY_ID=sandbox-access-key ALIBABA_CLOUD_ACCESS_KEY_SECRET=sandbox-secret/,
      );
      // An unsigned request reaches it and is refused, as the real API would.
      const answer = await get(
        `http://${endpoint}/api/v2/namespaces/default-namespace/deployments/getDeployments/byLabel`,
      );
      expect(answer.status).toBeGreaterThanOrEqual(400);
      sandbox.kill('SIGTERM');
      const result = await sandbox.exited;
      expect(result.signal).toBeNull();
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/sandbox stopped\n$/);
      await expect(get(`http://${endpoint}/`)).rejects.toThrow();
    } finally {
      sandbox.kill('SIGKILL');
    }
  });

  it.concurrent('npm start runs the demo and Ctrl-C (SIGINT to the process group) stops it, leaving no process', async () => {
    const demo = startCli(['--port', '0', '--step', '200ms'], { npmStart: true });
    const pgid = demo.child.pid as number;
    try {
      await demo.waitFor(/\[tick 2 · /);
      demo.kill('SIGINT');
      const result = await demo.exited;
      // npm itself ends as interrupted (that is npm's way); the demo under it stops cleanly by itself.
      const ending = `npm ended with ${result.signal ?? result.code}; stderr:\n${result.stderr}`;
      expect(result.signal === 'SIGINT' || result.code === 130 || result.code === 0, ending).toBe(true);
      expect(result.stdout, ending).toMatch(/demo stopped after \d+ ticks\n$/);
      expect(result.stderr).toBe('');
      expect(await waitUntil(() => !groupAlive(pgid), 5_000)).toBe(true);
    } finally {
      demo.kill('SIGKILL');
    }
  });

  describe('serve', () => {
    let sandbox: Sandbox;
    let dir: TempDir;
    beforeAll(async () => {
      sandbox = await startSandbox({ scenario: cliScenario(), port: 0 });
      dir = await tempDir('serve');
    });
    afterAll(async () => {
      await sandbox?.close();
      await dir?.remove();
    });

    it('serve --port 0 ticks at once, serves the report and stops on SIGTERM', async () => {
      const config = await dir.write(
        'config.yaml',
        cliConfig({
          endpoint: sandbox.endpoint,
          state: `{ type: file, path: "${dir.file('state.json')}" }`,
          receivers: '  terminal: { type: console }',
        }),
      );
      const serve = startCli(['serve', '--config', config, '--port', '0', '--interval', '1h'], { env: SANDBOX_ENV });
      try {
        const [, url] = await serve.waitFor(/serving the report on (http:\/\/127\.0\.0\.1:\d+\/)/);
        await serve.waitFor(/^tick at .*: 1\/1 watches ok .* 3 deployments; alerts firing 2/m);
        const report = await get(`${url}report?format=json`);
        expect(report.status).toBe(200);
        expect(report.body).toContain('"alpha"');
        serve.kill('SIGTERM');
        const result = await serve.exited;
        expect(result.code, result.stderr).toBe(0);
        expect(result.stdout).toMatch(/\nstopped\n$/);
        // One tick only: the interval is an hour.
        expect(result.stdout.match(/^tick at /gm)).toHaveLength(1);
      } finally {
        serve.kill('SIGKILL');
      }
    });
  });
});
