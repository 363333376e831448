import type { JobSummary } from '../flink/types';

/** One observation of a deployment's job summary, kept in the state between ticks. */
export interface SummarySample {
  /** Epoch ms of the tick that saw it. */
  t: number;
  s: JobSummary;
  /** Cumulative increase since the history began (see {@link CumulativeIncrease}); absent in older states. */
  c?: JobSummary;
}

/**
 * What the state remembers about one deployment (key: `workspace/namespace/deploymentId`). `samples` is bounded by
 * the longest window any rule uses, so the state stays small.
 */
export interface DeploymentHistory {
  name: string;
  watches: string[];
  lastSeenAt: number;
  samples: SummarySample[];
}

/**
 * The CEL activation of a per-deployment rule (design.md §2). Counts are the current ones; `increase` is since the
 * previous check (a count that went down is a reset and counts as 0, never negative).
 */
export interface DeploymentFacts {
  name: string;
  deploymentId: string;
  namespace: string;
  workspace: string;
  watch: string;
  labels: Record<string, string>;
  executionMode: string;
  engineVersion: string;
  deploymentHasChanged: boolean;
  starting: number;
  running: number;
  cancelling: number;
  cancelled: number;
  finished: number;
  failed: number;
  increase: JobSummary;
  /** True on the first observation of this deployment (no previous check to compare with). */
  firstSeen: boolean;
}

/**
 * Optional on {@link SummarySample} (`c`): the deployment's cumulative increase per count since its history began,
 * resets counted as 0. Differences of `c` between any two kept samples are exact even after old samples were thinned
 * out, which is what keeps windowed increases right while the history stays bounded. Older states without `c` are
 * read by deriving it from `s`.
 */
export type CumulativeIncrease = JobSummary;

/** The windowed increases a deployment's rules use, keyed by canonical window label (`10m`, `1h`, `1h30m`). */
export type WindowedIncreases = Record<string, JobSummary>;

/** What `buildDeploymentFacts` returns: the facts plus the windowed increases (only the windows the rules use). */
export interface DeploymentFactsWithWindows extends DeploymentFacts {
  windows: WindowedIncreases;
}

/** A problem found while compiling a rule; `flink-watch validate` prints them. */
export interface RuleProblem {
  rule: string;
  /** Index of the rule in `rules`. */
  index: number;
  /** Config path of the offending field, e.g. `rules[2].when`. */
  path: string;
  message: string;
  /** 0-based character offset in the expression where the problem starts. */
  position?: number;
  /** The expression with a caret under the problem, for terminals. */
  snippet?: string;
}

/** The outcome of one rule for one deployment (scope `deployment`) or one watch (scope `watch`). */
export interface RuleResult {
  rule: string;
  watch: string;
  scope: 'deployment' | 'watch';
  /** `workspace/namespace/deploymentId`; only for scope `deployment`. */
  deploymentKey?: string;
  holds: boolean | 'error';
}

/** A rule that could not be evaluated for one deployment (or one watch); every other evaluation still happened. */
export interface RuleRuntimeError {
  rule: string;
  watch: string;
  deploymentId?: string;
  /** `workspace/namespace/deploymentId`; only for scope `deployment`. */
  deploymentKey?: string;
  message: string;
}
