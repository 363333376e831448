import { afterEach, describe, expect, it } from 'vitest';
import type { ReceiverConfig } from '../../lib/config/types';
import { createAlertmanagerReceiver } from '../../lib/notify/alertmanager';
import { PLACEHOLDER_GENERATOR_URL, postableLabels } from '../../lib/notify/alertmanager-payload';
import { testNotification } from '../../lib/notify/test-message';
import { silentLogger } from '../../lib/runtime/logger';
import { describeReceiverContract } from '../helpers/receiver-contract';
import { sampleAlert, sampleNotification } from '../helpers/sample-notification';
import { reportConfig } from '../helpers/standins/big-group';
import { warmUp } from '../helpers/standins/platform-server';
import { startWebhookServer, type WebhookServer } from '../helpers/webhook-server';

const QUERY_TOKEN = 'am0proxy0token0c0ffee';
const PASSWORD = 'am-basic-password-42';
const HEADER_TOKEN = 'am-proxy-header-token-77';

const config = (url: string, options: Record<string, unknown> = {}): ReceiverConfig => ({
  name: 'am',
  type: 'alertmanager',
  url,
  sendResolved: true,
  options,
});
const receiverFor = (url: string, options: Record<string, unknown> = {}, report = reportConfig()) =>
  createAlertmanagerReceiver(config(url, options), { logger: silentLogger, report, region: 'cn-hangzhou' });
const posted = (receiver: ReturnType<typeof receiverFor>, n = sampleNotification('am')) =>
  JSON.parse(receiver.render(n)[0]!.body) as Array<Record<string, unknown>>;

describeReceiverContract('alertmanager', {
  async start({ logger }) {
    const server = await startWebhookServer();
    await warmUp(server);
    const url = `http://flink:${PASSWORD}@127.0.0.1:${server.port}/?token=${QUERY_TOKEN}`;
    const options = { timeout: 2_000, headers: { 'X-Proxy-Token': HEADER_TOKEN } };
    const receiver = createAlertmanagerReceiver(config(url, options), { logger, report: reportConfig() });
    return {
      receiver,
      server,
      secrets: [QUERY_TOKEN, PASSWORD, HEADER_TOKEN],
      timeoutMs: 2_000,
      close: () => server.close(),
    };
  },
});

describe('alertmanager payload', () => {
  const base = 'http://alertmanager:9093';

  it('keeps the identifying labels as they are and volatile values in annotations', () => {
    const [firing] = posted(receiverFor(base));
    expect(firing).toMatchObject({
      labels: sampleAlert().labels,
      annotations: { summary: 'orders-etl: 1 new failed job', description: 'failed went from 6 to 7' },
      startsAt: '2026-11-28T08:46:05.000Z',
      generatorURL: 'http://127.0.0.1:8080/#/deployments/d-0001',
    });
    expect((firing!.annotations as Record<string, string>).console_url).toContain('/operations/stream/d-0001');
  });

  it('firing: endsAt = now + endsAfter (default 1h); resolved: endsAt = the resolve time', () => {
    const [firing, resolved] = posted(receiverFor(base));
    expect(firing!.endsAt).toBe('2026-11-28T10:00:00.000Z');
    expect(resolved!.endsAt).toBe('2026-11-28T08:58:00.000Z');
    expect(posted(receiverFor(base, { endsAfter: '15m' }))[0]!.endsAt).toBe('2026-11-28T09:15:00.000Z');
    expect(posted(receiverFor(base, { endsAfter: 300_000 }))[0]!.endsAt).toBe('2026-11-28T09:05:00.000Z');
  });

  it('a resolved alert without a resolve time, or one in the future, ends now', () => {
    const n = sampleNotification('am');
    n.alerts = [
      sampleAlert({ status: 'resolved' }),
      sampleAlert({ status: 'resolved', endsAt: '2030-01-01T00:00:00Z' }),
    ];
    expect(posted(receiverFor(base), n).map((a) => a.endsAt)).toEqual([n.now, n.now]);
  });

  it('generatorURL: the alert link, else the report URL, else the documented placeholder', () => {
    const n = sampleNotification('am');
    n.alerts = [sampleAlert({ generatorURL: 'not a url' })];
    expect(posted(receiverFor(base), n)[0]!.generatorURL).toBe('https://flink-watch.example.com/report');
    const { url: _drop, ...noUrl } = reportConfig();
    expect(posted(receiverFor(base, {}, noUrl), n)[0]!.generatorURL).toBe(PLACEHOLDER_GENERATOR_URL);
  });

  it('maps label names Alertmanager would refuse and drops empty values', () => {
    expect(postableLabels({ 'team-name': 'a', '9lives': 'b', ok_name: 'c', empty: '' })).toEqual({
      team_name: 'a',
      _9lives: 'b',
      ok_name: 'c',
    });
  });

  it('the test alert is marked and expires after 5 minutes', () => {
    const now = new Date('2026-11-28T09:00:00.000Z');
    const [alert] = posted(receiverFor(base), testNotification('am', now));
    expect(alert).toMatchObject({ labels: { flink_watch_test: 'true' }, endsAt: '2026-11-28T09:05:00.000Z' });
  });

  it('is re-posted every tick, has no rate limit, and carries every fingerprint', () => {
    const receiver = receiverFor(base);
    expect(receiver.resendEveryTick).toBe(true);
    expect(receiver.rateLimits).toEqual([]);
    expect(receiver.render(sampleNotification('am'))[0]!.fingerprints).toEqual([
      '95c2441b50fc4727',
      'a1b2c3d4e5f60718',
    ]);
  });

  it.each([
    [{ endsAfter: '30s' }, /endsAfter/],
    [{ endsAfter: 'soon' }, /endsAfter/],
    [{ timeout: 5 }, /timeout/],
    [{ headers: { 'x-a': 1 } }, /headers\.x-a/],
    [{ colour: 'red' }, /unknown option/],
  ])('rejects options %j', (options, message) => {
    expect(() => receiverFor(base, options)).toThrow(message);
  });
});

