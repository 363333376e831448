import type { Deployment, JobSummary } from '../flink/types';
import { FactsInputError } from './errors';
import {
  addSummaries,
  type CumulativeSample,
  counterDifference,
  newestAtOrBefore,
  positiveDelta,
  samplesBefore,
  zeroSummary,
} from './increase-math';
import type { DeploymentFactsWithWindows, DeploymentHistory, WindowedIncreases } from './types';
import { formatWindow } from './window';

export { recordSample } from './history';

/**
 * Nearly every deployment has no increase since its last check and none in its windows: they all share this one
 * frozen summary instead of a new one each (at 50 000 deployments and two windows, 150 000 objects per tick).
 */
const NO_INCREASE: Readonly<JobSummary> = Object.freeze(zeroSummary());

function sharedIfZero(summary: JobSummary): JobSummary {
  return summary.starting === 0 &&
    summary.running === 0 &&
    summary.cancelling === 0 &&
    summary.cancelled === 0 &&
    summary.finished === 0 &&
    summary.failed === 0
    ? NO_INCREASE
    : summary;
}

/**
 * Increase over the window (now − windowMs, now]: the sum of the positive steps between consecutive observations in
 * it, including the step from the newest sample at or before the window start and the step to the current summary.
 * When the history does not reach back to the window start, it counts from the oldest sample kept.
 */
function windowIncrease(
  samples: readonly CumulativeSample[],
  currentCumulative: JobSummary,
  now: number,
  windowMs: number,
): JobSummary {
  const baseline = Math.max(0, newestAtOrBefore(samples, now - windowMs));
  return counterDifference(currentCumulative, samples[baseline]!.c);
}

/**
 * The facts a rule sees for one deployment in one watch: current counts, `increase` since the previous check (resets
 * count 0), `firstSeen`, and the increase over each window in `windowsMs` (keyed by canonical label, e.g. `1h`).
 * Samples taken at or after `now` are ignored, so calling it after `recordSample` for the same tick is harmless.
 * Throws {@link FactsInputError} when the deployment has no job summary: such a deployment cannot be evaluated.
 */
export function buildDeploymentFacts(input: {
  deployment: Deployment;
  watch: string;
  history: DeploymentHistory | undefined;
  now: number;
  windowsMs: readonly number[];
}): DeploymentFactsWithWindows {
  const { deployment, watch, now, windowsMs } = input;
  const current = deployment.jobSummary;
  if (!current) {
    throw new FactsInputError(
      deployment.deploymentId,
      `deployment "${deployment.name}" (${deployment.deploymentId}) has no usable job summary` +
        `${deployment.jobSummaryProblem ? ` (${deployment.jobSummaryProblem})` : ''}; it cannot be evaluated`,
    );
  }
  const samples = input.history ? samplesBefore(input.history.samples, now) : [];
  const previous = samples[samples.length - 1];
  const increase = previous ? sharedIfZero(positiveDelta(previous.s, current)) : NO_INCREASE;

  const windows: WindowedIncreases = {};
  const currentCumulative = previous && windowsMs.length > 0 ? addSummaries(previous.c, increase) : undefined;
  for (const ms of windowsMs) {
    windows[formatWindow(ms)] = currentCumulative
      ? sharedIfZero(windowIncrease(samples, currentCumulative, now, ms))
      : NO_INCREASE;
  }

  return {
    name: deployment.name,
    deploymentId: deployment.deploymentId,
    namespace: deployment.namespace,
    workspace: deployment.workspace,
    watch,
    labels: deployment.labels,
    executionMode: deployment.executionMode,
    engineVersion: deployment.engineVersion,
    deploymentHasChanged: deployment.deploymentHasChanged,
    starting: current.starting,
    running: current.running,
    cancelling: current.cancelling,
    cancelled: current.cancelled,
    finished: current.finished,
    failed: current.failed,
    increase,
    firstSeen: previous === undefined,
    windows,
  };
}
