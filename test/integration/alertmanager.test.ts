import { type ChildProcess, spawn } from 'node:child_process';
import { accessSync, constants, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertView } from '../../lib/alerts/types';
import { createAlertmanagerReceiver } from '../../lib/notify/alertmanager';
import type { Notification, Receiver } from '../../lib/notify/types';
import { sleep, systemClock } from '../../lib/runtime/clock';
import { silentLogger } from '../../lib/runtime/logger';
import { reportConfig } from '../helpers/standins/big-group';
import { type RecordedRequest, startWebhookServer, type WebhookServer } from '../helpers/webhook-server';

/** The Debian package installs `prometheus-alertmanager`; upstream builds are called `alertmanager`. */
function findAlertmanager(): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    for (const name of ['prometheus-alertmanager', 'alertmanager']) {
      const candidate = join(dir, name);
      try {
        accessSync(candidate, constants.X_OK);
        return candidate;
      } catch {
        // not here
      }
    }
  }
  return undefined;
}

const binary = findAlertmanager();
const inCI = process.env.CI === 'true';

it('finds the alertmanager binary (required when CI=true)', () => {
  if (!binary) {
    console.warn(
      'prometheus-alertmanager is not on PATH: the real-Alertmanager tests are skipped (apt-get install prometheus-alertmanager)',
    );
  }
  if (inCI) expect(binary, 'CI=true requires prometheus-alertmanager or alertmanager on PATH').toBeDefined();
});

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (typeof address !== 'object' || address === null) throw new Error('no port');
  return address.port;
}

const LABELS = {
  alertname: 'job-failed',
  watch: 'payments',
  deployment: 'orders-etl',
  deploymentId: 'd-0001',
  namespace: 'default-namespace',
  workspace: 'a14bd5d90a',
  severity: 'critical',
};
const ANNOTATIONS = { summary: 'orders-etl: 1 new failed job', description: 'failed went from 6 to 7', failed: '7' };

function notification(status: 'firing' | 'resolved', now: Date, startsAt: string): Notification {
  const alert: AlertView = {
    fingerprint: 'f00dfeed00000001',
    status,
    labels: LABELS,
    annotations: ANNOTATIONS,
    startsAt,
    generatorURL: 'https://flink-watch.example.com/report#d-0001',
    ...(status === 'resolved' ? { endsAt: now.toISOString() } : {}),
  };
  return {
    receiver: 'am',
    groupKey: 'am|{alertname="job-failed"}',
    groupLabels: { alertname: 'job-failed' },
    status,
    alerts: [alert],
    commonLabels: LABELS,
    commonAnnotations: ANNOTATIONS,
    now: now.toISOString(),
  };
}

interface WebhookAlert {
  status: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  generatorURL: string;
  endsAt: string;
}

async function waitForNotification(hook: WebhookServer, status: string, timeoutMs: number): Promise<WebhookAlert> {
  const deadline = systemClock.now() + timeoutMs;
  while (systemClock.now() < deadline) {
    for (const request of hook.requests as RecordedRequest[]) {
      const body = JSON.parse(request.body) as { status: string; alerts: WebhookAlert[] };
      const alert = body.alerts.find((a) => a.labels.deploymentId === 'd-0001' && a.status === status);
      if (alert) return alert;
    }
    await sleep(100);
  }
  throw new Error(`no ${status} notification from Alertmanager within ${timeoutMs} ms`);
}

