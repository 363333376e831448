import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

export interface BundledChild {
  file: string;
  /** The bundle's temporary directory, for anything else the run needs on disk; removed with it. */
  dir: string;
  remove(): Promise<void>;
}

/**
 * Bundles a bench/support entry the way scripts/build.mjs bundles the functions (one minified CommonJS file for
 * node20) into a fresh temporary directory, so a measured child runs what a deployment runs.
 */
export async function bundleChild(relativeToSupport: string): Promise<BundledChild> {
  const entry = fileURLToPath(new URL(relativeToSupport, import.meta.url));
  const dir = await mkdtemp(join(tmpdir(), 'flink-watch-bench-'));
  const file = join(dir, 'child.cjs');
  await build({
    entryPoints: [entry],
    outfile: file,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    minify: true,
    legalComments: 'none',
    // An optional dependency of the OSS client's HTTP library, required only when a proxy is configured.
    external: ['proxy-agent'],
    logLevel: 'warning',
  });
  return { file, dir, remove: () => rm(dir, { recursive: true, force: true }) };
}
