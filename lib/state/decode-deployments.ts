import { JOB_STATES, type JobSummary } from '../flink/types';
import type { DeploymentHistory, SummarySample } from '../rules/types';
import { accept, type Decoded, reject } from './decoded';
import { describeType, isCount, isFiniteNumber, isRecord, isStringArray } from './json-guards';
import { SharedValues } from './shared-values';

function decodeJobSummary(value: unknown, shared: SharedValues): JobSummary | null {
  if (!isRecord(value)) return null;
  const out: Partial<JobSummary> = {};
  for (const state of JOB_STATES) {
    const count = value[state];
    if (!isCount(count)) return null;
    out[state] = count;
  }
  return shared.summary(out as JobSummary);
}

function decodeSample(raw: unknown, shared: SharedValues): SummarySample | null {
  if (!isRecord(raw) || !isFiniteNumber(raw.t)) return null;
  const s = decodeJobSummary(raw.s, shared);
  if (s === null) return null;
  const sample: SummarySample = { ...raw, t: raw.t, s };
  if (raw.c !== undefined) {
    // A broken cumulative counter is re-derived from `s` by the rules; a broken sample is dropped.
    const c = decodeJobSummary(raw.c, shared);
    if (c === null) delete sample.c;
    else sample.c = c;
  }
  return sample;
}

/**
 * One `deployments` entry: name, watches, lastSeenAt and samples; malformed samples are dropped. Pass one
 * `SharedValues` for all entries of a state so that equal summaries and watch lists are held once.
 */
export function decodeDeployment(raw: unknown, shared = new SharedValues()): Decoded<DeploymentHistory> {
  if (!isRecord(raw)) return reject(`is ${describeType(raw)}, not an object`);
  if (typeof raw.name !== 'string') return reject('has no name');
  if (!isFiniteNumber(raw.lastSeenAt)) return reject('has no numeric lastSeenAt');
  const notes: string[] = [];
  let watches: string[] = [];
  if (isStringArray(raw.watches)) watches = shared.watches(raw.watches);
  else if (raw.watches !== undefined) notes.push('its watches were not a list of names and were cleared');
  const rawSamples = Array.isArray(raw.samples) ? raw.samples : [];
  if (raw.samples !== undefined && !Array.isArray(raw.samples)) notes.push('its samples were not a list');
  const samples: SummarySample[] = [];
  for (const item of rawSamples) {
    const sample = decodeSample(item, shared);
    if (sample !== null) samples.push(sample);
  }
  const dropped = rawSamples.length - samples.length;
  if (dropped > 0) notes.push(`dropped ${dropped} malformed sample${dropped === 1 ? '' : 's'}`);
  samples.sort((a, b) => a.t - b.t);
  return accept({ ...raw, name: raw.name, watches, lastSeenAt: raw.lastSeenAt, samples }, notes);
}