describe.runIf(binary)('real Alertmanager (API v2) receiving from the alertmanager receiver', () => {
  let dir: string;
  let hook: WebhookServer;
  let am: ChildProcess | undefined;
  let output = '';
  let receiver: Receiver;
  let base: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'flink-watch-am-'));
    hook = await startWebhookServer();
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    writeFileSync(
      join(dir, 'alertmanager.yml'),
      [
        'route:',
        '  receiver: flink',
        "  group_by: ['alertname', 'watch']",
        '  group_wait: 1s',
        '  group_interval: 1s',
        '  repeat_interval: 1h',
        'receivers:',
        '  - name: flink',
        '    webhook_configs:',
        `      - url: '${hook.url}/alerts'`,
        '        send_resolved: true',
        '',
      ].join('\n'),
    );
    am = spawn(
      binary ?? 'alertmanager',
      [
        `--config.file=${join(dir, 'alertmanager.yml')}`,
        `--storage.path=${join(dir, 'data')}`,
        `--web.listen-address=127.0.0.1:${port}`,
        '--cluster.listen-address=',
        '--log.level=warn',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    am.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    am.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    const deadline = systemClock.now() + 20_000;
    for (;;) {
      try {
        if ((await fetch(`${base}/-/ready`, { signal: AbortSignal.timeout(1_000) })).ok) break;
      } catch {
        // not listening yet
      }
      if (am.exitCode !== null || systemClock.now() > deadline) {
        throw new Error(`Alertmanager did not become ready:\n${output}`);
      }
      await sleep(100);
    }
    const { consoleUrlTemplate: _noConsoleLinks, ...report } = reportConfig();
    receiver = createAlertmanagerReceiver(
      { name: 'am', type: 'alertmanager', url: base, sendResolved: true, options: {} },
      { logger: silentLogger, report },
    );
  });

  afterAll(async () => {
    if (am && am.exitCode === null) {
      const exited = new Promise<void>((resolve) => am?.once('exit', () => resolve()));
      am.kill('SIGTERM');
      const killed = await Promise.race([exited.then(() => true), sleep(5_000).then(() => false)]);
      if (!killed) am.kill('SIGKILL');
    }
    await hook?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('delivers a firing alert with the designed labels and annotations, then its resolution', async () => {
    const firedAt = new Date(systemClock.now());
    const startsAt = new Date(firedAt.getTime() - 60_000).toISOString();
    const [firing] = receiver.render(notification('firing', firedAt, startsAt));
    const signal = AbortSignal.timeout(10_000);
    expect(await receiver.deliver(firing!, { signal, now: firedAt })).toEqual({ kind: 'delivered' });

    const fired = await waitForNotification(hook, 'firing', 15_000);
    expect(fired.labels).toEqual(LABELS);
    expect(fired.annotations).toEqual(ANNOTATIONS);
    expect(fired.generatorURL).toBe('https://flink-watch.example.com/report#d-0001');
    expect(fired.endsAt).toBe('0001-01-01T00:00:00Z');

    const stored = (await (await fetch(`${base}/api/v2/alerts?filter=deploymentId%3D%22d-0001%22`)).json()) as Array<{
      endsAt: string;
    }>;
    expect(stored).toHaveLength(1);
    expect(Date.parse(stored[0]!.endsAt)).toBe(firedAt.getTime() + 60 * 60_000);

    const resolvedAt = new Date(systemClock.now());
    const [resolved] = receiver.render(notification('resolved', resolvedAt, startsAt));
    expect(await receiver.deliver(resolved!, { signal, now: resolvedAt })).toEqual({ kind: 'delivered' });
    const ended = await waitForNotification(hook, 'resolved', 15_000);
    expect(ended.labels).toEqual(LABELS);
    expect(Date.parse(ended.endsAt)).toBe(resolvedAt.getTime());
  });

  it('a label name Alertmanager refuses is mapped instead of failing the batch', async () => {
    const now = new Date(systemClock.now());
    const n = notification('firing', now, now.toISOString());
    n.alerts = [
      {
        ...n.alerts[0]!,
        fingerprint: 'f00dfeed00000002',
        labels: { ...LABELS, deploymentId: 'd-0002', 'team-name': 'pay' },
      },
    ];
    const [message] = receiver.render(n);
    expect(await receiver.deliver(message!, { signal: AbortSignal.timeout(10_000), now })).toEqual({
      kind: 'delivered',
    });
    const stored = (await (await fetch(`${base}/api/v2/alerts?filter=deploymentId%3D%22d-0002%22`)).json()) as Array<{
      labels: Record<string, string>;
    }>;
    expect(stored[0]?.labels.team_name).toBe('pay');
  });

  it('answers a malformed batch with 400, which the receiver classifies as fatal', async () => {
    const outcome = await receiver.deliver(
      {
        receiver: 'am',
        groupKey: 'x',
        body: '[{"labels":{}}]',
        contentType: 'application/json',
        summary: 'bad',
        fingerprints: [],
      },
      { signal: AbortSignal.timeout(10_000), now: new Date(systemClock.now()) },
    );
    expect(outcome).toMatchObject({ kind: 'fatal', reason: 'bad-request' });
  });
});
