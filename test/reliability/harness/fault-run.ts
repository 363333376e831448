import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CONFIG_CHECKS } from '../../../lib/cli/config-checks';
import { parseConfigText } from '../../../lib/config';
import { systemClock } from '../../../lib/runtime/clock';
import { createDeadline } from '../../../lib/runtime/deadline';
import { createLogger } from '../../../lib/runtime/logger';
import { type Sandbox, startSandbox } from '../../../lib/sandbox/server';
import type { StateStore } from '../../../lib/state/types';
import { composeTick } from '../../../lib/tick/compose';
import { runTick } from '../../../lib/tick/run-tick';
import type { TickSummary } from '../../../lib/tick/types';
import { type ReceiverWorld, startReceiverWorld } from './fault-gate';
import { type WorldConfigOptions, type WorldEnv, worldConfigYaml, worldEnv, worldScenario } from './fault-world';
import { bodyEvents, dingTextEvents, type EventKey } from './ledger';
import { SECRETS } from './secrets';

/** Steps of the planned ticks, one simulated minute apart; recovery ticks then stay at the last step. */
export const PLAN_STEPS: readonly number[] = [0, 1, 1, 2, 2, 3, 4];
export const TICK_SPACING_MS = 60_000;
/** After the plan, ticks go on (fault lifted) until everything is accounted for, at most this many. */
export const MAX_RECOVERY_TICKS = 15;
export const START = Date.UTC(2025, 5, 2, 8, 0, 0);

export interface FaultContext {
  sandbox: Sandbox;
  receivers: ReceiverWorld;
  statePath: string;
}

/** What one tick did, as the verdict needs it. */
export interface TickRecord {
  index: number;
  step: number;
  faultOn: boolean;
  deadlineMs: number;
  wallMs: number;
  summary?: TickSummary;
  thrown?: string;
  /** Per receiver, events of the messages this tick rendered (decided). */
  decided: Map<string, EventKey[]>;
  /** Per receiver, events of messages rejected for good or dropped from the outbox (reported undeliverable). */
  undeliverable: Map<string, EventKey[]>;
  /** Requests each receiver's endpoint got during this tick. */
  hits: { hook: number; ding: number };
  /** Summaries of the ticks that ran beside this one (`parallel`) and skipped. */
  others: TickSummary[];
  /** API requests the sandbox answered with an injected fault during this tick. */
  apiFaults: number;
}

export interface FaultRun {
  ticks: TickRecord[];
  received: Map<string, EventKey[]>;
  logLines: string[];
  stateText: string;
  recoveryTicks: number;
}

export interface RunHooks {
  config?: Partial<WorldConfigOptions>;
  window: readonly number[];
  on(ctx: FaultContext): void | Promise<void>;
  off(ctx: FaultContext): void | Promise<void>;
  envWhileOn?: (env: WorldEnv) => WorldEnv;
  /** Wrap the tick's store (state faults); called for every tick with the fault on. */
  wrapStore?: (store: StateStore, ctx: FaultContext, tick: { now: number }) => StateStore;
  /** While the fault is on, start this many ticks at once on the same state (overlapping timer invocations). */
  parallel?: number;
  /** Stop recovery ticks once this holds. */
  settled(run: FaultRun): boolean;
}

function push(map: Map<string, EventKey[]>, receiver: string, events: EventKey[]): void {
  map.set(receiver, [...(map.get(receiver) ?? []), ...events]);
}

function received(receivers: ReceiverWorld): Map<string, EventKey[]> {
  return new Map([
    ['hook', receivers.hookAccepted.flatMap((b) => bodyEvents('hook', b))],
    ['ding', receivers.dingAccepted().flatMap(dingTextEvents)],
  ]);
}

/** Runs the world's ticks with a fault switched on for the `window` ticks, then recovery ticks. */
export async function runFaultWorld(hooks: RunHooks): Promise<FaultRun> {
  const sandbox = await startSandbox({
    scenario: worldScenario(),
    accessKeys: { [SECRETS.accessKeyId]: SECRETS.accessKeySecret },
  });
  const receivers = await startReceiverWorld();
  const dir = await mkdtemp(join(tmpdir(), 'flink-watch-fault-'));
  const statePath = join(dir, 'state.json');
  const ctx: FaultContext = { sandbox, receivers, statePath };
  const run: FaultRun = { ticks: [], received: new Map(), logLines: [], stateText: '', recoveryTicks: 0 };
  try {
    for (let index = 0; index < PLAN_STEPS.length + MAX_RECOVERY_TICKS; index++) {
      if (index >= PLAN_STEPS.length) {
        run.received = received(receivers);
        if (hooks.settled(run)) break;
        run.recoveryTicks += 1;
      }
      const step = PLAN_STEPS[Math.min(index, PLAN_STEPS.length - 1)] ?? 0;
      const faultOn = hooks.window.includes(index);
      sandbox.setStep(step);
      if (faultOn) await hooks.on(ctx);
      else await hooks.off(ctx);
      const simNow = START + index * TICK_SPACING_MS;
      run.ticks.push(await oneTick({ hooks, ctx, index, step, faultOn, simNow, logLines: run.logLines }));
    }
    run.received = received(receivers);
    run.stateText = await readFile(statePath, 'utf8').catch(() => '');
    return run;
  } finally {
    await receivers.close();
    await sandbox.close();
    await rm(dir, { recursive: true, force: true });
  }
}

