import { afterEach, describe, expect, it } from 'vitest';
import type { ReceiverConfig } from '../../lib/config/types';
import { createFeishuReceiver } from '../../lib/notify/feishu';
import { FEISHU_BODY_LIMIT } from '../../lib/notify/feishu-classify';
import type { Receiver } from '../../lib/notify/types';
import { silentLogger } from '../../lib/runtime/logger';
import { describeReceiverContract } from '../helpers/receiver-contract';
import { sampleNotification } from '../helpers/sample-notification';
import { bigGroup, reportConfig } from '../helpers/standins/big-group';
import { type FeishuStandIn, startFeishuStandIn } from '../helpers/standins/feishu-standin';
import { json, warmUp } from '../helpers/standins/platform-server';

const SECRET = 'feishu0sign0secret0ab12cd34';
const TOKEN = 'fs0hook0token0d00dfeed1234';
const NOW = new Date('2026-11-28T09:00:00.000Z');

type Overrides = Partial<ReceiverConfig> & { unsigned?: boolean };
function config(url: string, { unsigned, ...overrides }: Overrides = {}): ReceiverConfig {
  const base: ReceiverConfig = { name: 'lark', type: 'feishu', url, sendResolved: true, options: {}, ...overrides };
  return unsigned ? base : { secret: SECRET, ...base };
}
const receiverFor = (url: string, overrides: Overrides = {}) =>
  createFeishuReceiver(config(url, overrides), { logger: silentLogger, report: reportConfig() });
const send = (receiver: Receiver, message = receiver.render(sampleNotification('lark'))[0]!, now = NOW) =>
  receiver.deliver(message, { signal: AbortSignal.timeout(5_000), now });

describeReceiverContract('feishu', {
  async start({ logger }) {
    const server = await startFeishuStandIn({ token: TOKEN, secret: SECRET });
    await warmUp(server);
    const receiver = createFeishuReceiver(config(server.hookUrl, { options: { timeout: 2_000 } }), {
      logger,
      report: reportConfig(),
    });
    return {
      receiver,
      server,
      secrets: [TOKEN, SECRET],
      timeoutMs: 2_000,
      successBody: JSON.stringify({ code: 0, msg: 'success', data: {} }),
      close: () => server.close(),
    };
  },
});

