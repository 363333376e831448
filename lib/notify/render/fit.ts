import type { RenderedAlert } from './prepare';

export interface Part {
  index: number;
  total: number;
}

/** How one platform builds a body from rendered pieces and decides whether it fits. */
export interface FitSpec {
  /** Body showing `shown` alerts, ending with "+`omitted` more" when `omitted` > 0; `part` is set when split. */
  compose(shown: RenderedAlert[], omitted: number, part?: Part): string;
  fits(body: string): boolean;
  /** Smallest possible body (title and counts only), used when even zero alert blocks do not fit. */
  minimal(omitted: number, part?: Part): string;
  /** Most alerts one message may show (block-count limits); Infinity when only bytes matter. */
  maxShown: number;
}

export interface FittedMessage {
  body: string;
  /** The alerts this message accounts for: those it shows and those it summarises as "+N more". */
  fingerprints: string[];
  shown: number;
  omitted: number;
}

/** How many leading alerts were rendered (only those can be shown). */
function renderedPrefix(alerts: RenderedAlert[]): number {
  const i = alerts.findIndex((a) => !a.rendered);
  return i < 0 ? alerts.length : i;
}

/** Largest k (0..max) for which `ok(k)`; assumes `ok` is (nearly) monotone, checks the answer it returns. */
function largestFitting(max: number, ok: (k: number) => boolean): number {
  let lo = 0;
  let hi = max;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (ok(mid)) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function summarise(alerts: RenderedAlert[], spec: FitSpec, part?: Part): FittedMessage {
  const fingerprints = alerts.map((a) => a.fingerprint);
  const max = Math.min(renderedPrefix(alerts), spec.maxShown);
  const bodyFor = (k: number) => spec.compose(alerts.slice(0, k), alerts.length - k, part);
  const k = largestFitting(max, (n) => spec.fits(bodyFor(n)));
  const body = bodyFor(k);
  if (spec.fits(body)) return { body, fingerprints, shown: k, omitted: alerts.length - k };
  return { body: spec.minimal(alerts.length, part), fingerprints, shown: 0, omitted: alerts.length };
}

/** One message: the alerts (already in priority order) that fit, then "+N more (see report: …)". */
export function fitSummarise(alerts: RenderedAlert[], spec: FitSpec): FittedMessage {
  return summarise(alerts, spec);
}

/**
 * Up to `maxMessages` messages, each with as many whole alerts as fit and "(part i/n)" in its title; the last one
 * summarises whatever is still left. A group that fits one message is sent as one message.
 */
export function fitSplit(alerts: RenderedAlert[], spec: FitSpec, maxMessages: number): FittedMessage[] {
  const single = summarise(alerts, spec);
  if (single.omitted === 0 || maxMessages <= 1) return [single];
  // Compose with the widest total first; the real total (≤ 10) never renders longer.
  const widest = 99;
  const chunks: RenderedAlert[][] = [];
  let rest = alerts;
  while (rest.length > 0 && chunks.length < maxMessages - 1) {
    const part = { index: chunks.length + 1, total: widest };
    const max = Math.min(renderedPrefix(rest), spec.maxShown);
    const k = largestFitting(max, (n) => spec.fits(spec.compose(rest.slice(0, n), 0, part)));
    if (k === 0) break;
    if (k === rest.length) {
      chunks.push(rest);
      rest = [];
      break;
    }
    chunks.push(rest.slice(0, k));
    rest = rest.slice(k);
  }
  const total = chunks.length + (rest.length > 0 ? 1 : 0);
  const out: FittedMessage[] = chunks.map((chunk, i) => ({
    body: spec.compose(chunk, 0, { index: i + 1, total }),
    fingerprints: chunk.map((a) => a.fingerprint),
    shown: chunk.length,
    omitted: 0,
  }));
  if (rest.length > 0) out.push(summarise(rest, spec, { index: total, total }));
  return out;
}

/** The overflow policy of a chat receiver (`options.overflow`). */
export function fitMessages(
  alerts: RenderedAlert[],
  spec: FitSpec,
  overflow: 'summarise' | 'split',
  maxMessages: number,
): FittedMessage[] {
  return overflow === 'split' ? fitSplit(alerts, spec, maxMessages) : [fitSummarise(alerts, spec)];
}
