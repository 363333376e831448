import type { Deployment } from '../../lib/flink/types';
import { recordSample } from '../../lib/rules/history';
import type { DeploymentHistory } from '../../lib/rules/types';
import type { Scenario } from '../../lib/sandbox/scenario';
import { scenarioAtStep } from '../../lib/sandbox/scenario-timeline';
import { emptyState, type MonitorState } from '../../lib/state/model';

const DAY_MS = 86_400_000;

/** The samples a quiet deployment has after a day of ticks, as the real `recordSample` keeps them. */
function dayOfSamples(summary: Deployment['jobSummary'], until: number, tickMs: number, keepMs: number) {
  const deployment = { jobSummary: summary, name: 'x' } as Deployment;
  let history: DeploymentHistory | undefined;
  const ticks = Math.ceil(DAY_MS / tickMs);
  for (let i = ticks; i >= 1; i--) {
    history = recordSample(history, { deployment, watches: [], now: until - i * tickMs, keepMs });
  }
  return history?.samples ?? [];
}

/**
 * The state a monitor has after running for a day with one tick every `tickMs` over `scenario` at step 0 (nothing
 * changing): each deployment's history as `recordSample` leaves it, keyed as the tick keys it. Histories with the
 * same counts share their sample list here; once saved as JSON each has its own, as in a real state.
 */
export function steadyState(
  scenario: Scenario,
  options: { now: number; tickMs: number; keepMs: number; watchOf: (index: number) => string | undefined },
): MonitorState {
  const state = emptyState();
  const byCounts = new Map<string, DeploymentHistory['samples']>();
  scenarioAtStep(scenario, 0).forEach((at, index) => {
    const watch = options.watchOf(index);
    if (watch === undefined || !at.present) return;
    const countsKey = JSON.stringify(at.jobSummary);
    let samples = byCounts.get(countsKey);
    if (!samples) {
      samples = dayOfSamples(at.jobSummary, options.now, options.tickMs, options.keepMs);
      byCounts.set(countsKey, samples);
    }
    const d = at.deployment;
    state.deployments[`${d.workspace}/${d.namespace}/${d.id}`] = {
      name: d.name,
      watches: [watch],
      lastSeenAt: options.now - options.tickMs,
      samples,
    };
  });
  state.savedAt = new Date(options.now - options.tickMs).toISOString();
  return state;
}
