import {
  type AlertInput,
  advanceAlert,
  fingerprint,
  META_ALERT,
  notificationUndeliverable,
  updateWatchHealth,
  watchEmpty,
  watchQueryFailing,
} from '../alerts';
import type { AlertRecord, WatchHealth } from '../alerts/types';
import type { Config } from '../config/types';
import type { WatchResult } from '../flink/types';
import type { AlertChange } from './advance-alerts';

function step(alerts: Record<string, AlertRecord>, changes: AlertChange[], input: AlertInput, now: number): void {
  const fp = fingerprint(input.labels);
  const prev = alerts[fp];
  const { record, transition } = advanceAlert(prev, input, now);
  if (record) alerts[fp] = record;
  else delete alerts[fp];
  const shown = record ?? prev;
  if (transition && shown) changes.push({ fingerprint: fp, transition, record: shown });
}

/**
 * Fold this tick's query outcomes into each watch's health and step its meta-alerts: `WatchQueryFailing` after
 * N failures in a row, `WatchEmpty` when a successful query selected nothing. Meta-alerts of watches removed from
 * the configuration resolve.
 */
export function advanceWatchMetaAlerts(input: {
  config: Config;
  results: Map<string, WatchResult>;
  health: Record<string, WatchHealth>;
  alerts: Record<string, AlertRecord>;
  redact: (text: string) => string;
  now: number;
}): { health: Record<string, WatchHealth>; changes: AlertChange[] } {
  const { config, results, alerts, now } = input;
  const health: Record<string, WatchHealth> = {};
  const changes: AlertChange[] = [];
  for (const watch of config.watches) {
    const prev = input.health[watch.name];
    const result = results.get(watch.name);
    if (!result) {
      if (prev) health[watch.name] = prev;
      continue;
    }
    const next = updateWatchHealth(
      prev,
      result.ok
        ? { ok: true, count: result.deployments.length }
        : { ok: false, error: input.redact(result.error.message) },
      now,
    );
    health[watch.name] = next;
    const identity = { ...watch, labels: watch.labels };
    step(
      alerts,
      changes,
      watchQueryFailing({ watch: identity, health: next, threshold: config.alerting.queryFailuresBeforeAlert }),
      now,
    );
    step(alerts, changes, watchEmpty({ watch: identity, health: next }), now);
  }
  const known = new Set(config.watches.map((w) => w.name));
  for (const record of Object.values(alerts)) {
    const name = record.labels.alertname;
    if (name !== META_ALERT.watchQueryFailing && name !== META_ALERT.watchEmpty) continue;
    if (known.has(record.labels.watch ?? '')) continue;
    const { labels, annotations, severity } = record;
    step(alerts, changes, { condition: 'false', labels, annotations, forMs: 0, severity }, now);
  }
  return { health, changes };
}

/**
 * `NotificationUndeliverable` per receiver: fires when a delivery was rejected for good or dropped from the outbox,
 * resolves once a later delivery to that receiver succeeds, and otherwise keeps its state (a receiver that had
 * nothing to send is not known to be fixed).
 */
export function advanceDeliveryMetaAlerts(input: {
  receivers: Iterable<string>;
  problems: Map<string, { kind: 'dropped' | 'fatal'; reason: string }>;
  deliveredTo: Set<string>;
  alerts: Record<string, AlertRecord>;
  now: number;
}): AlertChange[] {
  const changes: AlertChange[] = [];
  for (const receiver of input.receivers) {
    const problem = input.problems.get(receiver);
    const alertInput = notificationUndeliverable({ receiver, problem });
    if (!problem) {
      const fp = fingerprint(alertInput.labels);
      const prev = input.alerts[fp];
      if (!prev) continue;
      alertInput.condition = input.deliveredTo.has(receiver) ? 'false' : 'held';
      alertInput.annotations = prev.annotations;
    }
    step(input.alerts, changes, alertInput, input.now);
  }
  return changes;
}
