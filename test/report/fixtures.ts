import { fingerprint, identifyingLabels } from '../../lib/alerts/fingerprint';
import type { AlertRecord, AlertStatus, Labels } from '../../lib/alerts/types';
import type { Config, Severity } from '../../lib/config/types';
import type { Deployment, JobSummary, WatchResult } from '../../lib/flink/types';
import type { ReportModelInput } from '../../lib/report/build-model';
import type { DeploymentHistory, SummarySample } from '../../lib/rules/types';
import { emptyState, type MonitorState } from '../../lib/state/model';

export const NOW = Date.parse('2030-01-01T02:00:00.000Z');
export const MIN = 60_000;
export const HOUR = 60 * MIN;
export const REPORT_TOKEN = 'report-token-9f8e7d6c5b4a';
export const WEBHOOK_TOKEN = 'dingtalk0access0token0c0ffee';
export const WEBHOOK_URL = `https://oapi.dingtalk.com/robot/send?access_token=${WEBHOOK_TOKEN}`;
export const SIGNING_SECRET = 'SEC0signing0secret0abcdef';
export const CONSOLE_TEMPLATE =
  'https://realtime-compute.console.aliyun.com/regionId/{region}/workspace/{workspace}/namespace/{namespace}/operations/stream/{deploymentId}';
export const XSS_NAME = '<script>alert("name")</script>';
export const XSS_LABEL = '"><script>alert(1)</script>';
export const XSS_SUMMARY = '<img src=x onerror=alert(2)>';

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

export function reportConfig(report: Partial<Config['report']> = {}): Config {
  return {
    flink: {
      region: 'cn-hangzhou',
      endpoint: 'ververica.cn-hangzhou.aliyuncs.com',
      protocol: 'https',
      timeoutMs: 10_000,
      concurrency: 4,
      maxAttempts: 3,
      includeResourceSetting: false,
    },
    watches: [
      {
        name: 'payments',
        workspace: 'a14bd5d90a',
        namespace: 'default-namespace',
        selector: 'team in (payments, risk), env = prod',
        labels: {},
      },
      { name: 'risk', workspace: 'a14bd5d90a', namespace: 'risk-ns', selector: 'team = risk', labels: {} },
      { name: 'batch-nightly', workspace: 'b22', namespace: 'batch', selector: 'schedule = nightly', labels: {} },
    ],
    rules: [],
    receivers: {
      oncall: {
        name: 'oncall',
        type: 'dingtalk',
        url: WEBHOOK_URL,
        secret: SIGNING_SECRET,
        sendResolved: true,
        options: {},
      },
    },
    routes: [],
    silences: [],
    maintenance: [],
    alerting: {
      repeatIntervalMs: 4 * HOUR,
      groupBy: ['alertname', 'watch'],
      queryFailuresBeforeAlert: 2,
      resolvedRetentionMs: 24 * HOUR,
      outboxMaxAgeMs: 24 * HOUR,
      defaultReceivers: ['oncall'],
    },
    state: { type: 'memory' },
    report: {
      auth: 'token',
      token: REPORT_TOKEN,
      consoleUrlTemplate: CONSOLE_TEMPLATE,
      timeZone: 'Asia/Shanghai',
      locale: 'en',
      ...report,
    },
    tickTimeoutMs: 60_000,
  };
}

export function summary(counts: Partial<JobSummary> = {}): JobSummary {
  return { starting: 0, running: 0, cancelling: 0, cancelled: 0, finished: 0, failed: 0, ...counts };
}

export function deployment(name: string, overrides: Partial<Deployment> = {}): Deployment {
  return {
    deploymentId: `dep-${name.replace(/[^a-z0-9]/gi, '').toLowerCase() || 'x'}`,
    name,
    namespace: 'default-namespace',
    workspace: 'a14bd5d90a',
    labels: { team: 'payments', env: 'prod' },
    executionMode: 'STREAMING',
    engineVersion: 'vvr-8.0.9-flink-1.17',
    deploymentHasChanged: false,
    createdAt: null,
    modifiedAt: null,
    jobSummary: summary({ running: 1 }),
    ...overrides,
  };
}

export function alertRecord(input: {
  rule: string;
  watch: string;
  severity: Severity;
  status: AlertStatus;
  since: number;
  deployment?: Deployment;
  resolvedAt?: number;
  summary?: string;
}): AlertRecord {
  const identity: Parameters<typeof identifyingLabels>[0] = {
    alertname: input.rule,
    watch: input.watch,
    severity: input.severity,
  };
  if (input.deployment) identity.deployment = input.deployment;
  const labels: Labels = identifyingLabels(identity);
  const record: AlertRecord = {
    fingerprint: fingerprint(labels),
    labels,
    annotations: { summary: input.summary ?? `${input.rule} on ${input.deployment?.name ?? input.watch}` },
    status: input.status,
    activeSince: iso(input.since),
    lastEvaluatedAt: iso(NOW),
    severity: input.severity,
  };
  if (input.status !== 'pending') record.firedAt = iso(input.since);
  if (input.resolvedAt !== undefined) record.resolvedAt = iso(input.resolvedAt);
  return record;
}

/** Samples every `stepMin` minutes over the last 24 h; `at(t)` gives the summary at time t. */
export function history(
  name: string,
  watches: string[],
  at: (t: number) => JobSummary,
  stepMin = 10,
): DeploymentHistory {
  const samples: SummarySample[] = [];
  for (let t = NOW - 24 * HOUR + stepMin * MIN; t <= NOW; t += stepMin * MIN) samples.push({ t, s: at(t) });
  return { name, watches, lastSeenAt: NOW, samples };
}

