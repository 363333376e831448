import { describe, expect, it } from 'vitest';
import { buildReportModel } from '../../lib/report/build-model';
import { consoleUrl } from '../../lib/report/console-link';
import { classifyHealth } from '../../lib/report/health';
import { watchHistory } from '../../lib/report/history';
import type { DeploymentHistory } from '../../lib/rules/types';
import {
  FRAUD,
  HOUR,
  iso,
  MIN,
  NIGHTLY,
  NOW,
  ORDERS,
  REFUNDS,
  REPORT_TOKEN,
  SIGNING_SECRET,
  sampleInput,
  summary,
  WEBHOOK_TOKEN,
  XSS_NAME,
} from './fixtures';

describe('classifyHealth', () => {
  const running = summary({ running: 1 });
  const stopped = summary({ running: 0, failed: 3 });
  it.each([
    ['a firing critical alert', 'STREAMING', running, [{ severity: 'critical', status: 'firing' }], 'failing'],
    [
      'a firing critical alert without a summary',
      'STREAMING',
      null,
      [{ severity: 'critical', status: 'firing' }],
      'failing',
    ],
    ['no job summary', 'STREAMING', null, [], 'unknown'],
    ['a streaming deployment with nothing running', 'STREAMING', stopped, [], 'failing'],
    ['an unreported mode with nothing running', '', stopped, [], 'failing'],
    ['a streaming job still starting', 'STREAMING', summary({ starting: 1 }), [], 'degraded'],
    ['a firing warning', 'STREAMING', running, [{ severity: 'warning', status: 'firing' }], 'degraded'],
    ['a pending critical alert', 'STREAMING', running, [{ severity: 'critical', status: 'pending' }], 'degraded'],
    ['a finished batch deployment', 'BATCH', summary({ finished: 4 }), [], 'idle'],
    ['a running batch deployment', 'BATCH', summary({ running: 1 }), [], 'healthy'],
    ['a running streaming deployment', 'STREAMING', running, [], 'healthy'],
  ] as const)('%s → %s', (_what, executionMode, jobSummary, alerts, expected) => {
    expect(classifyHealth({ executionMode, jobSummary, alerts })).toBe(expected);
  });
});

