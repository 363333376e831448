import type { WatchResult } from '../flink/types';
import type { DeliveryReport } from '../notify/deliver';
import type { RuleRuntimeError } from '../rules/types';
import { RuleVerdicts } from '../rules/verdicts';
import type { MonitorState } from '../state/model';
import type { Lease } from '../state/types';
import type { AlertChange } from './advance-alerts';
import { decideTick } from './decide-tick';
import type { RenderedPlan } from './notify-step';
import type { Observation } from './observe';
import { summarise } from './summary';
import type { TickDeps, TickOptions, TickSummary } from './types';

/** Everything a tick decided, for `explain`, the report and tests; `summary` is what gets printed. */
export interface TickResult {
  summary: TickSummary;
  now: number;
  results: Map<string, WatchResult>;
  observation?: Observation;
  ruleResults: RuleVerdicts;
  ruleErrors: RuleRuntimeError[];
  changes: AlertChange[];
  rendered: RenderedPlan[];
  deliveries: DeliveryReport[];
  state?: MonitorState;
}

const LEASE_MARGIN_MS = 30_000;

function noDetails(): Omit<TickResult, 'summary' | 'now' | 'state'> {
  return {
    results: new Map(),
    ruleResults: new RuleVerdicts([]),
    ruleErrors: [],
    changes: [],
    rendered: [],
    deliveries: [],
  };
}

/**
 * One monitor tick, exactly what the timer handler does: query → facts → rules → alert transitions → mute → group →
 * decide → deliver (+ outbox) → save. Never throws for a failed query or delivery (those are reported in the
 * summary); throws only when the state cannot be loaded or saved, which the caller reports as a failed tick.
 */
/**
 * One monitor tick, exactly what the timer handler does: take the state lease, decide (decide-tick.ts), save, let
 * the lease go. Never throws for a failed query or delivery (those are reported in the summary); throws only when the
 * state cannot be loaded or saved, which the caller reports as a failed tick.
 */
export async function runTick(deps: TickDeps, options: TickOptions): Promise<TickResult> {
  const { store, clock, logger } = deps;
  const started = clock.now();
  const now = options.now ?? started;
  const errors: string[] = [];
  const warnings: string[] = [];

  let lease: Lease | null = null;
  if (!options.dryRun) {
    lease = await store.acquire(deps.newId(), options.deadline.remainingMs() + LEASE_MARGIN_MS, started);
    if (!lease) {
      const summary = summarise({ now, dryRun: false, durationMs: clock.now() - started, errors, warnings });
      summary.skipped = 'another tick holds the state lease; this tick did nothing';
      logger.warn(summary.skipped);
      return { summary, now, ...noDetails() };
    }
  }
  try {
    const decided = await decideTick(deps, options, { now, started, errors, warnings });
    if (!options.dryRun) await store.save(decided.next, decided.loadedVersion);
    const summary = { ...decided.summary, durationMs: clock.now() - started };
    return { summary, now, ...(decided.details ?? noDetails()), state: decided.next };
  } finally {
    if (lease) {
      await store.release(lease).catch((err: unknown) => {
        logger.warn('could not release the state lease; it expires by itself', { error: err });
      });
    }
  }
}
