/**
 * `npm run bench`: runs every bench of bench/ one after the other, each in its own process with a time limit, and
 * passes their output through (every line starts with the bench's name). A bench is a top-level file whose header
 * says how to run it (`npx tsx bench/<name>.ts`); other top-level files are its helpers. Missed targets are printed
 * by the benches themselves; this exits non-zero only when a bench failed or ran out of time.
 * Run: `npm run bench [-- name …]` (names filter, e.g. `npm run bench -- query-plan tick-memory`).
 */
import { spawn } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TSX_LOADER } from './support/child-process';

const BENCH_DIR = fileURLToPath(new URL('.', import.meta.url));
const TIME_LIMIT_MS = 10 * 60_000;
const KILL_GRACE_MS = 5_000;

async function findBenches(filter: string[]): Promise<string[]> {
  const names = (await readdir(BENCH_DIR)).filter((n) => n.endsWith('.ts') && n !== 'run.ts').sort();
  const benches: string[] = [];
  for (const name of names) {
    const text = await readFile(join(BENCH_DIR, name), 'utf8');
    if (!text.slice(0, 4_000).includes(`npx tsx bench/${name}`)) continue;
    if (filter.length > 0 && !filter.includes(basename(name, '.ts'))) continue;
    benches.push(name);
  }
  return benches;
}

interface Outcome {
  code: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  ms: number;
}

/** One bench in its own process group, so that on timeout its helpers (sandbox, measured children) go too. */
function runBench(file: string): Promise<Outcome> {
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', TSX_LOADER, join(BENCH_DIR, file)], {
    stdio: ['ignore', 'inherit', 'inherit'],
    detached: true,
  });
  return new Promise((resolve, reject) => {
    let timedOut = false;
    const stopGroup = (signal: NodeJS.Signals) => {
      if (child.pid === undefined) return;
      try {
        process.kill(-child.pid, signal);
      } catch {
        // Already gone.
      }
    };
    const timer = setTimeout(() => {
      timedOut = true;
      stopGroup('SIGTERM');
      setTimeout(() => stopGroup('SIGKILL'), KILL_GRACE_MS).unref();
    }, TIME_LIMIT_MS);
    child.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, timedOut, ms: performance.now() - started });
    });
  });
}

async function main(): Promise<void> {
  const filter = process.argv.slice(2);
  const benches = await findBenches(filter);
  const unknown = filter.filter((name) => !benches.includes(`${name}.ts`));
  if (unknown.length > 0) console.error(`bench: no bench named ${unknown.join(', ')}`);
  if (benches.length === 0) {
    console.error(
      'bench: no bench matched; benches are the files of bench/ whose header says `npx tsx bench/<name>.ts`',
    );
    process.exitCode = 2;
    return;
  }
  console.log(`bench: running ${benches.join(', ')} (each limited to ${TIME_LIMIT_MS / 60_000} min)`);
  const failed: string[] = [];
  for (const file of benches) {
    const outcome = await runBench(file);
    const seconds = (outcome.ms / 1000).toFixed(1);
    const how = outcome.timedOut
      ? `stopped after the ${TIME_LIMIT_MS / 60_000} min limit`
      : outcome.code === 0
        ? 'done'
        : `failed (${outcome.signal ?? `exit ${outcome.code}`})`;
    console.log(`bench: ${basename(file, '.ts')} ${how} in ${seconds} s`);
    if (outcome.timedOut || outcome.code !== 0) failed.push(file);
  }
  if (failed.length > 0) {
    console.log(`bench: ${failed.length} of ${benches.length} did not finish cleanly: ${failed.join(', ')}`);
    process.exitCode = 1;
  }
}

main().catch((err: unknown) => {
  console.error(`bench: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
});