describe('buildReportModel', () => {
  const model = buildReportModel(sampleInput());
  const byName = (name: string) => model.deployments.find((d) => d.name === name);

  it('lists the watches in config order with their health counts', () => {
    expect(model.watches.map((w) => [w.name, w.ok, w.deployments])).toEqual([
      ['payments', true, 5],
      ['risk', false, 1],
      ['batch-nightly', true, 2],
    ]);
    expect(model.watches[0]?.byHealth).toEqual({ failing: 1, degraded: 2, unknown: 1, healthy: 1, idle: 0 });
    expect(model.watches[0]?.firing).toBe(2);
    expect(model.watches[2]?.byHealth).toEqual({ failing: 0, degraded: 0, unknown: 0, healthy: 1, idle: 1 });
  });

  it('classifies each deployment and attaches its active alerts', () => {
    expect(byName('orders-etl')?.health).toBe('failing');
    expect(byName('orders-etl')?.alerts).toEqual([{ alertname: 'job-failed', severity: 'critical', status: 'firing' }]);
    expect(byName('refunds-sink')?.health).toBe('degraded');
    expect(byName(XSS_NAME)?.health).toBe('degraded');
    expect(byName('payments-enricher')).toMatchObject({ health: 'healthy', alerts: [] });
    expect(byName('fraud-scorer')).toMatchObject({
      health: 'unknown',
      jobSummary: null,
      problem: FRAUD.jobSummaryProblem,
    });
    expect(byName('nightly-report')?.health).toBe('idle');
    expect(byName('nightly-compaction')?.health).toBe('healthy');
  });

  it('shows a blind watch with its remembered deployments as unknown and when it last answered', () => {
    const risk = model.watches.find((w) => w.name === 'risk');
    expect(risk?.error).toMatch(/^GetDeploymentsByLabel failed: connect ECONNREFUSED/);
    expect(risk?.lastOkAt).toBe(iso(NOW - 25 * MIN));
    const remembered = model.deployments.filter((d) => d.watch === 'risk');
    expect(remembered).toHaveLength(1);
    expect(remembered[0]).toMatchObject({
      name: 'risk-model',
      health: 'unknown',
      jobSummary: null,
      namespace: 'risk-ns',
    });
    expect(remembered[0]?.problem).toContain('the query of watch risk failed');
  });

  it('orders alerts: firing (critical before warning, newest first), pending, then resolved within 24 h', () => {
    expect(model.alerts.map((a) => [a.status, a.severity, a.alertname, a.deployment ?? a.watch])).toEqual([
      ['firing', 'critical', 'job-failed', 'orders-etl'],
      ['firing', 'critical', 'WatchQueryFailing', 'risk'],
      ['firing', 'warning', 'checkpoint-slow', XSS_NAME],
      ['pending', 'warning', 'restarting', 'refunds-sink'],
      ['resolved', 'critical', 'job-failed', 'payments-enricher'],
    ]);
    expect(model.alerts[0]?.since).toBe(iso(NOW - 12 * MIN));
    expect(model.alerts[4]?.since).toBe(iso(NOW - 3 * HOUR));
  });

  it('marks muted alerts with the reason', () => {
    const input = sampleInput();
    const target = model.alerts[0]?.fingerprint ?? '';
    const muted = buildReportModel({ ...input, muted: new Map([[target, 'silenced until 12:00 (deploy window)']]) });
    expect(muted.alerts[0]?.muted).toBe('silenced until 12:00 (deploy window)');
    expect(muted.alerts[1]?.muted).toBeUndefined();
  });

  it('builds a console link per deployment from the template', () => {
    expect(byName('orders-etl')?.consoleUrl).toBe(
      `https://realtime-compute.console.aliyun.com/regionId/cn-hangzhou/workspace/a14bd5d90a/namespace/default-namespace/operations/stream/${ORDERS.deploymentId}`,
    );
    const input = sampleInput();
    const { consoleUrlTemplate: _unused, ...report } = input.config.report;
    const without = buildReportModel({ ...input, config: { ...input.config, report } });
    expect(without.deployments.every((d) => d.consoleUrl === undefined)).toBe(true);
  });

  it('counts the outbox and carries the time zone', () => {
    expect(model.outbox).toEqual({ queued: 1, oldest: iso(NOW - 5 * MIN) });
    expect(model.timeZone).toBe('Asia/Shanghai');
    expect(model.generatedAt).toBe(iso(NOW));
  });

  it('holds no secret, not even inside an error message that quoted a webhook URL', () => {
    const text = JSON.stringify(model);
    for (const secret of [REPORT_TOKEN, WEBHOOK_TOKEN, SIGNING_SECRET]) expect(text).not.toContain(secret);
    expect(model.watches.find((w) => w.name === 'risk')?.error).toContain('<redacted>');
  });

  it('keeps only the watches it was given (one watch asked for)', () => {
    const input = sampleInput();
    const only = buildReportModel({
      ...input,
      results: new Map([['batch-nightly', input.results.get('batch-nightly')!]]),
    });
    expect(only.watches.map((w) => w.name)).toEqual(['batch-nightly']);
    expect(only.deployments.every((d) => d.watch === 'batch-nightly')).toBe(true);
    expect(only.alerts).toEqual([]);
    expect(Object.keys(only.history)).toEqual(['batch-nightly']);
  });
});

