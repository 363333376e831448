/**
 * Query planning and bounded-concurrency fetch against API latency: 200 watches over 20 (workspace, namespace,
 * label key) groups plan into 20 calls; with 50 ms per call and 8 in flight, no client can finish before
 * ⌈20/8⌉ × 50 ms = 150 ms. Prints, at concurrency 8 and at concurrency 1 (bound 20 × 50 ms, the baseline):
 * - the floor: the same 20 requests as plain signed HTTP, answers parsed, nothing else (sandbox + loopback cost);
 * - the fetch stage alone (planQueries + fetchWatches with the real client);
 * - a whole runTick (memory store, no receivers), each run the same third tick of a monitor.
 * Wall times are medians after a warm-up. The sandbox runs in its own process, as the real API does.
 * The target (issue: the tick's wall time ≤ 1.3 × the bound, plus a fixed overhead that is reported) is read as: the
 * fetch — what the plan, the concurrency and the latency decide — within 1.3 × the bound, and the rest of the tick
 * (state load and save, facts, rules, alerts) reported as the fixed overhead it is: it is the same at concurrency 8
 * and 1, whatever the latency.
 * Run: `npx tsx bench/query-plan.ts`. Loopback only; bounded.
 */
import { availableParallelism, loadavg } from 'node:os';
import { createFlinkClient } from '../lib/flink/client';
import { fetchWatches } from '../lib/flink/fetch-watches';
import { planQueries } from '../lib/flink/plan';
import { parseSelector } from '../lib/flink/selector';
import { systemClock } from '../lib/runtime/clock';
import { createDeadline } from '../lib/runtime/deadline';
import { silentLogger } from '../lib/runtime/logger';
import { createMemoryStore } from '../lib/state/memory-store';
import type { MonitorState } from '../lib/state/model';
import { composeTick } from '../lib/tick/compose';
import { runTick } from '../lib/tick/run-tick';
import { BENCH_ENV, loadBenchConfig } from './support/bench-config';
import { forkTypeScript, waitForExit } from './support/child-process';
import { exchange, numberField, stringField } from './support/ipc';
import { DEPLOYMENTS, GROUPS, queryPlanConfigYaml, WATCHES } from './support/query-plan-world';
import { createRawFetcher } from './support/raw-fetch';
import { type Run, reportLine, runMeasured } from './support/runs';
import { median, msText } from './support/timing';

const LATENCY_MS = 50;
const TARGET_RATIO = 1.3;
const SETUPS = [
  { concurrency: 8, warmups: 2, runs: 9 },
  { concurrency: 1, warmups: 1, runs: 5 },
] as const;
const IPC_TIMEOUT_MS = 60_000;
const BUDGET_MS = 60_000;
const T0 = Date.UTC(2024, 0, 1);

const signedMs = (ms: number) => `${ms >= 0 ? '+' : '−'}${msText(Math.abs(ms))}`;

