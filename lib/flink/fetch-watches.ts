import type { Deadline } from '../runtime/deadline';
import type { Logger } from '../runtime/logger';
import type { PlannedCall, PlannedWatch, QueryPlan } from './plan';
import { runBounded } from './pool';
import { QueryNotStartedError, WatchNotPlannedError } from './selector-errors';
import { type SplitAnswer, splitAnswer } from './split-answer';
import type { DeploymentsAnswer, FlinkClient, WatchResult } from './types';

export interface FetchWatchesOptions {
  plan: QueryPlan;
  /** The watches the plan was made from. */
  watches: readonly PlannedWatch[];
  client: FlinkClient;
  /** At most this many calls in flight. */
  concurrency: number;
  deadline: Deadline;
  logger: Logger;
}

/** How many examples of notes and skipped deployments one log line carries. */
const LOG_EXAMPLES = 5;

function asError(reason: unknown): Error {
  return reason instanceof Error ? reason : new Error(`the label query failed: ${String(reason)}`);
}

async function runCall(call: PlannedCall, options: FetchWatchesOptions): Promise<DeploymentsAnswer> {
  const { deadline } = options;
  if (deadline.signal.aborted || deadline.remainingMs() <= 0) {
    throw new QueryNotStartedError(
      `the time budget ran out before the label query for "${call.query.labelKey}" in ` +
        `${call.query.workspace}/${call.query.namespace} could start; raise the function timeout or ` +
        'flink.concurrency, or split the watches over several functions',
    );
  }
  return options.client.getDeploymentsByLabel(call.query, deadline);
}

function logAnswer(logger: Logger, call: PlannedCall, answer: DeploymentsAnswer, split: SplitAnswer): void {
  const fields = { requestId: answer.requestId, watches: call.watches };
  logger.debug('label query answered', { deployments: answer.entries.length, attempts: answer.attempts, ...fields });
  if (split.notes.length > 0) {
    const examples = split.notes.slice(0, LOG_EXAMPLES);
    logger.warn('odd fields in the answer were normalised', { deployments: split.notes.length, examples, ...fields });
  }
  if (split.skipped.length > 0) {
    const examples = split.skipped.slice(0, LOG_EXAMPLES);
    logger.warn('deployments in the answer could not be used', { count: split.skipped.length, examples, ...fields });
  }
  if (split.duplicates > 0) logger.warn('the answer listed deployments twice', { count: split.duplicates, ...fields });
}

/**
 * Runs the plan's calls (at most `concurrency` at once, none started once the deadline has passed) and hands every
 * watch the deployments its full selector matches. A failed call makes each of its watches `{ ok: false }`, and so
 * does a watch no call covers: a failure never looks like an empty selection.
 * The map follows the order of `watches`.
 */
export async function fetchWatches(options: FetchWatchesOptions): Promise<Map<string, WatchResult>> {
  const { plan, watches, concurrency, logger } = options;
  const byName = new Map(watches.map((watch) => [watch.name, watch]));
  const outcomes = await runBounded(plan.calls, concurrency, (call) => runCall(call, options));
  const answered = new Map<string, WatchResult>();
  plan.calls.forEach((call, index) => {
    const callWatches = call.watches.flatMap((name) => byName.get(name) ?? []);
    const outcome = outcomes[index];
    let split: SplitAnswer | undefined;
    let failure: unknown;
    if (outcome?.status === 'fulfilled') {
      try {
        split = splitAnswer(call, outcome.value.entries, callWatches);
        logAnswer(logger, call, outcome.value, split);
      } catch (err) {
        failure = err;
      }
    } else {
      failure = outcome?.reason;
    }
    if (outcome?.status !== 'fulfilled' || split === undefined) {
      const error = asError(failure);
      const { workspace, namespace, labelKey } = call.query;
      logger.warn('label query failed', { workspace, namespace, labelKey, watches: call.watches, error });
      for (const watch of callWatches) answered.set(watch.name, { watch: watch.name, ok: false, error });
      return;
    }
    const { requestId } = outcome.value;
    for (const [watch, share] of split.shares) {
      answered.set(watch, { watch, ok: true, ...share, requestIds: [requestId] });
    }
  });
  const results = new Map<string, WatchResult>();
  for (const { name } of watches) {
    const result = answered.get(name);
    if (result !== undefined) {
      results.set(name, result);
      continue;
    }
    const error = new WatchNotPlannedError(
      `watch "${name}" is not covered by any planned query; plan the watches again`,
    );
    results.set(name, { watch: name, ok: false, error });
  }
  return results;
}
