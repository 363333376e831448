import type { AlertTransition, Labels } from '../alerts/types';
import type { Config } from '../config/types';
import type { FlinkClient } from '../flink/types';
import type { Receiver } from '../notify/types';
import type { CompiledRule } from '../rules/compile';
import type { Clock } from '../runtime/clock';
import type { Deadline } from '../runtime/deadline';
import type { Logger } from '../runtime/logger';
import type { StateStore } from '../state/types';

/** Everything one tick needs, built once by a composition root (CLI, FC handler, demo) and passed in. */
export interface TickDeps {
  config: Config;
  rules: CompiledRule[];
  client: FlinkClient;
  store: StateStore;
  receivers: Map<string, Receiver>;
  clock: Clock;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  logger: Logger;
  random: () => number;
  newId: () => string;
  /** Resolved secret values (from the config loader) masked in every error and summary line. */
  secrets: string[];
}

export interface TickOptions {
  /** Evaluate as of this time (epoch ms); defaults to the clock. */
  now?: number;
  /** Decide and render, but send nothing and save no state. */
  dryRun: boolean;
  deadline: Deadline;
  /** Only these watches (default all). */
  watches?: string[];
  /**
   * Return what the tick saw and decided (answers, facts, verdicts, rendered messages) besides the summary; default
   * true. The timer function passes false: it only reports the summary, and without the details they can be
   * released before the state is saved.
   */
  details?: boolean;
}

export interface AlertLine {
  fingerprint: string;
  labels: Labels;
  status: 'pending' | 'firing' | 'resolved';
  transition?: AlertTransition;
  muted?: string;
}

/** The tick summary: what `run --json` prints and the timer handler returns. */
export interface TickSummary {
  now: string;
  dryRun: boolean;
  durationMs: number;
  /** Set when the tick did not run (another tick holds the lease). */
  skipped?: string;
  watches: { queried: number; ok: number; failed: number; apiCalls: number };
  deployments: { seen: number; evaluated: number; skipped: number };
  alerts: { pending: number; firing: number; resolved: number; held: number; muted: number };
  notifications: { planned: number; sent: number; queued: number; failed: number; dropped: number; outbox: number };
  errors: string[];
  warnings: string[];
}
