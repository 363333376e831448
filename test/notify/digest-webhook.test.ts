import { createHmac } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { ReceiverConfig } from '../../lib/config/types';
import { createAlertmanagerReceiver } from '../../lib/notify/alertmanager';
import { createConsoleReceiver } from '../../lib/notify/console';
import { createWebhookReceiver } from '../../lib/notify/webhook';
import { silentLogger } from '../../lib/runtime/logger';
import { reportConfig } from '../helpers/standins/big-group';
import { startWebhookServer, type WebhookServer } from '../helpers/webhook-server';
import { oversizedDigest, REPORT_URL, realisticDigest } from './digest-fixtures';

const SECRET = 'webhook0digest0signing0secret';
const PATH_TOKEN = 'hook0path0token0c0ffee42';

const webhookConfig = (url: string, overrides: Partial<ReceiverConfig> = {}): ReceiverConfig => ({
  name: 'hook',
  type: 'webhook',
  url,
  sendResolved: true,
  options: {},
  ...overrides,
});

describe('webhook digest', () => {
  let server: WebhookServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('masks token-like parts of its URL in the digest but not plain words such as /alerts', () => {
    const receiver = createWebhookReceiver(webhookConfig(`http://127.0.0.1:9/alerts/${PATH_TOKEN}`), {
      logger: silentLogger,
    });
    const digest = { ...realisticDigest(), markdown: `## Firing alerts\n\nleaked ${PATH_TOKEN} here` };
    const [message] = receiver.renderDigest?.(digest) ?? [];
    const markdown = (JSON.parse(message!.body) as { markdown: string }).markdown;
    expect(markdown).toContain('## Firing alerts');
    expect(markdown).not.toContain(PATH_TOKEN);
  });

  it('posts the digest as JSON for programs, signed like alert messages', async () => {
    server = await startWebhookServer();
    const receiver = createWebhookReceiver(webhookConfig(`${server.url}/in/${PATH_TOKEN}`, { secret: SECRET }), {
      logger: silentLogger,
    });
    const digest = realisticDigest();
    const [message, ...rest] = receiver.renderDigest?.(digest) ?? [];
    expect(rest).toEqual([]);
    expect(message).toMatchObject({
      receiver: 'hook',
      groupKey: 'digest',
      fingerprints: [],
      contentType: 'application/json',
      summary: 'digest: 3 firing, 3 watches',
    });
    expect(JSON.parse(message!.body)).toEqual({
      kind: 'digest',
      receiver: 'hook',
      title: 'flink-watch report: digest',
      markdown: digest.markdown,
      reportUrl: REPORT_URL,
      now: digest.now,
    });

    const now = new Date();
    expect(await receiver.deliver(message!, { signal: AbortSignal.timeout(10_000), now })).toMatchObject({
      kind: 'delivered',
    });
    const [request] = server.requests;
    expect(request?.body).toBe(message!.body);
    const timestamp = String(Math.floor(now.getTime() / 1000));
    expect(request?.headers['x-flink-watch-timestamp']).toBe(timestamp);
    const expected = createHmac('sha256', SECRET).update(`${timestamp}.${request?.body}`).digest('hex');
    expect(request?.headers['x-flink-watch-signature']).toBe(`sha256=${expected}`);
  });

  it('sends the whole Markdown (no size limit), "" without a report URL, and masks its own secrets', async () => {
    const receiver = createWebhookReceiver(webhookConfig(`http://127.0.0.1:9/in/${PATH_TOKEN}`, { secret: SECRET }), {
      logger: silentLogger,
    });
    const big = oversizedDigest(400);
    expect(JSON.parse(receiver.renderDigest?.(big)[0]?.body ?? '{}').markdown).toBe(big.markdown);

    const base = realisticDigest(null);
    const leaky = { ...base, markdown: `${base.markdown}\nquoted: ${SECRET} /in/${PATH_TOKEN}\n` };
    const body = receiver.renderDigest?.(leaky)[0]?.body ?? '';
    expect(body).not.toContain(SECRET);
    expect(body).not.toContain(PATH_TOKEN);
    expect(JSON.parse(body).reportUrl).toBe('');
  });
});

describe('console digest', () => {
  it('prints the Markdown under the receiver and title', async () => {
    const written: string[] = [];
    const receiver = createConsoleReceiver(
      { name: 'terminal', type: 'console', sendResolved: true, options: {} },
      { write: (t) => written.push(t) },
    );
    const digest = realisticDigest();
    const [message] = receiver.renderDigest?.(digest) ?? [];
    expect(message).toMatchObject({ groupKey: 'digest', fingerprints: [], summary: 'digest: 3 firing, 3 watches' });
    await receiver.deliver(message!, { signal: AbortSignal.timeout(1_000), now: new Date() });
    expect(written).toEqual([`[terminal] flink-watch report: digest\n\n${digest.markdown.trimEnd()}\n`]);
  });
});

describe('alertmanager', () => {
  it('takes only alerts: it has no digest renderer', () => {
    const receiver = createAlertmanagerReceiver(
      { name: 'am', type: 'alertmanager', url: 'http://127.0.0.1:9093', sendResolved: true, options: {} },
      { logger: silentLogger, report: reportConfig() },
    );
    expect(receiver.renderDigest).toBeUndefined();
  });
});