/** Builds one cold-started tick (new client, store and receivers: only the state file carries over). */
export function composeWorldTick(input: {
  hooks: Pick<RunHooks, 'config' | 'envWhileOn'>;
  ctx: FaultContext;
  faultOn: boolean;
  logLines: string[];
}) {
  const { hooks, ctx, faultOn } = input;
  let env = worldEnv({ hookUrl: ctx.receivers.hook.url, dingUrl: ctx.receivers.ding.url });
  if (faultOn && hooks.envWhileOn) env = hooks.envWhileOn(env);
  const text = worldConfigYaml({ endpoint: ctx.sandbox.endpoint, statePath: ctx.statePath, ...hooks.config });
  const loaded = parseConfigText(text, { format: 'yaml', env, source: 'world.yaml', checks: CONFIG_CHECKS });
  const logger = createLogger({ level: 'debug', sink: (l) => input.logLines.push(l), secrets: loaded.secrets });
  const deps = composeTick(loaded, { logger, env, consoleWrite: () => {} });
  deps.random = () => 0;
  return deps;
}

async function oneTick(input: {
  hooks: RunHooks;
  ctx: FaultContext;
  index: number;
  step: number;
  faultOn: boolean;
  simNow: number;
  logLines: string[];
}): Promise<TickRecord> {
  const { hooks, ctx, faultOn } = input;
  const count = faultOn ? (hooks.parallel ?? 1) : 1;
  const all = Array.from({ length: count }, () => {
    const deps = composeWorldTick(input);
    if (faultOn && hooks.wrapStore) deps.store = hooks.wrapStore(deps.store, ctx, { now: input.simNow });
    return deps;
  });
  const deadlineMs = all[0]?.config.tickTimeoutMs ?? 0;
  const record: TickRecord = {
    index: input.index,
    step: input.step,
    faultOn,
    deadlineMs,
    wallMs: 0,
    decided: new Map(),
    undeliverable: new Map(),
    hits: { hook: 0, ding: 0 },
    others: [],
    apiFaults: 0,
  };
  const before = { hook: ctx.receivers.hook.server.requests.length, ding: ctx.receivers.ding.server.requests.length };
  const apiBefore = ctx.sandbox.requests.length;
  const started = performance.now();
  const outcomes = await Promise.allSettled(
    all.map((deps) =>
      runTick(deps, { dryRun: false, now: input.simNow, deadline: createDeadline(deadlineMs, systemClock) }),
    ),
  );
  record.wallMs = performance.now() - started;
  record.hits = {
    hook: ctx.receivers.hook.server.requests.length - before.hook,
    ding: ctx.receivers.ding.server.requests.length - before.ding,
  };
  record.apiFaults = ctx.sandbox.requests.slice(apiBefore).filter((r) => r.fault !== undefined).length;
  const ran = outcomes.find((o) => o.status === 'rejected' || o.value.summary.skipped === undefined) ?? outcomes[0];
  for (const o of outcomes) if (o !== ran && o.status === 'fulfilled') record.others.push(o.value.summary);
  if (ran?.status === 'rejected') {
    const err: unknown = ran.reason;
    record.thrown = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    return record;
  }
  if (!ran) return record;
  const result = ran.value;
  record.summary = result.summary;
  for (const r of result.rendered) {
    for (const m of r.messages) push(record.decided, m.receiver, bodyEvents(m.receiver, m.body));
  }
  for (const d of result.deliveries) {
    for (const f of d.fatal)
      push(record.undeliverable, f.message.receiver, bodyEvents(f.message.receiver, f.message.body));
    for (const x of d.dropped) {
      push(record.undeliverable, x.entry.message.receiver, bodyEvents(x.entry.message.receiver, x.entry.message.body));
    }
  }
  return record;
}