describe('history', () => {
  it('sums running and failure increases per sample time across a watch’s deployments', () => {
    const model = buildReportModel(sampleInput());
    const points = model.history.payments ?? [];
    expect(points).toHaveLength(144);
    expect(points[0]?.t).toBe(iso(NOW - 24 * HOUR + 10 * MIN));
    expect(points.at(-1)).toEqual({ t: iso(NOW), running: 2, failed: 0 });
    expect(points.at(-2)).toEqual({ t: iso(NOW - 10 * MIN), running: 2, failed: 1 });
    expect(points.reduce((sum, p) => sum + p.failed, 0)).toBe(3);
    const beforeStop = points.find((p) => p.t === iso(NOW - 20 * MIN));
    expect(beforeStop?.running).toBe(3);
    const nightly = model.history['batch-nightly'] ?? [];
    expect(Math.max(...nightly.map((p) => p.running))).toBe(1);
    // risk-model was last seen 25 minutes ago (its watch is blind): it is not counted after its last sighting.
    const risk = model.history.risk ?? [];
    expect(risk).toHaveLength(145);
    expect(risk.find((p) => p.t === iso(NOW - 25 * MIN + 1))).toEqual({
      t: iso(NOW - 25 * MIN + 1),
      running: 0,
      failed: 0,
    });
  });

  it('uses the cumulative increase when samples carry it, counts resets as zero and ignores other watches and old samples', () => {
    const s = (running: number, failed: number) => summary({ running, failed });
    const deployments: Record<string, DeploymentHistory> = {
      'w/n/a': {
        name: 'a',
        watches: ['w'],
        lastSeenAt: NOW,
        samples: [
          { t: NOW - 25 * HOUR, s: s(1, 1), c: s(0, 0) },
          { t: NOW - 2 * HOUR, s: s(1, 4), c: s(0, 5) },
          { t: NOW - HOUR, s: s(0, 0), c: s(0, 5) },
          { t: NOW, s: s(1, 2) },
        ],
      },
      'w/n/b': { name: 'b', watches: ['w', 'x'], lastSeenAt: NOW, samples: [{ t: NOW - HOUR, s: s(2, 9) }] },
      'w/n/c': { name: 'c', watches: ['other'], lastSeenAt: NOW, samples: [{ t: NOW - HOUR, s: s(5, 5) }] },
    };
    // Samples exist only where counts changed, so each deployment's value is carried forward: `a` runs 1 from
    // before the window, `b` keeps running 2 from -1h until now.
    expect(watchHistory(deployments, 'w', NOW)).toEqual([
      { t: iso(NOW - 24 * HOUR), running: 1, failed: 0 },
      { t: iso(NOW - 2 * HOUR), running: 1, failed: 5 },
      { t: iso(NOW - HOUR), running: 2, failed: 0 },
      { t: iso(NOW), running: 3, failed: 2 },
    ]);
  });

  it('drops a deployment from the totals after it was last seen', () => {
    const deployments: Record<string, DeploymentHistory> = {
      'w/n/a': {
        name: 'a',
        watches: ['w'],
        lastSeenAt: NOW - HOUR,
        samples: [{ t: NOW - 3 * HOUR, s: summary({ running: 1 }) }],
      },
      'w/n/b': {
        name: 'b',
        watches: ['w'],
        lastSeenAt: NOW,
        samples: [{ t: NOW - 2 * HOUR, s: summary({ running: 1 }) }],
      },
    };
    expect(watchHistory(deployments, 'w', NOW)).toEqual([
      { t: iso(NOW - 3 * HOUR), running: 1, failed: 0 },
      { t: iso(NOW - 2 * HOUR), running: 2, failed: 0 },
      { t: iso(NOW - HOUR + 1), running: 1, failed: 0 },
      { t: iso(NOW), running: 1, failed: 0 },
    ]);
  });
});

describe('consoleUrl', () => {
  const values = { workspace: 'ws 1', namespace: 'ns/x', deploymentId: 'd?1', region: 'cn-hangzhou' };
  it('fills and encodes every placeholder', () => {
    expect(consoleUrl('https://c.example/{region}/{workspace}/{namespace}/{deploymentId}', values)).toBe(
      'https://c.example/cn-hangzhou/ws%201/ns%2Fx/d%3F1',
    );
  });
  it.each([undefined, '', 'javascript:alert(1)//{deploymentId}', 'not a url {workspace}'])(
    'gives no link for %j',
    (template) => {
      expect(consoleUrl(template, values)).toBeUndefined();
    },
  );
});

describe('deployments referenced by the fixture', () => {
  it('keeps ids distinct', () => {
    const ids = [ORDERS, REFUNDS, FRAUD, NIGHTLY].map((d) => d.deploymentId);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
