import type { AlertView, Labels } from '../alerts/types';
import { TEST_MESSAGE_LABEL } from './render/context';
import { consoleUrl, isAbsoluteHttpUrl } from './render/links';
import type { Notification } from './types';

/** `generatorURL` must be a valid URI or Alertmanager answers 422; `.invalid` is reserved and never resolves. */
export const PLACEHOLDER_GENERATOR_URL = 'http://flink-watch.invalid/';
/** Test alerts expire on their own soon after `flink-watch test-receiver` posted them. */
export const TEST_ALERT_LIFETIME_MS = 5 * 60_000;

/** One element of the `POST /api/v2/alerts` array. */
export interface PostableAlert {
  labels: Labels;
  annotations: Record<string, string>;
  startsAt: string;
  endsAt: string;
  generatorURL: string;
}

export interface PayloadOptions {
  /** Firing alerts get `endsAt = now + endsAfterMs`; the next tick's re-post pushes it further. */
  endsAfterMs: number;
  reportUrl?: string;
  consoleUrlTemplate?: string;
  region?: string;
}

/**
 * Alertmanager accepts label names matching `[a-zA-Z_][a-zA-Z0-9_]*` and drops empty values; one bad name makes the
 * whole batch answer 400, so names are mapped (`team-name` → `team_name`) instead.
 */
export function postableLabels(labels: Labels): Labels {
  const out: Labels = {};
  for (const [name, value] of Object.entries(labels)) {
    if (value === '') continue;
    const safe = name.replace(/[^a-zA-Z0-9_]/g, '_').replace(/^(?=[0-9])/, '_') || '_';
    out[safe] = value;
  }
  return out;
}

function generatorUrl(a: AlertView, options: PayloadOptions): string {
  if (isAbsoluteHttpUrl(a.generatorURL)) return a.generatorURL;
  if (isAbsoluteHttpUrl(options.reportUrl)) return options.reportUrl;
  return PLACEHOLDER_GENERATOR_URL;
}

function endsAt(a: AlertView, nowMs: number, options: PayloadOptions): string {
  if (a.status === 'resolved') {
    const resolvedAt = a.endsAt ? Date.parse(a.endsAt) : Number.NaN;
    // endsAt ≤ now resolves at once; a later one would keep the alert active until then.
    return new Date(Number.isNaN(resolvedAt) || resolvedAt > nowMs ? nowMs : resolvedAt).toISOString();
  }
  const lifetime = a.labels[TEST_MESSAGE_LABEL] === 'true' ? TEST_ALERT_LIFETIME_MS : options.endsAfterMs;
  return new Date(nowMs + lifetime).toISOString();
}

/** The body of `POST /api/v2/alerts` for one notification: identifying labels, volatile values in annotations. */
export function postableAlerts(n: Notification, options: PayloadOptions): PostableAlert[] {
  const nowMs = Date.parse(n.now);
  return n.alerts.map((a) => {
    const annotations = { ...a.annotations };
    const link = consoleUrl(options.consoleUrlTemplate, a.labels, options.region);
    if (link && annotations.console_url === undefined) annotations.console_url = link;
    return {
      labels: postableLabels(a.labels),
      annotations,
      startsAt: a.startsAt,
      endsAt: endsAt(a, nowMs, options),
      generatorURL: generatorUrl(a, options),
    };
  });
}