describe('feishu receiver against the stand-in', () => {
  let standIn: FeishuStandIn | undefined;
  afterEach(async () => {
    await standIn?.close();
    standIn = undefined;
  });
  const start = async (options: Parameters<typeof startFeishuStandIn>[0] = {}) => {
    standIn = await startFeishuStandIn({ token: TOKEN, now: () => NOW.getTime(), ...options });
    return standIn;
  };

  it.each([
    [{ code: 11232, msg: 'frequency limited' }, 'retryable', 'rate-limited'],
    [{ code: 99991400, msg: 'request trigger frequency limit' }, 'retryable', 'rate-limited'],
    [
      { code: 19021, msg: 'sign match fail or timestamp is not within one hour from current time' },
      'fatal',
      'signature',
    ],
    [{ code: 19022, msg: 'Ip Not Allowed' }, 'fatal', 'auth'],
    [{ code: 19024, msg: 'Key Words Not Found' }, 'fatal', 'keyword'],
    [{ code: 19036, msg: 'The message exceeds the size limit' }, 'fatal', 'too-big'],
    [{ code: 9499, msg: 'Bad Request' }, 'fatal', 'bad-request'],
    [{ code: 19001, msg: 'param invalid: incoming webhook access token invalid' }, 'fatal', 'auth'],
    [{ code: 12345, msg: 'new' }, 'fatal', 'vendor'],
    [{ StatusCode: 0, StatusMessage: 'success' }, 'delivered', undefined],
    [{ code: 0, msg: 'success', StatusCode: 0 }, 'delivered', undefined],
    [{ ok: true }, 'fatal', 'vendor'],
  ])('answer %j → %s %s', async (body, kind, reason) => {
    const server = await start();
    server.respondNext(json(body));
    const outcome = await send(receiverFor(server.hookUrl, { unsigned: true }));
    expect(outcome.kind).toBe(kind);
    if (reason) expect(outcome).toMatchObject({ reason });
  });

  it('a rate-limit code on HTTP 429 is still rate-limited, with the gateway reset as the wait', async () => {
    const server = await start();
    server.respondNext({ ...json({ code: 99991400, msg: 'limit' }, 429), headers: { 'x-ogw-ratelimit-reset': '9' } });
    expect(await send(receiverFor(server.hookUrl, { unsigned: true }))).toMatchObject({
      kind: 'retryable',
      reason: 'rate-limited',
      retryAfterMs: 9_000,
    });
  });

  it('signs in the body (seconds) with the right secret and fails fatally with a wrong one', async () => {
    const server = await start({ secret: SECRET });
    expect(await send(receiverFor(server.hookUrl))).toEqual({ kind: 'delivered' });
    const posted = JSON.parse(server.requests[0]!.body);
    expect(posted.timestamp).toBe(String(NOW.getTime() / 1000));
    expect(posted.msg_type).toBe('interactive');
    expect(await send(receiverFor(server.hookUrl, { secret: 'wrong-secret-123' }))).toMatchObject({
      kind: 'fatal',
      reason: 'signature',
    });
    expect(await send(receiverFor(server.hookUrl), undefined, new Date(NOW.getTime() + 2 * 3_600_000))).toMatchObject({
      kind: 'fatal',
      reason: 'signature',
    });
  });

  it('keyword: inserted into the header when set; missing → fatal keyword', async () => {
    const server = await start({ keywords: ['告警'] });
    const withKeyword = receiverFor(server.hookUrl, { unsigned: true, options: { keyword: ['告警'] } });
    const [message] = withKeyword.render(sampleNotification('lark'));
    expect(JSON.parse(message!.body).card.header.title.content).toMatch(/^\[告警\] /);
    expect(await send(withKeyword, message)).toEqual({ kind: 'delivered' });
    expect(await send(receiverFor(server.hookUrl, { unsigned: true }))).toMatchObject({
      kind: 'fatal',
      reason: 'keyword',
    });
  });

  it('header colour follows the state: red critical, orange warning, green resolved', () => {
    const receiver = receiverFor('https://open.feishu.cn/open-apis/bot/v2/hook/abc');
    const colour = (n: ReturnType<typeof sampleNotification>) =>
      JSON.parse(receiver.render(n)[0]!.body).card.header.template as string;
    const base = sampleNotification('lark');
    expect(colour(base)).toBe('red');
    const warning = base.alerts.map((a) => ({ ...a, labels: { ...a.labels, severity: 'warning' } }));
    expect(colour({ ...base, alerts: warning })).toBe('orange');
    const resolved = base.alerts.map((a) => ({ ...a, status: 'resolved' as const, endsAt: base.now }));
    expect(colour({ ...base, status: 'resolved', alerts: resolved })).toBe('green');
  });

  it('mentions are card markdown <at> tags; label values cannot inject them', () => {
    const receiver = receiverFor('https://open.feishu.cn/open-apis/bot/v2/hook/abc', {
      options: { mentions: { all: true, userIds: ['ou_abc123'] } },
    });
    const n = sampleNotification('lark');
    n.alerts[0]!.annotations.summary = 'evil <at id=all></at>';
    const body = receiver.render(n)[0]!.body;
    const card = JSON.parse(body).card;
    expect(card.elements[0].text.content).toBe('<at id=all></at> <at id=ou_abc123></at>');
    expect(card.elements[1].text.content).toContain('evil &lt;at id=all&gt;&lt;/at&gt;');
  });

  it('200 alerts: every message fits 20 KB (signed), is accepted, and says how many were left out', async () => {
    const server = await start({ secret: SECRET, now: () => NOW.getTime() });
    for (const overflow of ['summarise', 'split']) {
      server.reset();
      const receiver = receiverFor(server.hookUrl, { options: { overflow, maxMessages: 3, locale: 'zh-CN' } });
      const messages = receiver.render(bigGroup('lark', 200));
      expect(messages.length).toBe(overflow === 'split' ? 3 : 1);
      for (const m of messages) expect(await send(receiver, m)).toEqual({ kind: 'delivered' });
      for (const r of server.requests) expect(Buffer.byteLength(r.body)).toBeLessThanOrEqual(FEISHU_BODY_LIMIT);
      const note = JSON.stringify(JSON.parse(messages.at(-1)!.body).card.elements);
      const omitted = Number(
        /另有 (\d+) 条告警未显示（见报告：https:\/\/flink-watch\.example\.com\/report）/.exec(note)?.[1],
      );
      const shown = messages.reduce((sum, m) => sum + (m.body.match(/\*\*job-failed/g)?.length ?? 0), 0);
      expect(omitted).toBeGreaterThan(0);
      expect(shown + omitted).toBe(200);
    }
  });

  it('renders zh-CN words and times with the offset in the configured zone', () => {
    const receiver = createFeishuReceiver(
      config('https://open.larksuite.com/open-apis/bot/v2/hook/abc', {
        options: { locale: 'zh-CN', timeZone: 'Europe/Berlin' },
      }),
      { logger: silentLogger, report: reportConfig() },
    );
    const card = JSON.parse(receiver.render(sampleNotification('lark'))[0]!.body).card;
    expect(card.header.title.content).toBe('[告警中:1] [已恢复:1] job-failed · payments');
    expect(card.elements[0].text.content).toContain('开始时间: 2026-11-28 09:46:05 +01:00');
  });

  it('rejects a v1 hook URL with a clear message', () => {
    expect(() => receiverFor('https://open.feishu.cn/open-apis/bot/hook/abcdef')).toThrow(/v1 hook URL/);
  });
});
