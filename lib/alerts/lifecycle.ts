import type { Severity } from '../config/types';
import { fingerprint } from './fingerprint';
import type { AlertRecord, AlertTransition, Labels } from './types';

/**
 * What one tick learned about an alert's condition:
 * - `true` / `false`: the rule was evaluated;
 * - `held`: it could not be evaluated because the watch's query failed or the deployment's job summary was
 *   unusable (the monitor is blind, the deployment is not known to be fine);
 * - `error`: the rule itself failed to evaluate for this deployment.
 */
export type Condition = 'true' | 'false' | 'held' | 'error';

export interface AlertInput {
  condition: Condition;
  labels: Labels;
  annotations: Record<string, string>;
  /** How long the condition must hold before the alert fires; 0 fires at once. */
  forMs: number;
  severity: Severity;
}

export interface AlertStep {
  /** The record to remember; `undefined` means forget it (or nothing to remember). */
  record: AlertRecord | undefined;
  transition: AlertTransition | undefined;
}

const NOTHING: AlertStep = { record: undefined, transition: undefined };

/**
 * One step of Alertmanager's alert lifecycle (inactive → pending → firing → resolved), evaluated at `now`
 * (epoch ms). Pure: returns a new record, never mutates `prev`.
 *
 * Blind time does not count towards `for`: while a pending alert is `held` or its rule errors, its `for` clock is
 * paused from its last good evaluation until the next one. The alert then fires only after `for` of observed time,
 * so an outage can neither fire nor resolve anything.
 */
export function advanceAlert(prev: AlertRecord | undefined, input: AlertInput, now: number): AlertStep {
  switch (input.condition) {
    case 'true':
      return whenTrue(prev, input, now);
    case 'false':
      return whenFalse(prev, now);
    case 'held':
      return whenBlind(prev, now, true);
    case 'error':
      return whenBlind(prev, now, false);
  }
}

function whenTrue(prev: AlertRecord | undefined, input: AlertInput, now: number): AlertStep {
  const at = iso(now);
  const current = {
    fingerprint: fingerprint(input.labels),
    labels: input.labels,
    annotations: input.annotations,
    severity: input.severity,
    lastEvaluatedAt: at,
  };
  if (!prev || prev.status === 'resolved') {
    if (input.forMs <= 0) {
      return { record: { ...current, status: 'firing', activeSince: at, firedAt: at }, transition: 'became-firing' };
    }
    return { record: { ...current, status: 'pending', activeSince: at }, transition: 'became-pending' };
  }
  if (prev.status === 'firing') {
    const record: AlertRecord = { ...current, status: 'firing', activeSince: prev.activeSince };
    if (prev.firedAt !== undefined) record.firedAt = prev.firedAt;
    return { record, transition: 'still-firing' };
  }
  const pausedMs = pausedTotal(prev, now);
  if (observedMs(prev, now) >= input.forMs) {
    return {
      record: { ...current, status: 'firing', activeSince: prev.activeSince, firedAt: at },
      transition: 'became-firing',
    };
  }
  const record: AlertRecord = { ...current, status: 'pending', activeSince: prev.activeSince };
  if (pausedMs > 0) record.forPausedMs = pausedMs;
  return { record, transition: 'still-pending' };
}

function whenFalse(prev: AlertRecord | undefined, now: number): AlertStep {
  if (!prev) return NOTHING;
  const at = iso(now);
  if (prev.status === 'pending') return { record: undefined, transition: 'pending-cleared' };
  if (prev.status === 'firing') {
    return {
      record: { ...withoutBlindness(prev), status: 'resolved', resolvedAt: at, lastEvaluatedAt: at },
      transition: 'resolved',
    };
  }
  return { record: { ...withoutBlindness(prev), lastEvaluatedAt: at }, transition: undefined };
}

/**
 * Held (watch blind) keeps the record exactly, including `lastEvaluatedAt`; an evaluation error keeps it too but
 * records that the rule was looked at. Neither ever resolves, fires or starts an alert.
 */
function whenBlind(prev: AlertRecord | undefined, now: number, held: boolean): AlertStep {
  if (!prev) return NOTHING;
  if (prev.status === 'resolved') {
    const kept = held ? prev : { ...withoutHeld(prev), lastEvaluatedAt: iso(now) };
    return { record: kept, transition: undefined };
  }
  const record: AlertRecord = held ? { ...prev, held: true } : { ...withoutHeld(prev), lastEvaluatedAt: iso(now) };
  if (prev.status === 'pending') record.forPausedSince = prev.forPausedSince ?? prev.lastEvaluatedAt;
  return { record, transition: held ? 'held' : 'evaluation-error' };
}

/** Total blind time of a pending alert up to `now`, including a pause still open. */
function pausedTotal(prev: AlertRecord, now: number): number {
  const open = prev.forPausedSince === undefined ? 0 : Math.max(0, now - Date.parse(prev.forPausedSince));
  return (prev.forPausedMs ?? 0) + (Number.isFinite(open) ? open : 0);
}

/**
 * How long a pending alert still has to hold before it fires, given its rule's `for`; 0 when it would fire now.
 * Used by `explain`.
 */
export function pendingRemainingMs(record: AlertRecord, forMs: number, now: number): number {
  if (record.status !== 'pending') return 0;
  return Math.max(0, forMs - observedMs(record, now));
}

/** Time the condition has been seen to hold in this episode (an unreadable start counts as starting now). */
function observedMs(record: AlertRecord, now: number): number {
  const since = Date.parse(record.activeSince);
  return Number.isFinite(since) ? now - since - pausedTotal(record, now) : 0;
}

/** Forget resolved alerts older than `retentionMs` (their resolve has been announced or never will be). */
export function pruneResolved(
  alerts: Record<string, AlertRecord>,
  now: number,
  retentionMs: number,
): Record<string, AlertRecord> {
  const out: Record<string, AlertRecord> = {};
  for (const [key, record] of Object.entries(alerts)) {
    if (record.status === 'resolved') {
      const resolvedAt = Date.parse(record.resolvedAt ?? '');
      if (!Number.isFinite(resolvedAt) || now - resolvedAt >= retentionMs) continue;
    }
    out[key] = record;
  }
  return out;
}

function iso(now: number): string {
  return new Date(now).toISOString();
}

function withoutHeld(record: AlertRecord): AlertRecord {
  const copy = { ...record };
  delete copy.held;
  return copy;
}

function withoutBlindness(record: AlertRecord): AlertRecord {
  const copy = withoutHeld(record);
  delete copy.forPausedSince;
  delete copy.forPausedMs;
  return copy;
}
