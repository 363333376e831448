import type { JobSummary } from '../flink/types';
import type { DeploymentFacts } from './types';

/** CEL integers are bigints; counts are small, so the common ones are shared instead of allocated per deployment. */
const SMALL_INTS: readonly bigint[] = Array.from({ length: 1024 }, (_, i) => BigInt(i));

/** A count as a CEL integer. Throws a `RangeError` when it is not a whole number. */
export function celInt(n: number): bigint {
  return n >= 0 && n < 1024 && (n | 0) === n ? SMALL_INTS[n]! : BigInt(n);
}

/**
 * The six job counts as CEL sees them (`increase`, `increaseIn("1h")`). A class with declared fields, so a typo such
 * as `increase.faild` is a compile problem rather than a runtime error. CEL integers are bigints in the library.
 */
export class JobCounts {
  readonly starting: bigint;
  readonly running: bigint;
  readonly cancelling: bigint;
  readonly cancelled: bigint;
  readonly finished: bigint;
  readonly failed: bigint;

  constructor(s: JobSummary) {
    this.starting = celInt(s.starting);
    this.running = celInt(s.running);
    this.cancelling = celInt(s.cancelling);
    this.cancelled = celInt(s.cancelled);
    this.finished = celInt(s.finished);
    this.failed = celInt(s.failed);
  }
}

const ZERO_COUNTS = Object.freeze(
  new JobCounts({ starting: 0, running: 0, cancelling: 0, cancelled: 0, finished: 0, failed: 0 }),
);

/** Counts as CEL sees them; all-zero counts (most increases, most of the time) share one frozen instance. */
export function jobCounts(s: JobSummary): JobCounts {
  return s.starting === 0 &&
    s.running === 0 &&
    s.cancelling === 0 &&
    s.cancelled === 0 &&
    s.finished === 0 &&
    s.failed === 0
    ? ZERO_COUNTS
    : new JobCounts(s);
}

/** Hidden slot of a {@link DeploymentActivation}: windowed increases by canonical label. Not reachable from CEL. */
export const WINDOWS: unique symbol = Symbol('flink-watch.windows');

/**
 * One deployment as CEL sees it: the activation of a per-deployment rule, and the element type of `deployments` in a
 * watch rule. Built once per deployment per tick and shared by every rule (see `activation.ts`).
 */
export class DeploymentActivation {
  readonly name: string;
  readonly deploymentId: string;
  readonly namespace: string;
  readonly workspace: string;
  readonly watch: string;
  readonly labels: Record<string, string>;
  readonly executionMode: string;
  readonly engineVersion: string;
  readonly deploymentHasChanged: boolean;
  readonly starting: bigint;
  readonly running: bigint;
  readonly cancelling: bigint;
  readonly cancelled: bigint;
  readonly finished: bigint;
  readonly failed: bigint;
  readonly increase: JobCounts;
  readonly firstSeen: boolean;
  /** The `deployment` variable of a per-deployment rule: the activation itself (`deployment.namespace`). */
  readonly deployment: DeploymentActivation;
  readonly [WINDOWS]: Readonly<Record<string, JobCounts>>;

  /** Throws a `RangeError` when a count is not a whole number (the normaliser should never let one through). */
  constructor(facts: DeploymentFacts, windows: Readonly<Record<string, JobCounts>>) {
    this.name = facts.name;
    this.deploymentId = facts.deploymentId;
    this.namespace = facts.namespace;
    this.workspace = facts.workspace;
    this.watch = facts.watch;
    this.labels = facts.labels;
    this.executionMode = facts.executionMode;
    this.engineVersion = facts.engineVersion;
    this.deploymentHasChanged = facts.deploymentHasChanged;
    this.starting = celInt(facts.starting);
    this.running = celInt(facts.running);
    this.cancelling = celInt(facts.cancelling);
    this.cancelled = celInt(facts.cancelled);
    this.finished = celInt(facts.finished);
    this.failed = celInt(facts.failed);
    this.increase = jobCounts(facts.increase);
    this.firstSeen = facts.firstSeen;
    this.deployment = this;
    this[WINDOWS] = windows;
  }
}

/** The activation of a watch rule (`scope: watch`). */
export interface WatchActivation {
  readonly watch: string;
  readonly deployments: readonly DeploymentActivation[];
}

export type RuleActivation = DeploymentActivation | WatchActivation;
