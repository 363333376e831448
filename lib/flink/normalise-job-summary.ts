import { isRecord, preview } from './normalise-values';
import { JOB_STATES, type JobSummary } from './types';

const WHOLE_NUMBER = /^\d+$/;

function readCount(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isSafeInteger(value) && value >= 0 ? value : undefined;
  if (typeof value === 'string') {
    const text = value.trim();
    if (!WHOLE_NUMBER.test(text)) return undefined;
    const count = Number(text);
    return Number.isSafeInteger(count) ? count : undefined;
  }
  return undefined;
}

/**
 * All six counts as non-negative integers, or a problem naming every field that was missing or wrong. Never
 * fills in zeros: a zero would read as "no failures" and hide a broken deployment.
 */
function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

export function readJobSummary(value: unknown): { summary: JobSummary } | { problem: string } {
  if (value === undefined || value === null) return { problem: `jobSummary is ${preview(value)}` };
  if (!isRecord(value)) return { problem: `jobSummary is ${preview(value)}, not an object of job counts` };
  // What the API sends: six whole numbers. Read them directly; the field-by-field path below explains anything else.
  const { starting, running, cancelling, cancelled, finished, failed } = value;
  if (isCount(starting) && isCount(running) && isCount(cancelling) && isCount(cancelled)) {
    if (isCount(finished) && isCount(failed)) {
      return { summary: { starting, running, cancelling, cancelled, finished, failed } };
    }
  }
  const counts: Partial<JobSummary> = {};
  const problems: string[] = [];
  for (const state of JOB_STATES) {
    const raw = value[state];
    const count = readCount(raw);
    if (count !== undefined) counts[state] = count;
    else if (raw === undefined) problems.push(`jobSummary.${state} is missing`);
    else problems.push(`jobSummary.${state} is ${preview(raw)}, not a non-negative integer`);
  }
  if (problems.length > 0) return { problem: problems.join('; ') };
  return {
    summary: {
      starting: counts.starting!,
      running: counts.running!,
      cancelling: counts.cancelling!,
      cancelled: counts.cancelled!,
      finished: counts.finished!,
      failed: counts.failed!,
    },
  };
}
