import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);

describe('the OSS client library', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'fw-lazy-'));
  });
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  // A fresh process, because the test runner itself may already have loaded the library for other tests.
  it('is not loaded by a program that keeps its state in a file', async () => {
    const bundle = join(dir, 'file-store-only.cjs');
    await build({
      entryPoints: [join(import.meta.dirname, 'fixtures', 'file-store-only.ts')],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      packages: 'external',
      outfile: bundle,
      logLevel: 'silent',
    });
    const { stdout } = await run(process.execPath, [bundle, join(dir, 'state.json')], {
      env: { ...process.env, NODE_PATH: resolve(import.meta.dirname, '../../node_modules') },
      timeout: 20_000,
    });
    expect(JSON.parse(stdout.trim())).toEqual({ aliOssLoaded: false });
  });
});
