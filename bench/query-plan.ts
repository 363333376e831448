/**
 * Query planning and bounded-concurrency fetch against API latency: 200 watches over 20 (workspace, namespace,
 * label key) groups plan into 20 calls; with 50 ms per call and 8 in flight, no client can finish before
 * ⌈20/8⌉ × 50 ms = 150 ms. Prints the wall time (median after a warm-up) against that bound, for the fetch stage
 * alone and for a whole tick, and the same at concurrency 1 (bound 20 × 50 ms) as the baseline.
 * The sandbox runs in its own process, as the real API does. Run: `npx tsx bench/query-plan.ts`. Loopback only.
 */
import { availableParallelism } from 'node:os';
import { createFlinkClient } from '../lib/flink/client';
import { fetchWatches } from '../lib/flink/fetch-watches';
import { planQueries } from '../lib/flink/plan';
import { parseSelector } from '../lib/flink/selector';
import { systemClock } from '../lib/runtime/clock';
import { createDeadline } from '../lib/runtime/deadline';
import { silentLogger } from '../lib/runtime/logger';
import { createMemoryStore } from '../lib/state/memory-store';
import { composeTick } from '../lib/tick/compose';
import { runTick } from '../lib/tick/run-tick';
import { BENCH_ENV, loadBenchConfig } from './support/bench-config';
import { forkTypeScript, waitForExit } from './support/child-process';
import { exchange, numberField, stringField } from './support/ipc';
import { GROUPS, queryPlanConfigYaml, WATCHES } from './support/query-plan-world';
import { maximum, median, minimum, msText } from './support/timing';

const LATENCY_MS = 50;
const TARGET_RATIO = 1.3;
const SETUPS = [
  { concurrency: 8, warmups: 2, runs: 9 },
  { concurrency: 1, warmups: 1, runs: 5 },
] as const;
const IPC_TIMEOUT_MS = 60_000;
const TICK_BUDGET_MS = 60_000;

interface Run {
  wallMs: number;
  cpuMs: number;
  calls: number;
}

type Sample = () => Promise<void>;

async function measure(sample: Sample, warmups: number, runs: number, countRequests: () => Promise<number>) {
  for (let i = 0; i < warmups; i++) await sample();
  const measured: Run[] = [];
  for (let i = 0; i < runs; i++) {
    const before = await countRequests();
    const cpu = process.cpuUsage();
    const started = performance.now();
    await sample();
    const wallMs = performance.now() - started;
    const used = process.cpuUsage(cpu);
    measured.push({ wallMs, cpuMs: (used.user + used.system) / 1000, calls: (await countRequests()) - before });
  }
  return measured;
}

function report(stage: string, concurrency: number, runs: Run[], expectedCalls: number): boolean {
  const bound = Math.ceil(expectedCalls / concurrency) * LATENCY_MS;
  const walls = runs.map((r) => r.wallMs);
  const wall = median(walls);
  const calls = new Set(runs.map((r) => r.calls));
  const callText = calls.size === 1 ? `${[...calls][0]} calls` : `calls varied: ${[...calls].join('/')}`;
  const ratio = wall / bound;
  console.log(
    `query-plan: ${stage}, concurrency ${concurrency}: ${callText}, ${msText(wall)} wall vs ${msText(bound)} bound ` +
      `(ratio ${ratio.toFixed(2)}, overhead ${msText(wall - bound)}); median of ${runs.length} ` +
      `(min ${msText(minimum(walls))}, max ${msText(maximum(walls))}), CPU ${msText(median(runs.map((r) => r.cpuMs)))}`,
  );
  return calls.size === 1 && calls.has(expectedCalls) && (concurrency === 1 || ratio <= TARGET_RATIO);
}

async function main(): Promise<void> {
  const host = forkTypeScript('./sandbox-host.ts');
  try {
    const ready = await exchange(host, { type: 'start', world: 'query-plan', latencyMs: LATENCY_MS }, 'ready', IPC_TIMEOUT_MS);
    const endpoint = stringField(ready, 'endpoint');
    const countRequests = async () =>
      numberField(await exchange(host, { type: 'count' }, 'count', IPC_TIMEOUT_MS), 'ok');
    console.log(
      `query-plan: ${availableParallelism()} CPUs, node ${process.version}; ${numberField(ready, 'deployments')} ` +
        `deployments, ${WATCHES} watches in ${GROUPS} groups, ${LATENCY_MS} ms per call (sandbox in its own process)`,
    );
    let allMet = true;
    for (const { concurrency, warmups, runs } of SETUPS) {
      const loaded = loadBenchConfig(queryPlanConfigYaml(endpoint, concurrency), 'bench:query-plan');
      const { config } = loaded;
      const client = createFlinkClient({ flink: config.flink, logger: silentLogger, env: BENCH_ENV });
      const watches = config.watches.map((w) => ({ ...w, selector: parseSelector(w.selector) }));
      const fetchOnce: Sample = async () => {
        const plan = planQueries(watches, config.flink.endpoint);
        const results = await fetchWatches({
          plan,
          watches,
          client,
          concurrency,
          deadline: createDeadline(TICK_BUDGET_MS, systemClock),
          logger: silentLogger,
        });
        const failed = [...results.values()].filter((r) => !r.ok);
        if (failed.length > 0) throw new Error(`${failed.length} watches failed; first: ${failed[0]?.watch}`);
      };
      allMet = report('fetch', concurrency, await measure(fetchOnce, warmups, runs, countRequests), GROUPS) && allMet;

      const deps = composeTick(loaded, { logger: silentLogger, env: BENCH_ENV, store: createMemoryStore(), receivers: new Map() });
      let now = Date.UTC(2024, 0, 1);
      const tickOnce: Sample = async () => {
        now += 60_000;
        const { summary } = await runTick(deps, { dryRun: false, now, deadline: createDeadline(TICK_BUDGET_MS, systemClock) });
        if (summary.errors.length > 0) throw new Error(`the tick reported errors: ${summary.errors.slice(0, 3).join('; ')}`);
        if (summary.watches.ok !== WATCHES) throw new Error(`only ${summary.watches.ok} of ${WATCHES} watches answered`);
      };
      allMet = report('whole tick', concurrency, await measure(tickOnce, warmups, runs, countRequests), GROUPS) && allMet;
    }
    console.log(
      `query-plan: ${allMet ? 'target met' : 'TARGET MISSED'} (${GROUPS} calls per tick, ratio ≤ ${TARGET_RATIO} at concurrency 8)`,
    );
    if (!allMet) process.exitCode = 1;
  } finally {
    host.send({ type: 'close' });
    await waitForExit(host, 5_000);
  }
}

main().catch((err: unknown) => {
  console.error(`query-plan: failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
});