async function main(): Promise<void> {
  const host = forkTypeScript('./sandbox-host.ts');
  try {
    const ready = await exchange(
      host,
      { type: 'start', world: 'query-plan', latencyMs: LATENCY_MS },
      'ready',
      IPC_TIMEOUT_MS,
    );
    const endpoint = stringField(ready, 'endpoint');
    const okRequests = async () => numberField(await exchange(host, { type: 'count' }, 'count', IPC_TIMEOUT_MS), 'ok');
    console.log(
      `query-plan: ${availableParallelism()} CPUs, node ${process.version}, load average ${loadavg()[0]?.toFixed(1)}; ` +
        `${DEPLOYMENTS} deployments, ${WATCHES} watches in ${GROUPS} groups, ${LATENCY_MS} ms per call (sandbox in its own process)`,
    );
    // The sandbox's own time per answer, with no latency added: the part of the floor no client can remove.
    const instant = await exchange(host, { type: 'start', world: 'query-plan', latencyMs: 0 }, 'ready', IPC_TIMEOUT_MS);
    const instantRaw = createRawFetcher(stringField(instant, 'endpoint'), 1);
    const allQueries = planQueries(
      loadBenchConfig(queryPlanConfigYaml(endpoint, 1), 'bench:query-plan').config.watches.map((w) => ({
        ...w,
        selector: parseSelector(w.selector),
      })),
      endpoint,
    ).calls.map((c) => c.query);
    const service = await runMeasured(async () => void (await instantRaw.fetchAll(allQueries)), {
      warmups: 1,
      runs: 5,
      countCalls: okRequests,
    });
    instantRaw.close();
    console.log(
      `query-plan: the sandbox answers one call in ${msText(median(service.map((r) => r.wallMs)) / GROUPS)} without ` +
        `latency (raw HTTP, ${GROUPS} calls in sequence, median of ${service.length})`,
    );
    let met = true;
    let fetchRatio = 0;
    const fixedOverheads: string[] = [];
    for (const { concurrency, warmups, runs } of SETUPS) {
      const bound = Math.ceil(GROUPS / concurrency) * LATENCY_MS;
      const measure = (sample: () => Promise<void>, prepare?: () => Promise<void>): Promise<Run[]> =>
        runMeasured(sample, { warmups, runs, countCalls: okRequests, ...(prepare ? { prepare } : {}) });
      const line = (stage: string, measured: Run[]) =>
        reportLine({ stage, concurrency, bound, expectedCalls: GROUPS, runs: measured });

      const loaded = loadBenchConfig(queryPlanConfigYaml(endpoint, concurrency), 'bench:query-plan');
      const { config } = loaded;
      const watches = config.watches.map((w) => ({ ...w, selector: parseSelector(w.selector) }));
      const queries = planQueries(watches, config.flink.endpoint).calls.map((c) => c.query);

      const raw = createRawFetcher(endpoint, concurrency);
      const floor = line('raw HTTP floor', await measure(async () => void (await raw.fetchAll(queries))));
      raw.close();

      const client = createFlinkClient({ flink: config.flink, logger: silentLogger, env: BENCH_ENV });
      const fetchOnce = async () => {
        const plan = planQueries(watches, config.flink.endpoint);
        const deadline = createDeadline(BUDGET_MS, systemClock);
        const results = await fetchWatches({ plan, watches, client, concurrency, deadline, logger: silentLogger });
        const failed = [...results.values()].filter((r) => !r.ok);
        if (failed.length > 0) throw new Error(`${failed.length} watches failed; first: ${failed[0]?.watch}`);
      };
      const fetched = line('fetch', await measure(fetchOnce));

      // Each measured tick starts from the state two ticks left, at the same time: the same third tick every run.
      const deps = composeTick(loaded, {
        logger: silentLogger,
        env: BENCH_ENV,
        store: createMemoryStore(),
        receivers: new Map(),
      });
      let snapshot: MonitorState | undefined;
      for (let i = 1; i <= 2; i++) {
        snapshot = (
          await runTick(deps, { dryRun: false, now: T0 + i * 60_000, deadline: createDeadline(BUDGET_MS, systemClock) })
        ).state;
      }
      let store = createMemoryStore();
      const seedStore = async () => {
        store = createMemoryStore();
        await store.save(snapshot, null);
      };
      const tickOnce = async () => {
        const deadline = createDeadline(BUDGET_MS, systemClock);
        const { summary } = await runTick({ ...deps, store }, { dryRun: false, now: T0 + 3 * 60_000, deadline });
        if (summary.errors.length > 0)
          throw new Error(`the tick reported errors: ${summary.errors.slice(0, 3).join('; ')}`);
        if (summary.watches.ok !== WATCHES)
          throw new Error(`only ${summary.watches.ok} of ${WATCHES} watches answered`);
      };
      const ticked = line('whole tick', await measure(tickOnce, seedStore));

      for (const result of [floor, fetched, ticked]) console.log(result.text);
      const waves = Math.ceil(GROUPS / concurrency);
      console.log(
        `query-plan: concurrency ${concurrency}: the floor is ${msText(floor.wallMs - bound)} over the bound ` +
          `(${msText((floor.wallMs - bound) / waves)} per call in sequence: sandbox and loopback); fetch ` +
          `${signedMs(fetched.wallMs - floor.wallMs)} over the floor; the rest of the tick ${signedMs(ticked.wallMs - fetched.wallMs)}`,
      );
      const wrongCalls = [floor, fetched, ticked].find((r) => !r.callsOk);
      if (wrongCalls) throw new Error(`a run did not make exactly ${GROUPS} calls: ${wrongCalls.text}`);
      fixedOverheads.push(`${signedMs(ticked.wallMs - fetched.wallMs)} at concurrency ${concurrency}`);
      if (concurrency > 1) {
        fetchRatio = fetched.ratio;
        met = met && fetched.ratio <= TARGET_RATIO;
      }
    }
    console.log(
      `query-plan: ${met ? 'target met' : 'TARGET MISSED'}: ${GROUPS} calls per tick; fetch ${fetchRatio.toFixed(2)} × the ` +
        `bound at concurrency 8 (target ≤ ${TARGET_RATIO}); the tick's fixed overhead beyond the fetch ` +
        `${fixedOverheads.join(', ')} (state, facts, rules and alerts of ${DEPLOYMENTS} deployments)`,
    );
  } finally {
    host.send({ type: 'close' });
    await waitForExit(host, 5_000);
  }
}

main().catch((err: unknown) => {
  console.error(`query-plan: failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
});
