import type { Severity } from '../config/types';

export type Labels = Record<string, string>;

/** Where an alert is in its lifecycle (Alertmanager's model). */
export type AlertStatus = 'pending' | 'firing' | 'resolved';

/**
 * One alert as remembered between ticks, keyed by `fingerprint` (a hash of its identifying labels:
 * alertname, watch, deployment, deploymentId, namespace, workspace, severity — see `fingerprint.ts`).
 * Times are ISO-8601 strings so that the record survives JSON round trips unchanged.
 */
export interface AlertRecord {
  fingerprint: string;
  labels: Labels;
  /** Volatile values (counts, increases, rule expression, summary text). */
  annotations: Record<string, string>;
  status: AlertStatus;
  /** When the condition was first seen true in the current episode. */
  activeSince: string;
  /** When it became firing (unset while pending). */
  firedAt?: string;
  /** When it resolved (unset while active). */
  resolvedAt?: string;
  /** Last tick that evaluated it (held alerts keep the old value). */
  lastEvaluatedAt: string;
  /** True while its watch's query fails: neither resolved nor newly fired. */
  held?: boolean;
  /**
   * Pending only: since when the condition could not be observed (watch held or rule evaluation error). Blind time
   * does not count towards `for`; see `lifecycle.ts`.
   */
  forPausedSince?: string;
  /** Pending only: blind time already excluded from the `for` clock in this episode, ms. */
  forPausedMs?: number;
  severity: Severity;
}

/** What happened to an alert in this tick, for the summary and for `explain`. */
export type AlertTransition =
  | 'became-pending'
  | 'still-pending'
  | 'became-firing'
  | 'still-firing'
  | 'resolved'
  | 'pending-cleared'
  | 'held'
  /** The rule could not be evaluated; the alert was kept exactly as it was (never resolved on an error). */
  | 'evaluation-error';

/** The view of an alert that notifiers render (Alertmanager webhook `alerts[]` shape). */
export interface AlertView {
  fingerprint: string;
  status: 'firing' | 'resolved';
  labels: Labels;
  annotations: Record<string, string>;
  startsAt: string;
  /** Resolved: when it resolved; firing: unset. */
  endsAt?: string;
  /** Link back to the report or the Flink console. */
  generatorURL?: string;
}

/**
 * What was last told to one receiver about one group (Alertmanager's notification log). The dedup decision compares
 * the group's current firing/resolved sets with this entry.
 */
export interface NotificationLogEntry {
  firing: string[];
  resolved: string[];
  /** ISO time of the last successful (or queued) notification. */
  sentAt: string;
}

/** Health of one watch's query across ticks (drives `WatchQueryFailing` and `WatchEmpty`). */
export interface WatchHealth {
  consecutiveFailures: number;
  lastOkAt?: string;
  lastError?: string;
  lastCount?: number;
}
