/** The six job states the platform counts in a deployment's `jobSummary`. */
export const JOB_STATES = ['starting', 'running', 'cancelling', 'cancelled', 'finished', 'failed'] as const;
export type JobState = (typeof JOB_STATES)[number];

/**
 * Counts of a deployment's jobs by state, kept over the deployment's whole history: `failed: 6` means six jobs
 * failed at some point, not that it is broken now. Rules look at increases between checks for that reason.
 */
export type JobSummary = Record<JobState, number>;

/** A deployment as flink-watch uses it, normalised from a loosely typed API answer. */
export interface Deployment {
  deploymentId: string;
  name: string;
  namespace: string;
  workspace: string;
  /** Label values as strings (the API can answer numbers, e.g. `"test2": 1`). */
  labels: Record<string, string>;
  /** `STREAMING`, `BATCH`, or `''` when the answer did not say. */
  executionMode: string;
  engineVersion: string;
  deploymentHasChanged: boolean;
  /** Epoch milliseconds; `null` when the answer did not say. */
  createdAt: number | null;
  modifiedAt: number | null;
  /** `null` when the answer carried no usable job summary; `jobSummaryProblem` then says why. Never zero-filled. */
  jobSummary: JobSummary | null;
  jobSummaryProblem?: string;
}

/** One API call: one workspace, one namespace, one label key, the union of values (comma = OR). */
export interface QueryKey {
  endpoint: string;
  workspace: string;
  namespace: string;
  labelKey: string;
}

/** One `GetDeploymentsByLabel` call. */
export interface LabelQuery extends QueryKey {
  /** Sent comma-joined (OR). */
  labelValues: string[];
}

/**
 * One element of an answer's `data`, normalised as it arrived (see normalise.ts): a usable deployment with notes on
 * the odd fields that were read leniently, or what was skipped and why, with its labels when they were readable so
 * that it can still be shown to the watches it belonged to.
 */
export type AnswerEntry =
  | { ok: true; deployment: Deployment; notes: string[] }
  | { ok: false; skipped: SkippedDeployment; labels?: Record<string, string> };

/** A successful answer. The raw elements are not kept: each is normalised as soon as it is parsed. */
export interface DeploymentsAnswer {
  requestId: string;
  /** In answer order. */
  entries: AnswerEntry[];
  /** How many attempts it took (1 = no retry). */
  attempts: number;
}

/** The seam between query planning and the network: `lib/flink/client.ts` implements it over openapi-client. */
export interface FlinkClient {
  /** Resolves with the answer or rejects with a `FlinkApiError`; retries inside `deadline`. */
  getDeploymentsByLabel(
    query: LabelQuery,
    deadline: import('../runtime/deadline').Deadline,
  ): Promise<DeploymentsAnswer>;
}

/** A deployment the answer carried but that could not be used, and why. */
export interface SkippedDeployment {
  deploymentId?: string;
  name?: string;
  reason: string;
}

/** What one watch saw in this tick. A failed query never looks like an empty selection. */
export type WatchResult =
  | { watch: string; ok: true; deployments: Deployment[]; skipped: SkippedDeployment[]; requestIds: string[] }
  | { watch: string; ok: false; error: Error };
