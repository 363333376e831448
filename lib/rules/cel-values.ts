import type { JobSummary } from '../flink/types';
import type { DeploymentFacts } from './types';

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
    this.starting = BigInt(s.starting);
    this.running = BigInt(s.running);
    this.cancelling = BigInt(s.cancelling);
    this.cancelled = BigInt(s.cancelled);
    this.finished = BigInt(s.finished);
    this.failed = BigInt(s.failed);
  }
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
  readonly [WINDOWS]: ReadonlyMap<string, JobCounts>;

  /** Throws a `RangeError` when a count is not a whole number (the normaliser should never let one through). */
  constructor(facts: DeploymentFacts, windows: ReadonlyMap<string, JobCounts>) {
    this.name = facts.name;
    this.deploymentId = facts.deploymentId;
    this.namespace = facts.namespace;
    this.workspace = facts.workspace;
    this.watch = facts.watch;
    this.labels = facts.labels;
    this.executionMode = facts.executionMode;
    this.engineVersion = facts.engineVersion;
    this.deploymentHasChanged = facts.deploymentHasChanged;
    this.starting = BigInt(facts.starting);
    this.running = BigInt(facts.running);
    this.cancelling = BigInt(facts.cancelling);
    this.cancelled = BigInt(facts.cancelled);
    this.finished = BigInt(facts.finished);
    this.failed = BigInt(facts.failed);
    this.increase = new JobCounts(facts.increase);
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
