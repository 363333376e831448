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

/**
 * One watch's totals per sample time over the last 24 h: `running` summed across the deployments seen at that tick,
 * `failed` the failures added since each deployment's previous sample. Only as far back as the state keeps samples
 * (it keeps what the longest rule window needs, thinned), so the chart can be shorter than 24 h.
 */
export function watchHistory(
  deployments: Readonly<Record<string, DeploymentHistory>>,
  watch: string,
  now: number,
): HistoryPoint[] {
  const from = now - HISTORY_WINDOW_MS;
  const totals = new Map<number, { running: number; failed: number }>();
  for (const history of Object.values(deployments)) {
    if (!history.watches.includes(watch)) continue;
    const samples = [...history.samples].sort((a, b) => a.t - b.t);
    samples.forEach((sample, index) => {
      if (sample.t < from || sample.t > now) return;
      const point = totals.get(sample.t) ?? { running: 0, failed: 0 };
      point.running += sample.s.running;
      point.failed += failedIncrease(samples[index - 1], sample);
      totals.set(sample.t, point);
    });
  }
  return [...totals.entries()]
    .sort(([a], [b]) => a - b)
    .map(([t, point]) => ({ t: new Date(t).toISOString(), running: point.running, failed: point.failed }));
}