function key(d: Deployment): string {
  return `${d.workspace}/${d.namespace}/${d.deploymentId}`;
}

export const ORDERS = deployment('orders-etl', { jobSummary: summary({ running: 0, cancelled: 1, failed: 7 }) });
export const ENRICHER = deployment('payments-enricher', { jobSummary: summary({ running: 1, failed: 2 }) });
export const REFUNDS = deployment('refunds-sink', { jobSummary: summary({ running: 1, failed: 1 }) });
export const XSS = deployment(XSS_NAME, { labels: { team: 'payments', note: XSS_LABEL } });
export const FRAUD = deployment('fraud-scorer', { jobSummary: null, jobSummaryProblem: 'jobSummary was "\\"\\""' });
export const NIGHTLY = deployment('nightly-report', {
  workspace: 'b22',
  namespace: 'batch',
  executionMode: 'BATCH',
  jobSummary: summary({ finished: 30 }),
});
export const COMPACTION = deployment('nightly-compaction', {
  workspace: 'b22',
  namespace: 'batch',
  executionMode: 'BATCH',
  jobSummary: summary({ running: 1, finished: 12 }),
});
export const RISK_MODEL = deployment('risk-model', { namespace: 'risk-ns' });

/** A realistic moment: one failing, one degraded by a pending alert, a blind watch, a batch watch, XSS bait. */
export function sampleInput(): ReportModelInput {
  const state: MonitorState = emptyState();
  state.savedAt = iso(NOW);
  const records = [
    alertRecord({
      rule: 'job-failed',
      watch: 'payments',
      severity: 'critical',
      status: 'firing',
      since: NOW - 12 * MIN,
      deployment: ORDERS,
    }),
    alertRecord({
      rule: 'checkpoint-slow',
      watch: 'payments',
      severity: 'warning',
      status: 'firing',
      since: NOW - 30 * MIN,
      deployment: XSS,
      summary: XSS_SUMMARY,
    }),
    alertRecord({
      rule: 'WatchQueryFailing',
      watch: 'risk',
      severity: 'critical',
      status: 'firing',
      since: NOW - 20 * MIN,
      summary: 'Watch risk cannot query the Flink API',
    }),
    alertRecord({
      rule: 'restarting',
      watch: 'payments',
      severity: 'warning',
      status: 'pending',
      since: NOW - 2 * MIN,
      deployment: REFUNDS,
    }),
    alertRecord({
      rule: 'job-failed',
      watch: 'payments',
      severity: 'critical',
      status: 'resolved',
      since: NOW - 4 * HOUR,
      resolvedAt: NOW - 3 * HOUR,
      deployment: ENRICHER,
    }),
    alertRecord({
      rule: 'job-failed',
      watch: 'payments',
      severity: 'critical',
      status: 'resolved',
      since: NOW - 31 * HOUR,
      resolvedAt: NOW - 30 * HOUR,
      deployment: REFUNDS,
    }),
    alertRecord({ rule: 'job-failed', watch: 'retired', severity: 'critical', status: 'firing', since: NOW - HOUR }),
  ];
  for (const r of records) state.alerts[r.fingerprint] = r;

  const payments = ['payments'];
  state.deployments[key(ORDERS)] = history('orders-etl', payments, (t) =>
    summary({ running: t < NOW - 15 * MIN ? 1 : 0, failed: t < NOW - 6 * HOUR ? 5 : t < NOW - 12 * MIN ? 6 : 7 }),
  );
  state.deployments[key(ENRICHER)] = history('payments-enricher', payments, (t) =>
    summary({ running: 1, failed: t < NOW - 3 * HOUR ? 1 : 2 }),
  );
  state.deployments[key(REFUNDS)] = history('refunds-sink', payments, () => summary({ running: 1, failed: 1 }));
  state.deployments[key(RISK_MODEL)] = {
    ...history('risk-model', ['risk'], () => summary({ running: 1 })),
    lastSeenAt: NOW - 25 * MIN,
  };
  state.deployments[key(NIGHTLY)] = history('nightly-report', ['batch-nightly'], (t) =>
    summary({ running: t > NOW - 8 * HOUR && t < NOW - 7 * HOUR ? 1 : 0, finished: 30 }),
  );
  state.watches.risk = { consecutiveFailures: 3, lastOkAt: iso(NOW - 25 * MIN), lastError: 'ECONNREFUSED' };
  state.outbox.push({
    id: 'o1',
    message: {
      receiver: 'oncall',
      groupKey: 'g',
      body: WEBHOOK_URL,
      contentType: 'application/json',
      summary: 's',
      fingerprints: [],
    },
    attempts: 2,
    firstAttemptAt: iso(NOW - 5 * MIN),
    lastAttemptAt: iso(NOW - MIN),
    lastError: `POST ${WEBHOOK_URL} timed out`,
  });

  const results = new Map<string, WatchResult>([
    [
      'payments',
      {
        watch: 'payments',
        ok: true,
        deployments: [ORDERS, ENRICHER, REFUNDS, XSS, FRAUD],
        skipped: [],
        requestIds: ['r1'],
      },
    ],
    [
      'risk',
      {
        watch: 'risk',
        ok: false,
        error: new Error(`GetDeploymentsByLabel failed: connect ECONNREFUSED (proxy ${WEBHOOK_URL})`),
      },
    ],
    [
      'batch-nightly',
      { watch: 'batch-nightly', ok: true, deployments: [NIGHTLY, COMPACTION], skipped: [], requestIds: ['r2'] },
    ],
  ]);
  return { config: reportConfig(), results, state, now: NOW };
}
