import type { Deployment } from '../flink/types';
import {
  advanceCumulative,
  type CumulativeSample,
  copySummary,
  sameCounts,
  samplesBefore,
  zeroSummary,
} from './increase-math';
import type { DeploymentHistory, SummarySample } from './types';

/** Default cap on samples per deployment: with one sample per tick the state stays bounded whatever the windows. */
export const DEFAULT_MAX_SAMPLES = 512;

/**
 * The samples to keep plus the new one: everything newer than `cutoff` (= now − keepMs), and the newest sample at or
 * before it, which is the baseline of the first step inside the longest window.
 */
function keepSince(previous: readonly CumulativeSample[], cutoff: number, added: CumulativeSample): CumulativeSample[] {
  if (added.t <= cutoff) return [added];
  let firstKept = 0;
  for (let i = previous.length - 1; i >= 0; i--) {
    if (previous[i]!.t <= cutoff) {
      firstKept = i;
      break;
    }
  }
  const kept = previous.slice(firstKept);
  kept.push(added);
  return kept;
}

function sameWatches(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((watch, i) => watch === b[i]);
}

/**
 * Keep at most `max` samples by dropping every other sample of the older half (never the oldest, never the newest).
 * Recent samples stay dense and old ones get sparse. Because each sample carries its cumulative increase, increases
 * between the remaining samples stay exact; only the window start becomes coarser.
 */
function thin(samples: CumulativeSample[], max: number): CumulativeSample[] {
  let out = samples;
  while (out.length > max) {
    const half = out.length >> 1;
    const kept = out.filter((_, i) => i === 0 || i >= half || i % 2 === 0);
    if (kept.length === out.length) break;
    out = kept;
  }
  return out;
}

/**
 * Remember this tick's job summary of a deployment: append a sample at `now` when the counts changed (a sample
 * already at or after `now` is replaced: at most one sample per tick), keep what the longest window (`keepMs`, from `maxWindowMs`) needs, and cap the
 * count at `maxSamples`. A deployment without a usable job summary keeps its samples; only `lastSeenAt` moves.
 * Returns a new history; the input is not modified.
 */
export function recordSample(
  history: DeploymentHistory | undefined,
  input: { deployment: Deployment; watches: readonly string[]; now: number; keepMs: number; maxSamples?: number },
): DeploymentHistory {
  const { deployment, now } = input;
  const previous = history ? samplesBefore(history.samples, now) : [];
  const summary = deployment.jobSummary;
  const watches = history && sameWatches(history.watches, input.watches) ? history.watches : [...input.watches];
  const base = { name: deployment.name, watches, lastSeenAt: now };
  if (!summary) return { ...base, samples: previous === history?.samples ? [...previous] : previous };

  const last = previous[previous.length - 1];
  const keepMs = Number.isFinite(input.keepMs) && input.keepMs > 0 ? input.keepMs : 0;
  const maxSamples = Math.max(2, Math.floor(input.maxSamples ?? DEFAULT_MAX_SAMPLES));
  // Samples are kept only where the counts changed: increases and windowed increases only ever happen at a change,
  // so an unchanged tick adds nothing but `lastSeenAt`. A sample per tick would grow the state by ~77 KiB per
  // deployment and day at one-minute ticks.
  if (last !== undefined && sameCounts(last.s, summary)) {
    // The common tick: nothing changed and nothing is old enough to drop, so the new history shares the samples
    // array with the old one (neither is ever modified) instead of holding a copy for every deployment.
    const second = previous[1];
    const nothingToDrop = second === undefined || second.t > now - keepMs;
    if (previous === history?.samples && nothingToDrop && previous.length <= maxSamples) {
      return { ...base, samples: previous };
    }
    const kept = keepSince(previous.slice(0, -1), now - keepMs, last);
    return { ...base, samples: thin(kept, maxSamples) };
  }
  const c = last ? advanceCumulative(last.c, last.s, summary) : zeroSummary();
  const added: CumulativeSample = { t: now, s: copySummary(summary), c };
  const samples: SummarySample[] = thin(keepSince(previous, now - keepMs, added), maxSamples);
  return { ...base, samples };
}
