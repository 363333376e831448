import { type ChildProcess, fork } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { FUNCTION_BUNDLE_OPTIONS } from '../../../scripts/bundle-options.mjs';

export interface Bundle {
  file: string;
  remove(): Promise<void>;
}

/** Bundles a fixture with the functions' own bundle options (scripts/bundle-options.mjs). */
export async function bundleFixture(name: string): Promise<Bundle> {
  const entry = fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));
  const dir = await mkdtemp(join(tmpdir(), 'flink-watch-child-'));
  const file = join(dir, 'child.cjs');
  await build({ ...FUNCTION_BUNDLE_OPTIONS, entryPoints: [entry], outfile: file });
  return { file, remove: () => rm(dir, { recursive: true, force: true }) };
}

export interface ChildMessage {
  type: string;
  [field: string]: unknown;
}

/** Starts the bundle with plain node and resolves once it says `ready`. */
export function startChild(bundle: Bundle, timeoutMs = 15_000, nodeFlags: string[] = []): Promise<ChildProcess> {
  const child = fork(bundle.file, [], { execArgv: nodeFlags, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  return nextMessage(child, timeoutMs).then((m) => {
    if (m.type !== 'ready') throw new Error(`child said ${m.type} instead of ready`);
    return child;
  });
}

/** The child's next message; rejects when it exits first or stays silent for `timeoutMs`. */
export function nextMessage(child: ChildProcess, timeoutMs: number): Promise<ChildMessage> {
  return new Promise((resolve, reject) => {
    const done = () => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
    };
    const onMessage = (raw: unknown) => {
      done();
      resolve(raw as ChildMessage);
    };
    const onExit = (code: number | null, signal: string | null) => {
      done();
      reject(new Error(`child exited (${signal ?? `code ${code}`})`));
    };
    const timer = setTimeout(() => {
      done();
      reject(new Error(`child silent for ${timeoutMs} ms`));
    }, timeoutMs);
    child.on('message', onMessage);
    child.on('exit', onExit);
  });
}

/** SIGKILL and wait until the process is gone. */
export function killNow(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

/** A small deterministic PRNG (mulberry32): the same seed gives the same kill points. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** The seed from `FLINK_WATCH_SEED`, else `fallback`; printed by the caller so a failure can be replayed. */
export function seedFromEnv(fallback: number): number {
  const raw = Number(process.env.FLINK_WATCH_SEED);
  return Number.isSafeInteger(raw) ? raw : fallback;
}
