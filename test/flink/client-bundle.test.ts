import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../lib/sandbox/server';
import { startTestSandbox } from '../helpers/sandbox';

const run = promisify(execFile);
const ENTRY = resolve('test/sandbox/fixtures/client-entry.ts');

// The client library is CommonJS with `exports.default`; Node's ESM loader (tsx) and an esbuild CommonJS bundle
// (what Function Compute runs) expose it differently. Both must work, not only the vitest import.
describe('Flink client outside vitest', () => {
  let sandbox: Sandbox;
  let dir: string;
  beforeAll(async () => {
    sandbox = await startTestSandbox();
    dir = await mkdtemp(join(tmpdir(), 'flink-client-bundle-'));
  });
  afterAll(async () => {
    await sandbox.close();
    await rm(dir, { recursive: true, force: true });
  });

  const expectOneCall = (stdout: string, before: number) => {
    const out = JSON.parse(stdout) as { requestId: string; count: number };
    expect(out.count).toBe(1);
    expect(sandbox.requests.length).toBe(before + 1);
    expect(sandbox.requests.at(-1)).toMatchObject({ signatureOk: true, status: 200, requestId: out.requestId });
  };

  it('runs bundled by esbuild to CommonJS for node20', async () => {
    const outfile = join(dir, 'index.js');
    await build({
      entryPoints: [ENTRY],
      outfile,
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      logLevel: 'silent',
    });
    const before = sandbox.requests.length;
    const { stdout } = await run(process.execPath, [outfile, sandbox.endpoint], { timeout: 15_000 });
    expectOneCall(stdout, before);
  });

  it('runs from source under tsx', async () => {
    const before = sandbox.requests.length;
    const { stdout } = await run(process.execPath, ['--import', 'tsx', ENTRY, sandbox.endpoint], { timeout: 20_000 });
    expectOneCall(stdout, before);
  });
});
