import type { Config, WatchConfig } from '../config/types';
import type { Deployment, WatchResult } from '../flink/types';
import type { MonitorState } from '../state/model';
import { consoleUrl } from './console-link';
import { classifyHealth, emptyHealthCounts, HEALTH_ORDER } from './health';
import { HISTORY_WINDOW_MS, watchHistory } from './history';
import type { HistoryPoint, ReportAlert, ReportDeployment, ReportModel, ReportWatch } from './model';
import { selectReportAlerts } from './report-alerts';
import { configSecrets, scrubSecrets } from './secrets';
import { formatAge } from './time-format';

export const REPORT_TITLE = 'flink-watch report';
const MAX_ERROR_CHARS = 500;

export interface ReportModelInput {
  config: Config;
  /** What each watch saw this time, keyed by watch name; only these watches are on the report. */
  results: Map<string, WatchResult>;
  state: MonitorState;
  now: number;
  /** Fingerprint → why it is not notified (silence, maintenance, inhibition). */
  muted?: Map<string, string>;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

type ActiveAlerts = Map<string, ReportDeployment['alerts']>;

function deploymentKey(watch: string, workspace: string, namespace: string, deploymentId: string): string {
  return JSON.stringify([watch, workspace, namespace, deploymentId]);
}

function activeAlertsByDeployment(alerts: readonly ReportAlert[]): ActiveAlerts {
  const out: ActiveAlerts = new Map();
  for (const alert of alerts) {
    if (alert.status === 'resolved' || alert.deploymentId === undefined) continue;
    const key = deploymentKey(
      alert.watch,
      alert.labels.workspace ?? '',
      alert.labels.namespace ?? '',
      alert.deploymentId,
    );
    const list = out.get(key) ?? [];
    list.push({ alertname: alert.alertname, severity: alert.severity, status: alert.status });
    out.set(key, list);
  }
  return out;
}

function fromDeployment(watch: string, d: Deployment, config: Config, active: ActiveAlerts): ReportDeployment {
  const alerts = active.get(deploymentKey(watch, d.workspace, d.namespace, d.deploymentId)) ?? [];
  const out: ReportDeployment = {
    watch,
    name: d.name,
    deploymentId: d.deploymentId,
    workspace: d.workspace,
    namespace: d.namespace,
    labels: { ...d.labels },
    executionMode: d.executionMode,
    engineVersion: d.engineVersion,
    jobSummary: d.jobSummary ? { ...d.jobSummary } : null,
    health: classifyHealth({ executionMode: d.executionMode, jobSummary: d.jobSummary, alerts }),
    alerts,
  };
  if (d.jobSummary === null) out.problem = d.jobSummaryProblem ?? 'the API answer carried no job summary';
  const link = consoleUrl(config.report.consoleUrlTemplate, {
    workspace: d.workspace,
    namespace: d.namespace,
    deploymentId: d.deploymentId,
    region: config.flink.region,
  });
  if (link !== undefined) out.consoleUrl = link;
  return out;
}

/** While a watch is blind, its deployments as last remembered: known by name only, health from held alerts. */
function rememberedDeployments(watch: string, input: ReportModelInput, active: ActiveAlerts): ReportDeployment[] {
  const out: ReportDeployment[] = [];
  for (const [key, history] of Object.entries(input.state.deployments)) {
    if (!history.watches.includes(watch) || input.now - history.lastSeenAt > HISTORY_WINDOW_MS) continue;
    const [workspace = '', namespace = '', ...rest] = key.split('/');
    const deploymentId = rest.join('/');
    const deployment: Deployment = {
      deploymentId,
      name: history.name,
      namespace,
      workspace,
      labels: {},
      executionMode: '',
      engineVersion: '',
      deploymentHasChanged: false,
      createdAt: null,
      modifiedAt: null,
      jobSummary: null,
      jobSummaryProblem: `not observed: the query of watch ${watch} failed; last seen ${formatAge(iso(history.lastSeenAt), iso(input.now))} ago`,
    };
    out.push(fromDeployment(watch, deployment, input.config, active));
  }
  return out;
}

function compareDeployments(a: ReportDeployment, b: ReportDeployment): number {
  const health = HEALTH_ORDER.indexOf(a.health) - HEALTH_ORDER.indexOf(b.health);
  if (health !== 0) return health;
  return a.name < b.name ? -1 : a.name > b.name ? 1 : a.deploymentId < b.deploymentId ? -1 : 1;
}

function describeWatch(
  name: string,
  watchConfig: WatchConfig | undefined,
  result: WatchResult,
  deployments: readonly ReportDeployment[],
  input: ReportModelInput,
  alerts: readonly ReportAlert[],
): ReportWatch {
  const byHealth = emptyHealthCounts();
  for (const d of deployments) byHealth[d.health] += 1;
  const watch: ReportWatch = {
    name,
    selector: watchConfig?.selector ?? '',
    workspace: watchConfig?.workspace ?? '',
    namespace: watchConfig?.namespace ?? '',
    ok: result.ok,
    deployments: deployments.length,
    byHealth,
    firing: alerts.filter((a) => a.watch === name && a.status === 'firing').length,
  };
  if (!result.ok) watch.error = result.error.message.split('\n')[0]?.slice(0, MAX_ERROR_CHARS) ?? result.error.name;
  const lastOkAt = input.state.watches[name]?.lastOkAt;
  if (lastOkAt !== undefined) watch.lastOkAt = lastOkAt;
  return watch;
}

function outboxStatus(state: MonitorState): ReportModel['outbox'] {
  const outbox: ReportModel['outbox'] = { queued: state.outbox.length };
  const oldest = state.outbox.map((entry) => entry.firstAttemptAt).sort()[0];
  if (oldest !== undefined) outbox.oldest = oldest;
  return outbox;
}

/**
 * The report of one moment: the watches in `results` (config order first), their deployments with a health verdict,
 * the alerts worth showing, 24 h of history from the state and the outbox. Pure; every secret of the config is
 * scrubbed from the text it carries (error messages, summaries, labels).
 */
export function buildReportModel(input: ReportModelInput): ReportModel {
  const configured = new Map(input.config.watches.map((w) => [w.name, w]));
  const names = [
    ...input.config.watches.map((w) => w.name).filter((name) => input.results.has(name)),
    ...[...input.results.keys()].filter((name) => !configured.has(name)),
  ];
  const alerts = selectReportAlerts({
    alerts: input.state.alerts,
    watches: new Set(names),
    now: input.now,
    muted: input.muted,
  });
  const active = activeAlertsByDeployment(alerts);
  const watches: ReportWatch[] = [];
  const deployments: ReportDeployment[] = [];
  const history: Record<string, HistoryPoint[]> = {};
  for (const name of names) {
    const result = input.results.get(name);
    if (!result) continue;
    const own = result.ok
      ? result.deployments.map((d) => fromDeployment(name, d, input.config, active))
      : rememberedDeployments(name, input, active);
    own.sort(compareDeployments);
    deployments.push(...own);
    watches.push(describeWatch(name, configured.get(name), result, own, input, alerts));
    history[name] = watchHistory(input.state.deployments, name, input.now);
  }
  const model: ReportModel = {
    title: REPORT_TITLE,
    generatedAt: new Date(input.now).toISOString(),
    timeZone: input.config.report.timeZone,
    watches,
    deployments,
    alerts,
    history,
    outbox: outboxStatus(input.state),
  };
  return scrubSecrets(model, configSecrets(input.config));
}
