import type {
  AlertingDocument,
  FlinkDocument,
  LabelValue,
  ReportDocument,
  RuleDocument,
  StateDocument,
  WatchDocument,
} from './document';
import { parseDuration } from './duration';
import type { AlertingConfig, FlinkConfig, ReportConfig, RuleConfig, StateConfig, WatchConfig } from './types';

export const DEFAULTS = {
  flinkTimeout: '10s',
  concurrency: 8,
  maxAttempts: 4,
  namespace: 'default-namespace',
  repeatInterval: '4h',
  groupBy: ['watch', 'alertname'],
  queryFailuresBeforeAlert: 2,
  resolvedRetention: '24h',
  outboxMaxAge: '24h',
  statePath: '.flink-watch/state.json',
  ossPrefix: 'flink-watch/',
  tickTimeout: '60s',
} as const;

type Credentials = { accessKeyId: string; accessKeySecret: string; securityToken?: string };

function credentials(source: { accessKeyId?: string; accessKeySecret?: string; securityToken?: string }) {
  if (source.accessKeyId === undefined || source.accessKeySecret === undefined) return undefined;
  const out: Credentials = { accessKeyId: source.accessKeyId, accessKeySecret: source.accessKeySecret };
  if (source.securityToken !== undefined) out.securityToken = source.securityToken;
  return out;
}

export function labelsOf(labels: Record<string, LabelValue> | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(labels ?? {}).map(([key, value]) => [key, String(value)]));
}

export function buildFlink(flink: FlinkDocument): FlinkConfig {
  const out: FlinkConfig = {
    region: flink.region,
    endpoint: flink.endpoint ?? `ververica.${flink.region}.aliyuncs.com`,
    protocol: flink.protocol ?? 'https',
    timeoutMs: parseDuration(flink.timeout ?? DEFAULTS.flinkTimeout),
    concurrency: flink.concurrency ?? DEFAULTS.concurrency,
    maxAttempts: flink.maxAttempts ?? DEFAULTS.maxAttempts,
    includeResourceSetting: flink.includeResourceSetting ?? false,
  };
  const creds = credentials(flink);
  if (creds) out.credentials = creds;
  return out;
}

export function buildWatch(watch: WatchDocument): WatchConfig {
  return {
    name: watch.name,
    workspace: watch.workspace,
    namespace: watch.namespace ?? DEFAULTS.namespace,
    selector: watch.selector,
    labels: labelsOf(watch.labels),
  };
}

export function buildRule(rule: RuleDocument): RuleConfig {
  const out: RuleConfig = {
    name: rule.name,
    when: rule.when,
    scope: rule.scope ?? 'deployment',
    forMs: parseDuration(rule.for ?? 0),
    severity: rule.severity ?? 'warning',
    watches: [...(rule.watches ?? [])],
    labels: labelsOf(rule.labels),
  };
  if (rule.summary !== undefined) out.summary = rule.summary;
  if (rule.description !== undefined) out.description = rule.description;
  return out;
}

export function buildAlerting(alerting: AlertingDocument, defaultReceivers: string[]): AlertingConfig {
  return {
    repeatIntervalMs: parseDuration(alerting.repeatInterval ?? DEFAULTS.repeatInterval),
    groupBy: [...(alerting.groupBy ?? DEFAULTS.groupBy)],
    queryFailuresBeforeAlert: alerting.queryFailuresBeforeAlert ?? DEFAULTS.queryFailuresBeforeAlert,
    resolvedRetentionMs: parseDuration(alerting.resolvedRetention ?? DEFAULTS.resolvedRetention),
    outboxMaxAgeMs: parseDuration(alerting.outboxMaxAge ?? DEFAULTS.outboxMaxAge),
    defaultReceivers,
  };
}

export function buildState(state: StateDocument | undefined): StateConfig {
  if (state === undefined) return { type: 'file', path: DEFAULTS.statePath };
  if (state.type === 'file') return { type: 'file', path: state.path ?? DEFAULTS.statePath };
  if (state.type === 'memory') return { type: 'memory' };
  const out: StateConfig = {
    type: 'oss',
    bucket: state.bucket,
    region: state.region,
    prefix: state.prefix ?? DEFAULTS.ossPrefix,
    secure: state.secure ?? true,
  };
  if (state.endpoint !== undefined) out.endpoint = state.endpoint;
  const creds = credentials(state);
  if (creds) out.credentials = creds;
  return out;
}

export function buildReport(report: ReportDocument): ReportConfig {
  const out: ReportConfig = {
    auth: report.auth ?? 'token',
    timeZone: report.timeZone ?? 'UTC',
    locale: report.locale ?? 'en',
  };
  if (report.token !== undefined) out.token = report.token;
  if (report.url !== undefined) out.url = report.url;
  if (report.consoleUrlTemplate !== undefined) out.consoleUrlTemplate = report.consoleUrlTemplate;
  return out;
}
