import type { JobSummary } from '../flink/types';

/** One observation of a deployment's job summary, kept in the state between ticks. */
export interface SummarySample {
  /** Epoch ms of the tick that saw it. */
  t: number;
  s: JobSummary;
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
