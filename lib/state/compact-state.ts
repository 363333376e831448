import { pruneNotificationLog } from '../alerts/notification-log';
import type { AlertRecord } from '../alerts/types';
import { pruneSends } from '../notify/rate-budget';
import type { DeploymentHistory, SummarySample } from '../rules/types';
import { StateConfigError } from './errors';
import type { MonitorState } from './model';

export interface CompactOptions {
  now: number;
  /** Samples older than this are dropped, except the newest one before the cutoff (the window's baseline). */
  historyKeepMs: number;
  /** A resolved alert is forgotten this long after it resolved. */
  resolvedRetentionMs: number;
  /** Cap per deployment; older samples are thinned out first (never the oldest or the newest). At least 2. */
  maxSamplesPerDeployment: number;
  /** A deployment not seen for this long (deleted, relabelled, watch removed) is forgotten. */
  forgetDeploymentsAfterMs: number;
  /** Send times older than this (the longest rate-limit window) are dropped. */
  sendsKeepMs: number;
}

function checkOptions(options: CompactOptions): void {
  for (const key of [
    'now',
    'historyKeepMs',
    'resolvedRetentionMs',
    'forgetDeploymentsAfterMs',
    'sendsKeepMs',
  ] as const) {
    if (!Number.isFinite(options[key]) || options[key] < 0) {
      throw new StateConfigError(`compactState: ${key} must be a finite number >= 0, got ${options[key]}`);
    }
  }
  if (!Number.isInteger(options.maxSamplesPerDeployment) || options.maxSamplesPerDeployment < 2) {
    throw new StateConfigError(
      `compactState: maxSamplesPerDeployment must be an integer >= 2 (a previous sample and the current one), ` +
        `got ${options.maxSamplesPerDeployment}`,
    );
  }
}

/** Everything at or after the cutoff, plus the newest sample before it: an increase over the window starts there. */
function trimByAge(samples: SummarySample[], cutoff: number): SummarySample[] {
  let firstKept = 0;
  for (let i = samples.length - 1; i >= 0; i--) {
    if (samples[i]!.t <= cutoff) {
      firstKept = i;
      break;
    }
  }
  return samples.slice(firstKept);
}

/** Drop every other sample of the older half until under `max`: recent samples stay dense, old ones get sparse. */
function thin(samples: SummarySample[], max: number): SummarySample[] {
  let out = samples;
  while (out.length > max) {
    const half = out.length >> 1;
    const kept = out.filter((_, i) => i === 0 || i >= half || i % 2 === 0);
    if (kept.length === out.length) break;
    out = kept;
  }
  return out;
}

function isSorted(samples: readonly SummarySample[]): boolean {
  for (let i = 1; i < samples.length; i++) if (samples[i - 1]!.t > samples[i]!.t) return false;
  return true;
}

function compactDeployment(history: DeploymentHistory, options: CompactOptions): DeploymentHistory {
  const { samples: current } = history;
  const second = current[1];
  // Usually already compact (recordSample keeps the same bounds): keep the very object rather than a copy of each.
  if (
    current.length <= options.maxSamplesPerDeployment &&
    (second === undefined || second.t > options.now - options.historyKeepMs) &&
    isSorted(current)
  ) {
    return history;
  }
  const sorted = [...history.samples].sort((a, b) => a.t - b.t);
  const samples = thin(trimByAge(sorted, options.now - options.historyKeepMs), options.maxSamplesPerDeployment);
  return { ...history, samples };
}

function isForgotten(alert: AlertRecord, cutoff: number): boolean {
  if (alert.status !== 'resolved') return false;
  const resolvedAt = Date.parse(alert.resolvedAt ?? alert.lastEvaluatedAt);
  return Number.isFinite(resolvedAt) && resolvedAt < cutoff;
}

/**
 * Bound the state before it is saved: per-deployment history (age window, then a count cap, the same rules as
 * `recordSample` in lib/rules/history.ts, so compacting its output changes nothing), deployments not seen for a
 * long time, resolved alerts past their retention, notification-log entries that mention no remembered alert, and
 * send times no rate window can see. Pending and firing alerts and the outbox are never touched here. Pure.
 */
export function compactState(state: MonitorState, options: CompactOptions): MonitorState {
  checkOptions(options);
  const { now } = options;

  const deployments: MonitorState['deployments'] = {};
  for (const [key, history] of Object.entries(state.deployments)) {
    if (history.lastSeenAt < now - options.forgetDeploymentsAfterMs) continue;
    deployments[key] = compactDeployment(history, options);
  }

  const alerts: MonitorState['alerts'] = {};
  for (const [fingerprint, alert] of Object.entries(state.alerts)) {
    if (!isForgotten(alert, now - options.resolvedRetentionMs)) alerts[fingerprint] = alert;
  }

  const sends: MonitorState['sends'] = {};
  for (const [receiver, times] of Object.entries(state.sends)) {
    const kept = pruneSends(times, now, options.sendsKeepMs);
    if (kept.length > 0) sends[receiver] = kept;
  }

  return {
    ...state,
    deployments,
    alerts,
    notificationLog: pruneNotificationLog(state.notificationLog, alerts),
    sends,
  };
}
