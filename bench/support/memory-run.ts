import { type ChildProcess, fork } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Scenario } from '../../lib/sandbox/scenario';
import { type Sandbox, startSandbox } from '../../lib/sandbox/server';
import type { MonitorState } from '../../lib/state/model';
import { BENCH_ENV } from './bench-config';
import { bundleChild } from './bundle-child';
import { waitForExit } from './child-process';
import { type BenchMessage, exchange, numberField } from './ipc';
import { memoryConfigYaml } from './memory-world';

const TICK_TIMEOUT_MS = 150_000;
const START_TIMEOUT_MS = 30_000;

export interface MemoryRunOptions {
  scenario: Scenario;
  ticks: number;
  /** Epoch ms of the first tick; later ticks follow every `tickMs`, the sandbox one step per tick. */
  start: number;
  tickMs: number;
  /** Extra node flags for the measured child (e.g. `--max-old-space-size=256`). */
  childFlags: string[];
  /** A state to start from (saved as the store would have saved it), or none. */
  seed?: MonitorState;
  /** Called after every tick, for progress lines. */
  onTick?: (index: number, done: BenchMessage) => void;
}

export interface MemoryRun {
  ticks: BenchMessage[];
  peak: BenchMessage;
  sizes: BenchMessage;
}

/**
 * Runs `ticks` whole ticks over `scenario` in a bundled child started with plain `node`, the sandbox in this process,
 * and returns what the child measured. Everything started here is stopped and removed before it returns.
 */
export async function runMemoryChild(options: MemoryRunOptions): Promise<MemoryRun> {
  const bundle = await bundleChild('./tick-child.ts');
  let sandbox: Sandbox | undefined;
  let child: ChildProcess | undefined;
  try {
    const statePath = join(bundle.dir, 'state.json');
    if (options.seed) await writeFile(statePath, Buffer.from(JSON.stringify(options.seed)));
    sandbox = await startSandbox({ scenario: options.scenario });
    child = fork(bundle.file, [], { execArgv: options.childFlags, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    // Listening right away: the child says `loaded` as soon as it has started.
    await exchange(child, undefined, 'loaded', START_TIMEOUT_MS);
    const yaml = memoryConfigYaml(sandbox.endpoint);
    await exchange(child, { type: 'start', yaml, env: BENCH_ENV, statePath }, 'started', START_TIMEOUT_MS);
    const ticks: BenchMessage[] = [];
    for (let i = 0; i < options.ticks; i++) {
      sandbox.setStep(i);
      const now = options.start + i * options.tickMs;
      const done = await exchange(child, { type: 'tick', now }, 'tick-done', TICK_TIMEOUT_MS);
      if (numberField(done, 'errors') > 0) throw new Error(`tick ${i} reported errors: ${String(done['firstError'])}`);
      ticks.push(done);
      options.onTick?.(i, done);
    }
    const peak = await exchange(child, { type: 'finish' }, 'peak', START_TIMEOUT_MS);
    const sizes = await exchange(child, undefined, 'sizes', TICK_TIMEOUT_MS);
    return { ticks, peak, sizes };
  } finally {
    if (child?.connected) child.disconnect();
    if (child) await waitForExit(child, 5_000);
    await sandbox?.close();
    await bundle.remove();
  }
}
