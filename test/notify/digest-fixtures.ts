import type { Digest } from '../../lib/notify/types';
import { buildReportModel } from '../../lib/report/build-model';
import type { ReportAlert, ReportDeployment, ReportModel, ReportWatch } from '../../lib/report/model';
import { renderMarkdown } from '../../lib/report/render-markdown';
import { summariseReport } from '../../lib/report/report-summary';
import { sampleInput } from '../report/fixtures';

export const REPORT_URL = 'https://flink-watch.example.com/report';

function digestOf(model: ReportModel, markdown: string, reportUrl: string | null): Digest {
  const s = summariseReport(model);
  return {
    title: `${model.title}: digest`,
    markdown,
    now: model.generatedAt,
    counts: { firing: s.firing, watches: s.watches },
    ...(reportUrl ? { reportUrl } : {}),
  };
}

/**
 * The digest of the report fixtures' realistic moment (a failing deployment, a blind watch, HTML bait in a name and
 * a summary), rendered as `runDigest` renders it.
 */
export function realisticDigest(reportUrl: string | null = REPORT_URL): Digest {
  const model = buildReportModel(sampleInput());
  return digestOf(model, renderMarkdown(model, reportUrl ? { reportUrl } : {}), reportUrl);
}

const WATCHES = ['支付团队-生产环境', 'risk-platform', 'search-batch'];

/**
 * `count` unhealthy deployments with long CJK names (3 bytes per character) and one firing alert each, every one
 * listed: far over every platform's limit.
 */
export function oversizedDigest(count: number, reportUrl: string | null = REPORT_URL): Digest {
  const generatedAt = '2026-11-28T09:00:00.000Z';
  const deployments: ReportDeployment[] = [];
  const alerts: ReportAlert[] = [];
  for (let i = 0; i < count; i++) {
    const watch = WATCHES[i % WATCHES.length] ?? 'payments';
    const name = `支付-实时-订单-聚合-作业-${String(i).padStart(4, '0')}`;
    deployments.push({
      watch,
      name,
      deploymentId: `d-${i}`,
      workspace: 'a14bd5d90a',
      namespace: 'default-namespace',
      labels: {},
      executionMode: 'STREAMING',
      engineVersion: 'vvr-8.0.9-flink-1.17',
      jobSummary: { starting: 0, running: 0, cancelling: 0, cancelled: 1, finished: 0, failed: 7 + i },
      health: 'failing',
      alerts: [{ alertname: 'job-failed', severity: 'critical', status: 'firing' }],
    });
    alerts.push({
      fingerprint: `fp-${i}`,
      alertname: 'job-failed',
      severity: 'critical',
      status: 'firing',
      watch,
      deployment: name,
      deploymentId: `d-${i}`,
      since: '2026-11-28T08:00:00.000Z',
      summary: `作业 ${name} 有新的失败记录：失败次数从 ${6 + i} 增加到 ${7 + i}`,
      labels: {},
    });
  }
  const watches: ReportWatch[] = WATCHES.map((name) => ({
    name,
    selector: 'team = payments',
    workspace: 'a14bd5d90a',
    namespace: 'default-namespace',
    ok: true,
    deployments: deployments.filter((d) => d.watch === name).length,
    byHealth: {
      failing: deployments.filter((d) => d.watch === name).length,
      degraded: 0,
      unknown: 0,
      healthy: 0,
      idle: 0,
    },
    firing: alerts.filter((a) => a.watch === name).length,
  }));
  const model: ReportModel = {
    title: 'flink-watch report',
    generatedAt,
    timeZone: 'Asia/Shanghai',
    watches,
    deployments,
    alerts,
    history: {},
    outbox: { queued: 0 },
  };
  const markdown = renderMarkdown(model, {
    maxAlerts: count,
    maxDeployments: count,
    ...(reportUrl ? { reportUrl } : {}),
  });
  return digestOf(model, markdown, reportUrl);
}