describe('alertmanager delivery', () => {
  let server: WebhookServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });
  const now = new Date('2026-11-28T09:00:00.000Z');

  it.each([
    ['/', '/api/v2/alerts'],
    ['/am/', '/am/api/v2/alerts'],
    ['/am/api/v2/alerts', '/am/api/v2/alerts'],
  ])('base path %s posts to %s, with Basic auth from the URL', async (path, expected) => {
    server = await startWebhookServer({ defaultAnswer: { status: 200, body: '' } });
    const receiver = receiverFor(`http://u:p@127.0.0.1:${server.port}${path}`);
    const outcome = await receiver.deliver(receiver.render(sampleNotification('am'))[0]!, {
      signal: AbortSignal.timeout(5_000),
      now,
    });
    expect(outcome).toEqual({ kind: 'delivered' });
    expect(server.requests[0]).toMatchObject({ url: expected, headers: { authorization: 'Basic dTpw' } });
  });

  it('sends configured headers, which win over credentials in the URL', async () => {
    server = await startWebhookServer({ defaultAnswer: { status: 200, body: '' } });
    const receiver = receiverFor(`http://u:p@127.0.0.1:${server.port}`, {
      headers: { Authorization: 'Bearer xyz', 'X-Scope-OrgID': 'flink' },
    });
    await receiver.deliver(receiver.render(sampleNotification('am'))[0]!, { signal: AbortSignal.timeout(5_000), now });
    expect(server.requests[0]?.headers).toMatchObject({ authorization: 'Bearer xyz', 'x-scope-orgid': 'flink' });
  });

  it.each([
    [400, 'invalid label set: invalid name "bad-label"', 'fatal', 'bad-request'],
    [422, '{"code":601,"message":"0.generatorURL in body must be of type uri"}', 'fatal', 'bad-request'],
    [404, 'Not Found', 'fatal', 'bad-request'],
    [503, 'unavailable', 'retryable', 'server-error'],
  ])('HTTP %i → %s %s, with what Alertmanager said', async (status, body, kind, reason) => {
    server = await startWebhookServer();
    server.respondNext({ status, body });
    const receiver = receiverFor(server.url);
    const outcome = await receiver.deliver(receiver.render(sampleNotification('am'))[0]!, {
      signal: AbortSignal.timeout(5_000),
      now,
    });
    expect(outcome).toMatchObject({ kind, reason });
    if (outcome.kind !== 'delivered') expect(outcome.error.message).toContain(body.slice(0, 20));
  });
});
