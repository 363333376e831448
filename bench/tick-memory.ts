/**
 * Peak memory of whole ticks over 50 000 deployments (target: under 256 MB, the function's memory size). The
 * sandbox runs here; the ticks run in a child process bundled like the deployed function and started with plain
 * `node`, so the figure is the tick's alone. Baseline: the peak RSS of a bare `node` process, measured in the same run.
 * Run: `npx tsx bench/tick-memory.ts [deployments]`. Loopback only; bounded in time.
 */
import { fork, spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { renderDeployment } from '../lib/sandbox/render';
import { ververicaSuccessBody } from '../lib/sandbox/responses';
import { scenarioAtStep } from '../lib/sandbox/scenario-timeline';
import { startSandbox } from '../lib/sandbox/server';
import { BENCH_ENV } from './support/bench-config';
import { bundleChild } from './support/bundle-child';
import { waitForExit } from './support/child-process';
import { type BenchMessage, exchange, numberField } from './support/ipc';
import { memoryConfigYaml, memoryScenario } from './support/memory-world';
import { mib, median, msText } from './support/timing';

const DEFAULT_DEPLOYMENTS = 50_000;
const TICKS = 6;
const TARGET_BYTES = 256 * 1024 * 1024;
const TICK_TIMEOUT_MS = 150_000;
const START_TIMEOUT_MS = 30_000;


function bareNodeMaxRssBytes(): number {
  const out = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.resourceUsage().maxRSS))'], {
    encoding: 'utf8',
    timeout: 10_000,
  });
  const kb = Number(out.stdout);
  if (!Number.isFinite(kb) || kb <= 0) throw new Error(`bare node did not report its RSS: ${out.stderr}`);
  return kb * 1024;
}

/** What the sandbox sends for the single planned call: every deployment, without resource settings. */
function answerBytes(scenario: ReturnType<typeof memoryScenario>, step: number): number {
  const data = scenarioAtStep(scenario, step).map((d) =>
    renderDeployment(d, { ignoreJobSummary: false, ignoreResourceSetting: true }),
  );
  return Buffer.byteLength(JSON.stringify(ververicaSuccessBody('bench', data)));
}

/** `[deployments] [--old-space=MB]`: the second caps V8's old space in the child, as a small instance would. */
function parseArgs(argv: string[]): { count: number; childFlags: string[] } {
  const flags = argv.filter((a) => a.startsWith('--old-space='));
  const positional = argv.filter((a) => !a.startsWith('--'));
  const n = Number(positional[0] ?? DEFAULT_DEPLOYMENTS);
  const childFlags = flags.map((f) => `--max-old-space-size=${Number(f.slice('--old-space='.length))}`);
  return { count: Number.isSafeInteger(n) && n > 0 ? n : DEFAULT_DEPLOYMENTS, childFlags };
}

async function main(): Promise<void> {
  const { count, childFlags } = parseArgs(process.argv.slice(2));
  const bareBytes = bareNodeMaxRssBytes();
  const scenario = memoryScenario(count);
  const answer = answerBytes(scenario, 0);
  const sandbox = await startSandbox({ scenario });
  const bundle = await bundleChild('./tick-child.ts');
  const child = fork(bundle.file, [], { execArgv: childFlags, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  try {
    const loaded = await exchange(child, undefined, 'loaded', START_TIMEOUT_MS);
    void loaded;
    await exchange(child, { type: 'start', yaml: memoryConfigYaml(sandbox.endpoint), env: BENCH_ENV, statePath: join(bundle.dir, 'state.json') }, 'started', START_TIMEOUT_MS);
    const ticks: BenchMessage[] = [];
    const t0 = Date.UTC(2024, 0, 1);
    for (let i = 0; i < TICKS; i++) {
      sandbox.setStep(i);
      const done = await exchange(child, { type: 'tick', now: t0 + i * 60_000 }, 'tick-done', TICK_TIMEOUT_MS);
      if (numberField(done, 'errors') > 0) throw new Error(`tick ${i} reported errors: ${String(done['firstError'])}`);
      ticks.push(done);
      console.log(
        `tick-memory: tick ${i + 1}/${TICKS}: ${msText(numberField(done, 'ms'))}, RSS ${mib(numberField(done, 'rss'))}, ` +
          `peak so far ${mib(numberField(done, 'maxRssKb') * 1024)}, firing ${numberField(done, 'firing')}, ` +
          `pending ${numberField(done, 'pending')}`,
      );
    }
    const peak = await exchange(child, { type: 'finish' }, 'peak', START_TIMEOUT_MS);
    const sizes = await exchange(child, undefined, 'sizes', TICK_TIMEOUT_MS);

    const peakBytes = numberField(peak, 'maxRssKb') * 1024;
    const loadedBytes = numberField(peak, 'loadedMaxRssKb') * 1024;
    const tickMs = ticks.map((t) => numberField(t, 'ms'));
    const first = ticks[0]!;
    console.log(
      `tick-memory: ${availableParallelism()} CPUs, node ${process.version}; ${count} deployments, ` +
        `${numberField(first, 'apiCalls')} API call per tick answering ${(answer / 1024 / 1024).toFixed(1)} MiB of JSON, ` +
        `${TICKS} ticks, 10 rules (2 windows), child bundled and run by plain node${childFlags.length ? ` ${childFlags.join(' ')}` : ''}, state saved as compact JSON bytes as the OSS store does`,
    );
    console.log(
      `tick-memory: peak RSS ${mib(peakBytes)} (target < ${mib(TARGET_BYTES)}: ${peakBytes < TARGET_BYTES ? 'met' : 'MISSED'}); ` +
        `bare node ${mib(bareBytes)} (ratio ${(peakBytes / bareBytes).toFixed(1)}), bundle loaded ${mib(loadedBytes)}`,
    );
    console.log(
      `tick-memory: heap peak (sampled) ${mib(numberField(peak, 'heapUsedPeak'))} used / ` +
        `${mib(numberField(peak, 'heapTotalPeak'))} total; after the last tick ${mib(numberField(ticks.at(-1)!, 'heapUsed'))} used`,
    );
    console.log(
      `tick-memory: tick time median ${msText(median(tickMs))} (first ${msText(tickMs[0]!)}, ` +
        `all ${tickMs.map((ms) => ms.toFixed(0)).join('/')} ms); ${numberField(first, 'deployments')} deployments evaluated per tick`,
    );
    console.log(
      `tick-memory: state after ${TICKS} ticks ${mib(numberField(sizes, 'stateJsonBytes'))} of JSON, ` +
        `${numberField(sizes, 'histories')} histories, ${numberField(sizes, 'alerts')} alerts; ` +
        `peak RSS per tick ${ticks.map((t) => (numberField(t, 'maxRssKb') / 1024).toFixed(0)).join('/')} MiB`,
    );
    if (peakBytes >= TARGET_BYTES) process.exitCode = 1;
  } finally {
    if (child.connected) child.disconnect();
    await waitForExit(child, 5_000);
    await sandbox.close();
    await bundle.remove();
  }
}

main().catch((err: unknown) => {
  console.error(`tick-memory: failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
});
