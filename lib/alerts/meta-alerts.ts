import type { WatchConfig } from '../config/types';
import { identifyingLabels } from './fingerprint';
import type { AlertInput } from './lifecycle';
import type { Labels, WatchHealth } from './types';

/** Alerts flink-watch raises about itself rather than about a deployment. */
export const META_ALERT = {
  watchQueryFailing: 'WatchQueryFailing',
  watchEmpty: 'WatchEmpty',
  notificationUndeliverable: 'NotificationUndeliverable',
} as const;

/** Label naming the receiver a `NotificationUndeliverable` alert is about; routing never sends it there. */
export const FAILED_RECEIVER_LABEL = 'failedReceiver';

export type WatchIdentity = Pick<WatchConfig, 'name' | 'workspace' | 'namespace' | 'selector'> & { labels?: Labels };

function watchLabels(alertname: string, severity: 'critical' | 'warning', watch: WatchIdentity): Labels {
  return identifyingLabels({
    alertname,
    watch: watch.name,
    severity,
    extra: { ...watch.labels, workspace: watch.workspace, namespace: watch.namespace },
  });
}

/**
 * `WatchQueryFailing` (critical): the watch's query failed `threshold` times in a row, so flink-watch is blind to
 * its deployments (their alerts are held). Carries the last error, which must already be redacted.
 */
export function watchQueryFailing(input: { watch: WatchIdentity; health: WatchHealth; threshold: number }): AlertInput {
  const { watch, health } = input;
  const failing = health.consecutiveFailures >= Math.max(1, input.threshold);
  const annotations: Record<string, string> = {
    summary:
      `Watch ${watch.name} cannot query the Flink API (${health.consecutiveFailures} failures in a row); ` +
      'alerts of its deployments are held until it recovers',
    consecutiveFailures: String(health.consecutiveFailures),
    selector: watch.selector,
  };
  if (health.lastError !== undefined) annotations.lastError = health.lastError;
  if (health.lastOkAt !== undefined) annotations.lastOkAt = health.lastOkAt;
  return {
    condition: failing ? 'true' : 'false',
    labels: watchLabels(META_ALERT.watchQueryFailing, 'critical', watch),
    annotations,
    forMs: 0,
    severity: 'critical',
  };
}

/**
 * `WatchEmpty` (warning): the watch's last successful query selected no deployment — usually a selector typo or
 * relabelled deployments. While the query fails nothing is known, so the alert is held, not resolved.
 */
export function watchEmpty(input: { watch: WatchIdentity; health: WatchHealth | undefined }): AlertInput {
  const { watch, health } = input;
  const condition =
    !health || health.consecutiveFailures > 0 || health.lastCount === undefined
      ? 'held'
      : health.lastCount === 0
        ? 'true'
        : 'false';
  return {
    condition,
    labels: watchLabels(META_ALERT.watchEmpty, 'warning', watch),
    annotations: {
      summary: `Watch ${watch.name} selects no deployment in ${watch.workspace}/${watch.namespace}`,
      selector: watch.selector,
    },
    forMs: 0,
    severity: 'warning',
  };
}

export interface DeliveryProblem {
  /** `dropped`: a message left the outbox unsent after its maximum age; `fatal`: the receiver's setup is wrong. */
  kind: 'dropped' | 'fatal';
  /** Redacted explanation, e.g. the platform's error code and message. */
  reason: string;
}

/**
 * `NotificationUndeliverable` (warning), one per receiver: true while the receiver has a delivery problem this tick.
 * Its `failedReceiver` label keeps routing from sending it to the receiver that cannot take it.
 */
export function notificationUndeliverable(input: {
  receiver: string;
  problem: DeliveryProblem | undefined;
}): AlertInput {
  const annotations: Record<string, string> = { receiver: input.receiver };
  if (input.problem) {
    annotations.summary =
      input.problem.kind === 'dropped'
        ? `A notification to receiver ${input.receiver} was dropped after its maximum age: ${input.problem.reason}`
        : `Receiver ${input.receiver} cannot deliver notifications: ${input.problem.reason}`;
    annotations.reason = input.problem.reason;
    annotations.kind = input.problem.kind;
  }
  return {
    condition: input.problem ? 'true' : 'false',
    labels: identifyingLabels({
      alertname: META_ALERT.notificationUndeliverable,
      severity: 'warning',
      extra: { [FAILED_RECEIVER_LABEL]: input.receiver },
    }),
    annotations,
    forMs: 0,
    severity: 'warning',
  };
}

/** The builders as one object, for call sites that read better as `metaAlert.watchEmpty(…)`. */
export const metaAlert = { watchQueryFailing, watchEmpty, notificationUndeliverable };
