import { JOB_STATES, type JobSummary } from '../flink/types';
import type { LabelValue, Scenario, ScenarioDeployment } from './scenario';
import { HISTORY_COUNTS } from './scenario-validate';

/** A deployment as the scenario has it at one step. */
export interface DeploymentAtStep {
  deployment: ScenarioDeployment;
  present: boolean;
  labels: Record<string, LabelValue>;
  jobSummary: JobSummary;
}

interface Folded {
  present: boolean;
  labels: Record<string, LabelValue>;
  counts: JobSummary;
}

function zeroSummary(): JobSummary {
  return { starting: 0, running: 0, cancelling: 0, cancelled: 0, finished: 0, failed: 0 };
}

/** Applies every change with `at <= step` in order. */
function foldUntil(d: ScenarioDeployment, step: number): Folded {
  const state: Folded = { present: true, labels: { ...d.labels }, counts: zeroSummary() };
  for (const change of d.timeline) {
    if (change.at > step) break;
    Object.assign(state.counts, change.counts);
    if (change.present !== undefined) state.present = change.present;
    for (const [key, value] of Object.entries(change.labels ?? {})) {
      if (value === null) delete state.labels[key];
      else state.labels[key] = value;
    }
  }
  return state;
}

/**
 * One deployment at `step`. Looping replays the timeline, but history counts carry on from where the previous pass
 * ended (each pass adds what one pass adds), so a monitor sees them grow, never fall.
 */
export function deploymentAtStep(
  scenario: Pick<Scenario, 'loop' | 'steps'>,
  d: ScenarioDeployment,
  step: number,
): DeploymentAtStep {
  const s = Math.max(0, Math.floor(step));
  const cycle = scenario.loop ? Math.floor(s / scenario.steps) : 0;
  const local = scenario.loop ? s % scenario.steps : s;
  const folded = foldUntil(d, local);
  const jobSummary = { ...folded.counts };
  if (cycle > 0) {
    const first = foldUntil(d, 0).counts;
    const last = foldUntil(d, scenario.steps - 1).counts;
    for (const state of HISTORY_COUNTS) jobSummary[state] += cycle * (last[state] - first[state]);
  }
  for (const state of JOB_STATES) jobSummary[state] = Math.max(0, jobSummary[state]);
  return { deployment: d, present: folded.present, labels: folded.labels, jobSummary };
}

/** Every deployment of the scenario at `step` (present or not, so callers can tell). */
export function scenarioAtStep(scenario: Scenario, step: number): DeploymentAtStep[] {
  return scenario.deployments.map((d) => deploymentAtStep(scenario, d, step));
}
