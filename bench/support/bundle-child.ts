import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { FUNCTION_BUNDLE_OPTIONS } from '../../scripts/bundle-options.mjs';

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
  await build({ ...FUNCTION_BUNDLE_OPTIONS, entryPoints: [entry], outfile: file });
  return { file, dir, remove: () => rm(dir, { recursive: true, force: true }) };
}
