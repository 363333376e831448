import type { DeploymentHistory, SummarySample } from '../rules/types';
import type { HistoryPoint } from './model';

/** How far back the report's charts look. */
export const HISTORY_WINDOW_MS = 24 * 60 * 60 * 1000;

/** Failures added between two samples; a count that went down is a reset and adds nothing. */
function failedIncrease(previous: SummarySample | undefined, current: SummarySample): number {
  if (!previous) return 0;
  if (previous.c && current.c) return Math.max(0, current.c.failed - previous.c.failed);
  return Math.max(0, current.s.failed - previous.s.failed);
}

interface Step {
  t: number;
  /** Change of the watch's `running` total at `t`. */
  running: number;
  failed: number;
}

/** One deployment's contribution: its value at the window start, then a step at each change and when it left. */
function stepsOf(history: DeploymentHistory, from: number, now: number, steps: Step[]): number {
  const samples = [...history.samples].sort((a, b) => a.t - b.t);
  let current = 0;
  let initial = 0;
  samples.forEach((sample, index) => {
    if (sample.t > now) return;
    if (sample.t <= from) {
      current = sample.s.running;
      initial = current;
      return;
    }
    steps.push({
      t: sample.t,
      running: sample.s.running - current,
      failed: failedIncrease(samples[index - 1], sample),
    });
    current = sample.s.running;
  });
  // Not seen since: it left the selection (or the watch went blind); it no longer counts after its last sighting.
  if (history.lastSeenAt < now && history.lastSeenAt > from) {
    steps.push({ t: history.lastSeenAt + 1, running: -current, failed: 0 });
  }
  return initial;
}

/**
 * One watch's totals over the last 24 h: `running` summed across its deployments (each carried forward from its last
 * change: the state keeps a sample only when counts change), `failed` the failures added at each point. Points are
 * the window start, every change, and `now`. Only as far back as the state keeps samples.
 */
export function watchHistory(
  deployments: Readonly<Record<string, DeploymentHistory>>,
  watch: string,
  now: number,
): HistoryPoint[] {
  const from = now - HISTORY_WINDOW_MS;
  const steps: Step[] = [];
  let running = 0;
  let any = false;
  for (const history of Object.values(deployments)) {
    if (!history.watches.includes(watch) || history.samples.length === 0) continue;
    any = true;
    running += stepsOf(history, from, now, steps);
  }
  if (!any) return [];
  steps.sort((a, b) => a.t - b.t);
  const points: HistoryPoint[] = [];
  const push = (t: number, failed: number) => {
    const last = points[points.length - 1];
    const iso = new Date(t).toISOString();
    if (last && last.t === iso) {
      last.running = running;
      last.failed += failed;
    } else points.push({ t: iso, running, failed });
  };
  // Values carried in from before the window start the chart at its left edge.
  if (running > 0) push(from, 0);
  for (const step of steps) {
    running += step.running;
    push(step.t, step.failed);
  }
  push(now, 0);
  return points;
}
