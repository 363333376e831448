import type { AlertView, Labels } from '../../alerts/types';
import type { Notification } from '../types';
import { consoleUrl, isAbsoluteHttpUrl } from './links';
import type { LocaleStrings } from './locales';
import { formatDuration, type TimeFormatter } from './time';

/** Label that marks the synthetic alert of `flink-watch test-receiver`; titles then say TEST. */
export const TEST_MESSAGE_LABEL = 'flink_watch_test';

/** What a per-alert template sees as `alert`. Times are already formatted in the receiver's time zone. */
export interface AlertContext {
  fingerprint: string;
  status: 'firing' | 'resolved';
  status_text: string;
  name: string;
  severity: string;
  severity_text: string;
  watch: string;
  deployment: string;
  deployment_id: string;
  namespace: string;
  workspace: string;
  labels: Labels;
  annotations: Record<string, string>;
  summary: string;
  description: string;
  starts_at: string;
  ends_at: string;
  starts_at_iso: string;
  ends_at_iso: string;
  duration: string;
  console_url: string;
  generator_url: string;
}

/** What every template sees at the top level (the per-alert template also gets `alert`). */
export interface GroupContext {
  status: 'firing' | 'resolved';
  status_text: string;
  test: boolean;
  receiver: string;
  group_title: string;
  firing_count: number;
  resolved_count: number;
  alert_count: number;
  group_labels: Labels;
  common_labels: Labels;
  report_url: string;
  now: string;
  time_zone: string;
  /** Every alert of the notification, in display order (e.g. `{{ alerts.size }}` in a title). */
  alerts: AlertContext[];
  t: LocaleStrings;
}

export interface RenderEnv {
  strings: LocaleStrings;
  time: TimeFormatter;
  reportUrl?: string;
  consoleUrlTemplate?: string;
  region?: string;
}

const SEVERITY_RANK: Record<string, number> = { critical: 0, warning: 1, info: 2 };
const rank = (a: AlertView) => SEVERITY_RANK[a.labels.severity ?? ''] ?? 3;

/** Display (and keep-when-too-many) order: firing first, then severity (critical first), then oldest first. */
export function compareAlerts(a: AlertView, b: AlertView): number {
  if (a.status !== b.status) return a.status === 'firing' ? -1 : 1;
  if (rank(a) !== rank(b)) return rank(a) - rank(b);
  const ta = Date.parse(a.startsAt) || 0;
  const tb = Date.parse(b.startsAt) || 0;
  if (ta !== tb) return ta - tb;
  return a.fingerprint < b.fingerprint ? -1 : a.fingerprint > b.fingerprint ? 1 : 0;
}

function alertContext(a: AlertView, env: RenderEnv, nowMs: number): AlertContext {
  const { strings, time } = env;
  const severity = a.labels.severity ?? '';
  const endMs = a.status === 'resolved' && a.endsAt ? Date.parse(a.endsAt) : nowMs;
  const startMs = Date.parse(a.startsAt);
  return {
    fingerprint: a.fingerprint,
    status: a.status,
    status_text: a.status === 'firing' ? strings.firing : strings.resolved,
    name: a.labels.alertname ?? '',
    severity,
    severity_text: strings.severity[severity] ?? severity,
    watch: a.labels.watch ?? '',
    deployment: a.labels.deployment ?? '',
    deployment_id: a.labels.deploymentId ?? '',
    namespace: a.labels.namespace ?? '',
    workspace: a.labels.workspace ?? '',
    labels: a.labels,
    annotations: a.annotations,
    summary: a.annotations.summary ?? '',
    description: a.annotations.description ?? '',
    starts_at: time.format(a.startsAt),
    ends_at: a.status === 'resolved' ? time.format(a.endsAt) : '',
    starts_at_iso: a.startsAt,
    ends_at_iso: a.status === 'resolved' ? (a.endsAt ?? '') : '',
    duration: Number.isNaN(startMs) || Number.isNaN(endMs) ? '' : formatDuration(endMs - startMs, strings),
    console_url: consoleUrl(env.consoleUrlTemplate, a.labels, env.region) ?? '',
    generator_url: isAbsoluteHttpUrl(a.generatorURL) ? a.generatorURL : '',
  };
}

function groupTitle(alerts: AlertView[], strings: LocaleStrings): string {
  const names = [...new Set(alerts.map((a) => a.labels.alertname ?? ''))].filter(Boolean);
  const watches = [...new Set(alerts.map((a) => a.labels.watch ?? ''))].filter(Boolean);
  const what = names.length === 1 ? (names[0] ?? '') : `${names.length} ${strings.rules}`;
  return watches.length === 1 ? `${what} · ${watches[0]}` : what;
}

/** The sorted alert contexts and the group context of one notification. */
export function buildContexts(
  n: Notification,
  receiver: string,
  env: RenderEnv,
): { group: GroupContext; alerts: AlertContext[] } {
  const nowMs = Date.parse(n.now);
  const sorted = [...n.alerts].sort(compareAlerts);
  const firing = sorted.filter((a) => a.status === 'firing').length;
  const alerts = sorted.map((a) => alertContext(a, env, nowMs));
  const group: GroupContext = {
    status: n.status,
    status_text: n.status === 'firing' ? env.strings.firing : env.strings.resolved,
    test: n.alerts.some((a) => a.labels[TEST_MESSAGE_LABEL] === 'true'),
    receiver,
    group_title: groupTitle(sorted, env.strings),
    firing_count: firing,
    resolved_count: sorted.length - firing,
    alert_count: sorted.length,
    group_labels: n.groupLabels,
    common_labels: n.commonLabels,
    report_url: env.reportUrl ?? '',
    now: env.time.format(n.now),
    time_zone: env.time.timeZone,
    alerts,
    t: env.strings,
  };
  return { group, alerts };
}
