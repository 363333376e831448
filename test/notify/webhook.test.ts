import { createHmac } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ReceiverConfig } from '../../lib/config/types';
import { ReceiverConfigError } from '../../lib/notify/errors';
import { createWebhookReceiver } from '../../lib/notify/webhook';
import { ZERO_TIME } from '../../lib/notify/webhook-payload';
import { verifyWebhookSignature } from '../../lib/notify/webhook-signature';
import { silentLogger } from '../../lib/runtime/logger';
import { sampleAlert, sampleNotification } from '../helpers/sample-notification';
import { startWebhookServer, type WebhookServer } from '../helpers/webhook-server';

const SECRET = 'webhook-signing-secret-3e1f';

function config(overrides: Partial<ReceiverConfig> = {}): ReceiverConfig {
  return { name: 'hook', type: 'webhook', url: 'http://127.0.0.1:9/x', sendResolved: true, options: {}, ...overrides };
}

describe('webhook payload (Alertmanager webhook message, version 4)', () => {
  const receiver = createWebhookReceiver(config(), { logger: silentLogger });

  it('has Alertmanager’s fields in Alertmanager’s order', () => {
    const [message] = receiver.render(sampleNotification('hook'));
    const payload = JSON.parse(message!.body) as Record<string, unknown>;
    expect(Object.keys(payload)).toEqual([
      'receiver',
      'status',
      'alerts',
      'groupLabels',
      'commonLabels',
      'commonAnnotations',
      'externalURL',
      'version',
      'groupKey',
      'truncatedAlerts',
    ]);
    expect(payload).toMatchObject({
      receiver: 'hook',
      status: 'firing',
      version: '4',
      groupKey: 'hook|{alertname="job-failed",watch="payments"}',
      groupLabels: { alertname: 'job-failed', watch: 'payments' },
      externalURL: 'http://127.0.0.1:8080/',
      truncatedAlerts: 0,
    });
    expect(message!.contentType).toBe('application/json');
    expect(message!.summary).toBe('1 firing, 1 resolved: job-failed/payments');
  });

  it('firing alerts end at 0001-01-01T00:00:00Z, resolved ones at their end time', () => {
    const [message] = receiver.render(sampleNotification('hook'));
    const { alerts } = JSON.parse(message!.body) as { alerts: Array<Record<string, unknown>> };
    expect(alerts).toEqual([
      {
        status: 'firing',
        labels: sampleAlert().labels,
        annotations: sampleAlert().annotations,
        startsAt: '2026-11-28T08:46:05.000Z',
        endsAt: ZERO_TIME,
        generatorURL: 'http://127.0.0.1:8080/#/deployments/d-0001',
        fingerprint: '95c2441b50fc4727',
      },
      expect.objectContaining({
        status: 'resolved',
        endsAt: '2026-11-28T08:58:00.000Z',
        fingerprint: 'a1b2c3d4e5f60718',
      }),
    ]);
  });

  it('a resolved alert without endsAt ends at the notification time; a missing generatorURL is ""', () => {
    const { generatorURL: _omit, ...bare } = sampleAlert({ status: 'resolved' });
    const [message] = receiver.render(sampleNotification('hook', { status: 'resolved', alerts: [bare] }));
    const { alerts, status } = JSON.parse(message!.body) as { status: string; alerts: Array<Record<string, unknown>> };
    expect(status).toBe('resolved');
    expect(alerts[0]).toMatchObject({ endsAt: '2026-11-28T09:00:00.000Z', generatorURL: '' });
  });

  it('options.maxAlerts lists firing alerts first, counts the rest in truncatedAlerts, still carries all fingerprints', () => {
    const capped = createWebhookReceiver(config({ options: { maxAlerts: 2 } }), { logger: silentLogger });
    const alerts = [
      sampleAlert({ fingerprint: 'r1', status: 'resolved', endsAt: '2026-11-28T08:59:00.000Z' }),
      sampleAlert({ fingerprint: 'f1' }),
      sampleAlert({ fingerprint: 'f2' }),
    ];
    const [message] = capped.render(sampleNotification('hook', { alerts }));
    const payload = JSON.parse(message!.body) as { alerts: Array<{ fingerprint: string }>; truncatedAlerts: number };
    expect(payload.alerts.map((a) => a.fingerprint)).toEqual(['f1', 'f2']);
    expect(payload.truncatedAlerts).toBe(1);
    expect(message!.fingerprints).toEqual(['r1', 'f1', 'f2']);
  });

  it('without maxAlerts every alert is listed in the notification’s order', () => {
    const alerts = [sampleAlert({ fingerprint: 'r1', status: 'resolved' }), sampleAlert({ fingerprint: 'f1' })];
    const [message] = receiver.render(sampleNotification('hook', { alerts }));
    const payload = JSON.parse(message!.body) as { alerts: Array<{ fingerprint: string }>; truncatedAlerts: number };
    expect(payload.alerts.map((a) => a.fingerprint)).toEqual(['r1', 'f1']);
    expect(payload.truncatedAlerts).toBe(0);
  });
});

