import type { JobSummary } from '../flink/types';
import type { SummarySample } from './types';

/** A sample whose cumulative increase is known. */
export type CumulativeSample = SummarySample & { c: JobSummary };

export function zeroSummary(): JobSummary {
  return { starting: 0, running: 0, cancelling: 0, cancelled: 0, finished: 0, failed: 0 };
}

/**
 * `current − previous` per count, where a count that went down is a reset and counts 0. The counts are kept over the
 * deployment's history; when the platform trims that history, or the deployment is recreated with the same id, they
 * drop. Counting the drop as negative would hide a real increase in the same period; counting the whole new value
 * would report every job the deployment ever had as new, and page someone for nothing.
 */
export function positiveDelta(previous: JobSummary, current: JobSummary): JobSummary {
  return {
    starting: positive(current.starting - previous.starting),
    running: positive(current.running - previous.running),
    cancelling: positive(current.cancelling - previous.cancelling),
    cancelled: positive(current.cancelled - previous.cancelled),
    finished: positive(current.finished - previous.finished),
    failed: positive(current.failed - previous.failed),
  };
}

function positive(n: number): number {
  return Math.max(n, 0);
}

export function addSummaries(a: JobSummary, b: JobSummary): JobSummary {
  return {
    starting: a.starting + b.starting,
    running: a.running + b.running,
    cancelling: a.cancelling + b.cancelling,
    cancelled: a.cancelled + b.cancelled,
    finished: a.finished + b.finished,
    failed: a.failed + b.failed,
  };
}

/** The cumulative counter after a step from `previous` to `current`: `cumulative + positiveDelta(previous, current)`. */
export function advanceCumulative(cumulative: JobSummary, previous: JobSummary, current: JobSummary): JobSummary {
  return {
    starting: cumulative.starting + positive(current.starting - previous.starting),
    running: cumulative.running + positive(current.running - previous.running),
    cancelling: cumulative.cancelling + positive(current.cancelling - previous.cancelling),
    cancelled: cumulative.cancelled + positive(current.cancelled - previous.cancelled),
    finished: cumulative.finished + positive(current.finished - previous.finished),
    failed: cumulative.failed + positive(current.failed - previous.failed),
  };
}

export function sameCounts(a: JobSummary, b: JobSummary): boolean {
  return (
    a.starting === b.starting &&
    a.running === b.running &&
    a.cancelling === b.cancelling &&
    a.cancelled === b.cancelled &&
    a.finished === b.finished &&
    a.failed === b.failed
  );
}

export function copySummary(s: JobSummary): JobSummary {
  return {
    starting: s.starting,
    running: s.running,
    cancelling: s.cancelling,
    cancelled: s.cancelled,
    finished: s.finished,
    failed: s.failed,
  };
}

/** `later − earlier` of two cumulative counters (never negative: cumulative counters only grow). */
export function counterDifference(later: JobSummary, earlier: JobSummary): JobSummary {
  return positiveDelta(earlier, later);
}

function hasCumulative(sample: SummarySample): sample is CumulativeSample {
  return sample.c !== undefined;
}

function isUsable(sample: SummarySample, before: number): boolean {
  return typeof sample?.t === 'number' && sample.t < before && typeof sample.s === 'object' && sample.s !== null;
}

/**
 * The samples taken before `before`, oldest first, each with its cumulative increase (derived from `s` where an
 * older state lacks `c`). Returns the input array untouched in the common case (sorted, all earlier, all with `c`).
 */
export function samplesBefore(samples: readonly SummarySample[], before: number): CumulativeSample[] {
  let clean = samples.length === 0 || samples[samples.length - 1]!.t < before;
  for (let i = 0; clean && i < samples.length; i++) {
    const sample = samples[i]!;
    clean = isUsable(sample, before) && hasCumulative(sample) && (i === 0 || samples[i - 1]!.t < sample.t);
  }
  if (clean) return samples as CumulativeSample[];

  const usable = samples.filter((sample) => isUsable(sample, before)).sort((a, b) => a.t - b.t);
  const out: CumulativeSample[] = [];
  for (const sample of usable) {
    const previous = out[out.length - 1];
    if (previous && previous.t === sample.t) continue;
    const c = sample.c ?? (previous ? advanceCumulative(previous.c, previous.s, sample.s) : zeroSummary());
    out.push({ t: sample.t, s: sample.s, c });
  }
  return out;
}

/** Index of the newest sample taken at or before `at`, or -1 (samples oldest first). */
export function newestAtOrBefore(samples: readonly SummarySample[], at: number): number {
  let low = 0;
  let high = samples.length - 1;
  let found = -1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (samples[mid]!.t <= at) {
      found = mid;
      low = mid + 1;
    } else {
      high = mid - 1;
    }
  }
  return found;
}
