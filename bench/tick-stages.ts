/**
 * Where a big tick's time and memory go: the stages of `runTick` (load, fetch, normalise, facts, rules, alerts,
 * save) run one by one over the tick-memory world, with a full GC after each so that "retained" is what the stage
 * leaves alive and "allocated" what it created before collection. The sandbox runs in its own process.
 * Run: `npx tsx bench/tick-stages.ts [deployments]` (re-runs itself with --expose-gc). Loopback only; bounded.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createFlinkClient } from '../lib/flink/client';
import { planQueries } from '../lib/flink/plan';
import { parseSelector } from '../lib/flink/selector';
import { splitAnswer } from '../lib/flink/split-answer';
import type { AnswerEntry } from '../lib/flink/types';
import { allWindowsMs, compileRules, evaluateRules, maxWindowMs } from '../lib/rules';
import { systemClock } from '../lib/runtime/clock';
import { createDeadline } from '../lib/runtime/deadline';
import { silentLogger } from '../lib/runtime/logger';
import { compactState } from '../lib/state/compact-state';
import { decodeState } from '../lib/state/decode-state';
import { createMemoryStore } from '../lib/state/memory-store';
import { advanceRuleAlerts } from '../lib/tick/advance-alerts';
import { observe } from '../lib/tick/observe';
import { BENCH_ENV, loadBenchConfig } from './support/bench-config';
import { forkTypeScript, TSX_LOADER, waitForExit } from './support/child-process';
import { exchange, stringField } from './support/ipc';
import { memoryConfigYaml } from './support/memory-world';
import { mib, msText } from './support/timing';

const DEFAULT_DEPLOYMENTS = 50_000;
const TICKS = 4;
const DAY_MS = 86_400_000;
const IPC_TIMEOUT_MS = 120_000;

interface StageFigures {
  name: string;
  ms: number;
  allocated: number;
  retained: number;
}

function collect(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with --expose-gc');
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

/** Runs one stage and reports its time, what it allocated before a GC, and what it left alive after one. */
async function stage<T>(figures: StageFigures[], name: string, fn: () => T | Promise<T>): Promise<T> {
  const base = collect();
  const started = performance.now();
  const value = await fn();
  const ms = performance.now() - started;
  const allocated = process.memoryUsage().heapUsed - base;
  figures.push({ name, ms, allocated, retained: collect() - base });
  return value;
}

async function run(count: number): Promise<void> {
  const host = forkTypeScript('./sandbox-host.ts');
  try {
    const ready = await exchange(
      host,
      { type: 'start', world: 'tick-memory', latencyMs: 0, deployments: count },
      'ready',
      IPC_TIMEOUT_MS,
    );
    const loaded = loadBenchConfig(memoryConfigYaml(stringField(ready, 'endpoint')), 'bench:tick-stages');
    const { config } = loaded;
    const { compiled } = compileRules(config.rules);
    const client = createFlinkClient({ flink: config.flink, logger: silentLogger, env: BENCH_ENV });
    const store = createMemoryStore();
    const watches = config.watches.map((w) => ({ ...w, selector: parseSelector(w.selector) }));
    const windowsMs = allWindowsMs(compiled);
    const keepMs = Math.max(maxWindowMs(compiled), DAY_MS);
    const t0 = Date.UTC(2024, 0, 1);
    console.log(
      `tick-stages: ${count} deployments, ${config.watches.length} watches, ${compiled.length} rules; heap figures after a full GC`,
    );
    for (let tick = 0; tick < TICKS; tick++) {
      await exchange(host, { type: 'step', step: tick }, 'stepped', IPC_TIMEOUT_MS);
      const now = t0 + tick * 60_000;
      const figures: StageFigures[] = [];
      const loadedState = await stage(figures, 'load state', async () => {
        const doc = await store.load();
        return { version: doc.version, state: decodeState(doc.data, { now }).state };
      });
      const plan = planQueries(watches, config.flink.endpoint);
      const call = plan.calls[0];
      if (plan.calls.length !== 1 || !call) throw new Error(`expected one planned call, got ${plan.calls.length}`);
      let entries: AnswerEntry[] | undefined = await stage(figures, 'fetch + normalise', async () => {
        const answer = await client.getDeploymentsByLabel(call.query, createDeadline(IPC_TIMEOUT_MS, systemClock));
        return answer.entries;
      });
      const split = await stage(figures, 'split per watch', () => splitAnswer(call, entries ?? [], watches));
      await stage(figures, 'drop the answer', () => {
        entries = undefined;
      });
      const results = new Map(
        [...split.shares].map(([watch, share]) => [watch, { watch, ok: true as const, ...share, requestIds: ['x'] }]),
      );
      const observation = await stage(figures, 'observe (facts + history)', () =>
        observe({ results, histories: loadedState.state.deployments, now, windowsMs, keepMs }),
      );
      const evaluation = await stage(figures, 'evaluate rules', () =>
        evaluateRules({ compiled, watches: [...observation.facts].map(([watch, facts]) => ({ watch, facts })) }),
      );
      const names = new Set(results.keys());
      const alerts = await stage(figures, 'advance alerts', () =>
        advanceRuleAlerts({
          config,
          observation,
          ruleResults: evaluation.results,
          okWatches: names,
          failedWatches: new Set(),
          previous: loadedState.state.alerts,
          now,
        }),
      );
      const next = await stage(figures, 'compact state', () =>
        compactState(
          { ...loadedState.state, deployments: observation.histories, alerts: alerts.alerts },
          {
            now,
            historyKeepMs: keepMs,
            resolvedRetentionMs: config.alerting.resolvedRetentionMs,
            maxSamplesPerDeployment: 512,
            forgetDeploymentsAfterMs: Math.max(keepMs, 7 * DAY_MS),
            sendsKeepMs: 10 * 60_000,
          },
        ),
      );
      await stage(figures, 'save (JSON)', () => store.save(next, loadedState.version));
      const rows = figures.map(
        (f) => `${f.name} ${msText(f.ms)} +${mib(f.allocated)}/${f.retained >= 0 ? '+' : ''}${mib(f.retained)}`,
      );
      console.log(
        `tick-stages: tick ${tick + 1}: ${evaluation.results.size} rule results, ${Object.keys(alerts.alerts).length} alerts; ` +
          `stage time +allocated/retained: ${rows.join('; ')}; heap now ${mib(collect())}`,
      );
    }
  } finally {
    host.send({ type: 'close' });
    await waitForExit(host, 5_000);
  }
}

const arg = Number(process.argv[2] ?? DEFAULT_DEPLOYMENTS);
const count = Number.isSafeInteger(arg) && arg > 0 ? arg : DEFAULT_DEPLOYMENTS;
if ((globalThis as { gc?: unknown }).gc === undefined) {
  // Re-run with --expose-gc: retained figures need a full collection between stages.
  const self = fork(fileURLToPath(import.meta.url), [String(count)], {
    execArgv: ['--expose-gc', '--import', TSX_LOADER],
    stdio: 'inherit',
  });
  self.on('exit', (code) => {
    process.exitCode = code ?? 1;
  });
} else {
  run(count).catch((err: unknown) => {
    console.error(`tick-stages: failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 1;
  });
}
