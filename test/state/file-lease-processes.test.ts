import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const PROCESSES = 4;

describe('file lease across processes', () => {
  let dir = '';
  let contender = '';
  // Bundled once so that each process starts in milliseconds and the attempts really overlap.
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'fw-lease-'));
    contender = join(dir, 'lease-contender.mjs');
    await build({
      entryPoints: [join(import.meta.dirname, 'fixtures', 'lease-contender.ts')],
      bundle: true,
      platform: 'node',
      format: 'esm',
      outfile: contender,
      logLevel: 'silent',
    });
  });
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('lets exactly one of several processes take over the lease of a killed one', async () => {
    const path = join(dir, 'state.json');
    await writeFile(`${path}.lease`, JSON.stringify({ owner: 'killed', expiresAt: 1_000 }));
    // Every process starts its attempt at the same instant, after all of them have had time to load.
    const startAt = Date.now() + 1_500;
    const outputs = await Promise.all(
      Array.from({ length: PROCESSES }, (_, i) =>
        run(process.execPath, [contender, path, `p${i}`, String(startAt), '2000'], {
          timeout: 20_000,
        }),
      ),
    );
    const results = outputs.map(({ stdout }) => JSON.parse(stdout.trim()) as { owner: string; won: boolean });
    const winners = results.filter((r) => r.won);
    expect(winners).toHaveLength(1);
    const onDisk = JSON.parse(await readFile(`${path}.lease`, 'utf8'));
    expect(onDisk).toEqual({ owner: winners[0]!.owner, expiresAt: 62_000 });
  });
});