describe('webhook delivery', () => {
  let server: WebhookServer;
  beforeEach(async () => {
    server = await startWebhookServer();
  });
  afterEach(async () => {
    await server.close();
  });

  it('signs with HMAC-SHA256 over "<timestamp>.<body>" when a secret is set', async () => {
    const receiver = createWebhookReceiver(config({ url: `${server.url}/alerts`, secret: SECRET }), {
      logger: silentLogger,
    });
    const [message] = receiver.render(sampleNotification('hook'));
    const now = new Date('2026-11-28T09:00:07.900Z');
    const outcome = await receiver.deliver(message!, { signal: new AbortController().signal, now });
    expect(outcome.kind).toBe('delivered');

    const [request] = server.requests;
    expect(request?.body).toBe(message!.body);
    expect(request?.headers['content-type']).toBe('application/json');
    expect(request?.headers['x-flink-watch-timestamp']).toBe('1795856407');
    const expected = createHmac('sha256', SECRET).update(`1795856407.${message!.body}`).digest('hex');
    expect(request?.headers['x-flink-watch-signature']).toBe(`sha256=${expected}`);
    expect(JSON.stringify(request)).not.toContain(SECRET);

    const check = (secret: string, body: string, at: number) =>
      verifyWebhookSignature({
        secret,
        body,
        timestamp: request?.headers['x-flink-watch-timestamp'],
        signature: request?.headers['x-flink-watch-signature'],
        now: at,
      });
    expect(check(SECRET, request!.body, now.getTime())).toEqual({ ok: true });
    expect(check('another-secret', request!.body, now.getTime())).toMatchObject({ ok: false });
    expect(check(SECRET, `${request!.body} `, now.getTime())).toMatchObject({ ok: false });
    expect(check(SECRET, request!.body, now.getTime() + 3_600_000)).toMatchObject({ ok: false });
  });

  it('sends no signature headers without a secret, and adds options.headers', async () => {
    const receiver = createWebhookReceiver(
      config({ url: `${server.url}/alerts`, options: { headers: { 'X-Team': 'payments' } } }),
      { logger: silentLogger },
    );
    const [message] = receiver.render(sampleNotification('hook'));
    await receiver.deliver(message!, { signal: new AbortController().signal, now: new Date() });
    const [request] = server.requests;
    expect(request?.headers['x-flink-watch-signature']).toBeUndefined();
    expect(request?.headers['x-team']).toBe('payments');
    expect(request?.headers['user-agent']).toBe('flink-watch');
  });

  it('ignores the body of a 2xx answer', async () => {
    server.respondNext({ status: 204, body: '' });
    server.respondNext({ status: 200, body: '{"errcode":310000,"errmsg":"not ours to read"}' });
    const receiver = createWebhookReceiver(config({ url: `${server.url}/alerts` }), { logger: silentLogger });
    const [message] = receiver.render(sampleNotification('hook'));
    const ctx = { signal: new AbortController().signal, now: new Date() };
    expect(await receiver.deliver(message!, ctx)).toMatchObject({ kind: 'delivered' });
    expect(await receiver.deliver(message!, ctx)).toMatchObject({ kind: 'delivered' });
  });

  it('does not follow a redirect: fatal, with a hint to use the final URL', async () => {
    server.respondNext({ status: 302, body: '', headers: { location: 'http://127.0.0.1:9/elsewhere' } });
    const receiver = createWebhookReceiver(config({ url: `${server.url}/alerts` }), { logger: silentLogger });
    const [message] = receiver.render(sampleNotification('hook'));
    const outcome = await receiver.deliver(message!, { signal: new AbortController().signal, now: new Date() });
    expect(outcome).toMatchObject({ kind: 'fatal', reason: 'bad-request' });
    expect(outcome.kind === 'fatal' && outcome.error.message).toContain('use the final URL');
    expect(server.requests).toHaveLength(1);
  });
});

describe('webhook configuration', () => {
  const make = (overrides: Partial<ReceiverConfig>) => () =>
    createWebhookReceiver(config(overrides), { logger: silentLogger });

  it.each([
    ['a missing url', { url: '' }, /url is missing/],
    ['a relative url', { url: 'alerts/hook' }, /not an absolute URL/],
    ['a non-http url', { url: 'ftp://127.0.0.1/x' }, /scheme ftp: is not supported/],
    ['a bad timeout', { options: { timeout: 'soon' } }, /options\.timeout is not a positive duration/],
    ['a negative maxAlerts', { options: { maxAlerts: -1 } }, /options\.maxAlerts must be a whole number/],
    ['headers that are not a map', { options: { headers: ['x'] } }, /options\.headers must be a map/],
    [
      'a multi-line header value',
      { options: { headers: { 'X-A': 'a\nb' } } },
      /options\.headers\.X-A is not a valid header/,
    ],
    ['a bad rate limit', { options: { rateLimit: { max: 0, per: '1m' } } }, /options\.rateLimit must be/],
  ])('rejects %s with a message naming the option', (_what, overrides, pattern) => {
    expect(make(overrides)).toThrow(ReceiverConfigError);
    expect(make(overrides)).toThrow(pattern);
  });

  it('never shows the URL in a configuration error', () => {
    expect(make({ url: 'gopher://127.0.0.1/secret-token-123' })).toThrow(/^(?!.*secret-token-123)/s);
  });

  it('reads durations, rate limits and defaults', () => {
    const plain = createWebhookReceiver(config(), { logger: silentLogger });
    expect(plain).toMatchObject({ type: 'webhook', rateLimits: [], resendEveryTick: false, sendResolved: true });
    const limited = createWebhookReceiver(config({ options: { rateLimit: { max: 20, per: '1m' }, timeout: '5s' } }), {
      logger: silentLogger,
    });
    expect(limited.rateLimits).toEqual([{ max: 20, perMs: 60_000 }]);
  });
});
