/**
 * Peak memory of whole ticks (target: under 256 MB, the function's memory size), in two runs:
 * 1. 50 000 deployments from a fresh state, six ticks one simulated minute apart (the sandbox steps along);
 * 2. the steady state: fewer deployments, but the state a monitor has after a day of one-minute ticks.
 * The sandbox runs here; the ticks run in a child bundled like the deployed function and started with plain `node`,
 * so the figures are the tick's alone. Baseline: the peak RSS of a bare `node` process, measured in the same run.
 * The child runs with the monitor function's NODE_OPTIONS from s.yaml (its heap limits), as deployed; `--node-options=`
 * replaces them (e.g. `--node-options=` for none, to see what V8 does unbounded).
 * Run: `npx tsx bench/tick-memory.ts [deployments] [--steady=N] [--node-options="…"]`. Loopback only; bounded in time.
 */
import { spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { renderDeployment } from '../lib/sandbox/render';
import { ververicaSuccessBody } from '../lib/sandbox/responses';
import type { Scenario } from '../lib/sandbox/scenario';
import { scenarioAtStep } from '../lib/sandbox/scenario-timeline';
import { deployedMonitor } from '../test/helpers/deployed-function';
import { type BenchMessage, numberField } from './support/ipc';
import { type MemoryRun, runMemoryChild } from './support/memory-run';
import { memoryScenario, memoryWatchOf } from './support/memory-world';
import { steadyState } from './support/steady-state';
import { median, mib, msText } from './support/timing';

const DEFAULT_DEPLOYMENTS = 50_000;
const DEFAULT_STEADY_DEPLOYMENTS = 1_000;
const FRESH_TICKS = 6;
const STEADY_TICKS = 2;
const TICK_MS = 60_000;
/** What run-tick keeps history for: the longest rule window, but at least a day (the report's charts). */
const KEEP_MS = 86_400_000;
const TARGET_BYTES = 256 * 1024 * 1024;
const START = Date.UTC(2024, 0, 2);

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
function answerBytes(scenario: Scenario): number {
  const data = scenarioAtStep(scenario, 0).map((d) =>
    renderDeployment(d, { ignoreJobSummary: false, ignoreResourceSetting: true }),
  );
  return Buffer.byteLength(JSON.stringify(ververicaSuccessBody('bench', data)));
}

function parseArgs(argv: string[]): { count: number; steady: number; childFlags: string[] } {
  const option = (name: string) => argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  const whole = (text: string | undefined, fallback: number) => {
    const n = Number(text ?? fallback);
    return Number.isSafeInteger(n) && n > 0 ? n : fallback;
  };
  const nodeOptions = option('node-options');
  return {
    count: whole(
      argv.find((a) => !a.startsWith('--')),
      DEFAULT_DEPLOYMENTS,
    ),
    steady: whole(option('steady'), DEFAULT_STEADY_DEPLOYMENTS),
    childFlags:
      nodeOptions === undefined ? deployedMonitor().nodeFlags : nodeOptions.split(/\s+/).filter((flag) => flag !== ''),
  };
}

const peakOf = (run: MemoryRun) => numberField(run.peak, 'maxRssKb') * 1024;
const verdict = (bytes: number) => `target < ${mib(TARGET_BYTES)}: ${bytes < TARGET_BYTES ? 'met' : 'MISSED'}`;
const tickTimes = (run: MemoryRun) => run.ticks.map((t) => numberField(t, 'ms'));

function progress(label: string, total: number) {
  return (i: number, done: BenchMessage) =>
    console.log(
      `tick-memory: ${label} tick ${i + 1}/${total}: ${msText(numberField(done, 'ms'))}, ` +
        `peak RSS so far ${mib(numberField(done, 'maxRssKb') * 1024)}, firing ${numberField(done, 'firing')}, ` +
        `pending ${numberField(done, 'pending')}`,
    );
}

async function main(): Promise<void> {
  const { count, steady, childFlags } = parseArgs(process.argv.slice(2));
  const bareBytes = bareNodeMaxRssBytes();
  const scenario = memoryScenario(count);
  const flagsText = childFlags.length > 0 ? ` ${childFlags.join(' ')}` : '';
  console.log(
    `tick-memory: ${availableParallelism()} CPUs, node ${process.version}; child bundled like the function and run ` +
      `by plain node${flagsText}; 5 watches planned into 1 call, 10 rules (2 windowed), state saved as compact JSON`,
  );

  const fresh = await runMemoryChild({
    scenario,
    ticks: FRESH_TICKS,
    start: START,
    tickMs: TICK_MS,
    childFlags,
    onTick: progress('fresh', FRESH_TICKS),
  });
  const freshPeak = peakOf(fresh);
  const times = tickTimes(fresh);
  console.log(
    `tick-memory: ${count} deployments, fresh state, ${FRESH_TICKS} ticks: peak RSS ${mib(freshPeak)} ` +
      `(${verdict(freshPeak)}); bare node ${mib(bareBytes)} (ratio ${(freshPeak / bareBytes).toFixed(1)}), ` +
      `bundle loaded ${mib(numberField(fresh.peak, 'loadedMaxRssKb') * 1024)}`,
  );
  console.log(
    `tick-memory: ${count} deployments: heap peak (sampled) ${mib(numberField(fresh.peak, 'heapUsedPeak'))} used / ` +
      `${mib(numberField(fresh.peak, 'heapTotalPeak'))} total; API answer ${mib(answerBytes(scenario))} of JSON; ` +
      `state after ${FRESH_TICKS} ticks ${mib(numberField(fresh.sizes, 'stateJsonBytes'))} of JSON ` +
      `(${numberField(fresh.sizes, 'histories')} histories, ${numberField(fresh.sizes, 'alerts')} alerts)`,
  );
  console.log(
    `tick-memory: ${count} deployments: tick time median ${msText(median(times))} ` +
      `(${times.map((ms) => ms.toFixed(0)).join('/')} ms), ${numberField(fresh.ticks[0]!, 'deployments')} evaluated per tick`,
  );

  const steadyScenario = memoryScenario(steady);
  const seed = steadyState(steadyScenario, { now: START, tickMs: TICK_MS, keepMs: KEEP_MS, watchOf: memoryWatchOf });
  const seedBytes = Buffer.byteLength(JSON.stringify(seed));
  const histories = Object.keys(seed.deployments).length;
  const settled = await runMemoryChild({
    scenario: steadyScenario,
    ticks: STEADY_TICKS,
    start: START,
    tickMs: TICK_MS,
    childFlags,
    seed,
    onTick: progress('steady', STEADY_TICKS),
  });
  const settledPeak = peakOf(settled);
  const perDeployment = seedBytes / histories;
  console.log(
    `tick-memory: ${steady} deployments after a day of 1-minute ticks: state ${(seedBytes / 1024).toFixed(0)} KiB ` +
      `of JSON (${perDeployment.toFixed(0)} bytes per deployment), peak RSS ${mib(settledPeak)} (${verdict(settledPeak)}), ` +
      `tick time median ${msText(median(tickTimes(settled)))}`,
  );
  console.log(
    `tick-memory: at that rate the steady state of ${count} deployments would be ` +
      `${mib(perDeployment * count * (histories / steady))} of JSON`,
  );
}

main().catch((err: unknown) => {
  console.error(`tick-memory: failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
});
