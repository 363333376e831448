/**
 * The measured process of bench/tick-memory.ts: runs whole ticks (no receivers; the state as OSS-like bytes in the
 * file `statePath`) on the parent's command and reports memory. It is bundled and run by plain `node`, as the
 * deployed function is, so the figures are not inflated by a TypeScript loader.
 * Messages: parent `start { yaml, env, statePath }` → `started`; `tick { now }` → `tick-done { ms, … }`;
 * `finish` → `peak { … }`, then `sizes { … }` (measured after the peak was taken).
 */
import { resourceUsage } from 'node:process';
import { CONFIG_CHECKS } from '../../lib/cli/config-checks';
import { parseConfigText } from '../../lib/config';
import { systemClock } from '../../lib/runtime/clock';
import { createDeadline } from '../../lib/runtime/deadline';
import { silentLogger } from '../../lib/runtime/logger';
import { composeTick } from '../../lib/tick/compose';
import { runTick, type TickResult } from '../../lib/tick/run-tick';
import type { TickDeps } from '../../lib/tick/types';
import { createBlobFileStore } from './blob-store';
import { type BenchMessage, failToParent, isBenchMessage, numberField, stringField, tellParent } from './ipc';

const loadedRss = process.memoryUsage().rss;
const loadedMaxRssKb = resourceUsage().maxRSS;
const HEAP_SAMPLE_MS = 5;
const TICK_BUDGET_MS = 120_000;

/** Heap use sampled while the event loop is free (synchronous stretches are seen at their ends). */
const heap = { usedPeak: 0, totalPeak: 0 };
function sampleHeap(): void {
  const m = process.memoryUsage();
  heap.usedPeak = Math.max(heap.usedPeak, m.heapUsed);
  heap.totalPeak = Math.max(heap.totalPeak, m.heapTotal);
}

let deps: TickDeps | undefined;
let last: TickResult | undefined;

function envOf(message: BenchMessage): Record<string, string> {
  const raw = message['env'];
  if (typeof raw !== 'object' || raw === null) throw new TypeError('start message has no env map');
  return Object.fromEntries(Object.entries(raw).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

async function handle(message: BenchMessage): Promise<void> {
  if (message.type === 'start') {
    const env = envOf(message);
    const loaded = parseConfigText(stringField(message, 'yaml'), {
      format: 'yaml',
      env,
      source: 'bench',
      checks: CONFIG_CHECKS,
    });
    const store = createBlobFileStore(stringField(message, 'statePath'));
    deps = composeTick(loaded, { logger: silentLogger, env, store, receivers: new Map() });
    tellParent({ type: 'started' });
  } else if (message.type === 'tick') {
    if (!deps) throw new Error('tick before start');
    const timer = setInterval(sampleHeap, HEAP_SAMPLE_MS);
    const started = performance.now();
    last = undefined; // let the previous result go before the next tick allocates
    try {
      last = await runTick(deps, {
        dryRun: false,
        now: numberField(message, 'now'),
        deadline: createDeadline(TICK_BUDGET_MS, systemClock),
        // As the timer function runs it: summary only.
        details: false,
      });
    } finally {
      clearInterval(timer);
    }
    const ms = performance.now() - started;
    sampleHeap();
    const s = last.summary;
    tellParent({
      type: 'tick-done',
      ms,
      rss: process.memoryUsage().rss,
      heapUsed: process.memoryUsage().heapUsed,
      maxRssKb: resourceUsage().maxRSS,
      deployments: s.deployments.evaluated,
      apiCalls: s.watches.apiCalls,
      firing: s.alerts.firing,
      pending: s.alerts.pending,
      errors: s.errors.length,
      firstError: s.errors[0] ?? '',
    });
  } else if (message.type === 'finish') {
    tellParent({
      type: 'peak',
      maxRssKb: resourceUsage().maxRSS,
      loadedRss,
      loadedMaxRssKb,
      heapUsedPeak: heap.usedPeak,
      heapTotalPeak: heap.totalPeak,
    });
    // Sizes after the peak was reported: serialising the state here allocates as much as a save does.
    const state = last?.state;
    tellParent({
      type: 'sizes',
      stateJsonBytes: state ? Buffer.byteLength(JSON.stringify(state)) : 0,
      histories: state ? Object.keys(state.deployments).length : 0,
      alerts: state ? Object.keys(state.alerts).length : 0,
    });
    process.disconnect?.();
  }
}

process.on('message', (raw: unknown) => {
  if (isBenchMessage(raw)) handle(raw).catch(failToParent);
});
process.on('disconnect', () => process.exit(0));
tellParent({ type: 'loaded' });
