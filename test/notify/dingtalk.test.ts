import { afterEach, describe, expect, it } from 'vitest';
import type { ReceiverConfig } from '../../lib/config/types';
import { createDingTalkReceiver, DINGTALK_BODY_LIMIT } from '../../lib/notify/dingtalk';
import { DINGTALK_THROTTLE_MS } from '../../lib/notify/dingtalk-classify';
import { sendTestMessage } from '../../lib/notify/test-message';
import type { Receiver } from '../../lib/notify/types';
import { createLogger, silentLogger } from '../../lib/runtime/logger';
import { describeReceiverContract } from '../helpers/receiver-contract';
import { sampleNotification } from '../helpers/sample-notification';
import { bigGroup, reportConfig } from '../helpers/standins/big-group';
import { type DingTalkStandIn, startDingTalkStandIn } from '../helpers/standins/dingtalk-standin';
import { json, warmUp } from '../helpers/standins/platform-server';

const SECRET = 'SECexample-signing-secret-for-tests-only-0123456789abcdef';
const TOKEN = 'dt0access0token0feedface0123456789';
const NOW = new Date('2026-11-28T09:00:00.000Z');

/** `unsigned: true` leaves the signing secret out. */
type Overrides = Partial<ReceiverConfig> & { unsigned?: boolean };

function config(url: string, { unsigned, ...overrides }: Overrides = {}): ReceiverConfig {
  const base: ReceiverConfig = { name: 'oncall', type: 'dingtalk', url, sendResolved: true, options: {}, ...overrides };
  return unsigned ? base : { secret: SECRET, ...base };
}

function receiverFor(standIn: DingTalkStandIn, overrides: Overrides = {}, logger = silentLogger) {
  return createDingTalkReceiver(config(standIn.robotUrl, overrides), {
    logger,
    report: reportConfig(),
    region: 'cn-hangzhou',
  });
}

const deliverAll = async (receiver: Receiver, bodies: ReturnType<Receiver['render']>, now = NOW) => {
  const out = [];
  for (const m of bodies) out.push(await receiver.deliver(m, { signal: AbortSignal.timeout(5_000), now }));
  return out;
};

describeReceiverContract('dingtalk', {
  async start({ logger }) {
    const server = await startDingTalkStandIn({ accessToken: TOKEN, secret: SECRET });
    await warmUp(server);
    const receiver = createDingTalkReceiver(config(server.robotUrl, { options: { timeout: 2_000 } }), {
      logger,
      report: reportConfig(),
    });
    return {
      receiver,
      server,
      secrets: [TOKEN, SECRET],
      timeoutMs: 2_000,
      successBody: JSON.stringify({ errcode: 0, errmsg: 'ok' }),
      close: () => server.close(),
    };
  },
});

describe('dingtalk receiver against the stand-in', () => {
  let standIn: DingTalkStandIn | undefined;
  afterEach(async () => {
    await standIn?.close();
    standIn = undefined;
  });
  const start = async (options: Parameters<typeof startDingTalkStandIn>[0] = {}) => {
    standIn = await startDingTalkStandIn({ accessToken: TOKEN, now: () => NOW.getTime(), ...options });
    return standIn;
  };

  it.each([
    [130101, 'send too fast, exceed 20 times per minute', 'retryable', 'rate-limited'],
    [410100, '发送速度太快而限流', 'retryable', 'rate-limited'],
    [-1, 'system busy', 'retryable', 'server-error'],
    [310000, 'keywords not in content, more: [flink]', 'fatal', 'keyword'],
    [310000, 'sign not match, more: [https://ding-doc.dingtalk.com]', 'fatal', 'signature'],
    [310000, 'invalid timestamp', 'fatal', 'signature'],
    [
      310000,
      'description:机器人发送签名不匹配;solution:请确认签名和生成签名的时间戳必须都放在调用的网址中',
      'fatal',
      'signature',
    ],
    [310000, 'description:ip 不在白名单中;solution:请联系对应群的管理员', 'fatal', 'auth'],
    [460101, 'message too long, exceed 20000 bytes', 'fatal', 'too-big'],
    [101002, 'message is too long', 'fatal', 'too-big'],
    [300001, 'token is not exist', 'fatal', 'auth'],
    [400102, '机器人已停用', 'fatal', 'auth'],
    [400105, '不支持的消息类型', 'fatal', 'bad-request'],
    [430102, '含有不合适的文本', 'fatal', 'vendor'],
    [999999, 'something new', 'fatal', 'vendor'],
  ])('errcode %i (%s) → %s %s', async (errcode, errmsg, kind, reason) => {
    const server = await start();
    const receiver = receiverFor(server, { unsigned: true });
    server.respondNext(json({ errcode, errmsg }));
    const [message] = receiver.render(sampleNotification('oncall'));
    const outcome = await receiver.deliver(message!, { signal: AbortSignal.timeout(5_000), now: NOW });
    expect(outcome).toMatchObject({ kind, reason });
    if (outcome.kind !== 'delivered') expect(outcome.error.message).toContain(String(errcode));
  });

  it('130101 asks for the 10-minute throttle wait; the stand-in throttles the 21st message in a minute', async () => {
    const server = await start();
    const receiver = receiverFor(server, { unsigned: true });
    const [message] = receiver.render(sampleNotification('oncall'));
    const outcomes = await deliverAll(
      receiver,
      Array.from({ length: 21 }, () => message!),
    );
    expect(outcomes.slice(0, 20).every((o) => o.kind === 'delivered')).toBe(true);
    expect(outcomes[20]).toMatchObject({
      kind: 'retryable',
      reason: 'rate-limited',
      retryAfterMs: DINGTALK_THROTTLE_MS,
    });
  });

  it('HTTP 200 with a non-zero errcode is never counted as delivered', async () => {
    const server = await start();
    const receiver = receiverFor(server, { unsigned: true });
    server.respondNext(json({ errcode: 310000, errmsg: 'sign not match' }));
    const [message] = receiver.render(sampleNotification('oncall'));
    const outcome = await receiver.deliver(message!, { signal: AbortSignal.timeout(5_000), now: NOW });
    expect(outcome.kind).toBe('fatal');
  });

  it('signs with the right secret (verified by the stand-in) and fails fatally with a wrong one', async () => {
    const server = await start({ secret: SECRET });
    const [message] = receiverFor(server).render(sampleNotification('oncall'));
    expect(await receiverFor(server).deliver(message!, { signal: AbortSignal.timeout(5_000), now: NOW })).toEqual({
      kind: 'delivered',
    });
    const url = new URL(server.requests[0]!.url, 'http://x');
    expect(url.searchParams.get('timestamp')).toBe(String(NOW.getTime()));
    expect(server.requests[0]!.url).not.toMatch(/%25/); // encoded exactly once
    const wrong = receiverFor(server, { secret: 'SECwrong0000000000000000000000000000' });
    const outcome = await wrong.deliver(message!, { signal: AbortSignal.timeout(5_000), now: NOW });
    expect(outcome).toMatchObject({ kind: 'fatal', reason: 'signature' });
  });

  it('a clock more than an hour off fails as a signature problem', async () => {
    const server = await start({ secret: SECRET });
    const receiver = receiverFor(server);
    const [message] = receiver.render(sampleNotification('oncall'));
    const skewed = new Date(NOW.getTime() - 2 * 3_600_000);
    expect(await receiver.deliver(message!, { signal: AbortSignal.timeout(5_000), now: skewed })).toMatchObject({
      kind: 'fatal',
      reason: 'signature',
    });
  });

  it('puts the keyword into the title; without it the robot refuses with reason keyword', async () => {
    const server = await start({ keywords: ['FlinkAlarm'] });
    const withKeyword = receiverFor(server, { unsigned: true, options: { keyword: 'FlinkAlarm' } });
    const [message] = withKeyword.render(sampleNotification('oncall'));
    expect(JSON.parse(message!.body).markdown.title).toMatch(/^\[FlinkAlarm\] /);
    expect(await withKeyword.deliver(message!, { signal: AbortSignal.timeout(5_000), now: NOW })).toEqual({
      kind: 'delivered',
    });
    const without = receiverFor(server, { unsigned: true });
    const [plain] = without.render(sampleNotification('oncall'));
    expect(await without.deliver(plain!, { signal: AbortSignal.timeout(5_000), now: NOW })).toMatchObject({
      kind: 'fatal',
      reason: 'keyword',
    });
  });

  it('200 alerts: every message fits 20000 bytes, is accepted, and says how many were left out', async () => {
    const server = await start({ secret: SECRET });
    for (const overflow of ['summarise', 'split']) {
      server.reset();
      const receiver = receiverFor(server, { options: { overflow, maxMessages: 3 } });
      const n = bigGroup('oncall', 200);
      const messages = receiver.render(n);
      expect(messages.length).toBe(overflow === 'split' ? 3 : 1);
      const outcomes = await deliverAll(receiver, messages);
      expect(outcomes.every((o) => o.kind === 'delivered')).toBe(true);
      const last = JSON.parse(messages.at(-1)!.body).markdown.text as string;
      const omitted = Number(
        /\+(\d+) more \(see report: https:\/\/flink-watch\.example\.com\/report\)/.exec(last)?.[1],
      );
      const shown = messages.reduce(
        (sum, m) => sum + (JSON.parse(m.body).markdown.text.match(/\*\*job-failed/g)?.length ?? 0),
        0,
      );
      expect(omitted).toBeGreaterThan(0);
      expect(shown + omitted).toBe(200);
      expect(new Set(messages.flatMap((m) => m.fingerprints)).size).toBe(200);
      for (const r of server.requests) expect(Buffer.byteLength(r.body)).toBeLessThanOrEqual(DINGTALK_BODY_LIMIT);
    }
  });

  it('keeps critical firing alerts first when it must leave some out', () => {
    const receiver = createDingTalkReceiver(config('https://oapi.dingtalk.com/robot/send?access_token=x'), {
      logger: silentLogger,
      report: reportConfig(),
    });
    const text = JSON.parse(receiver.render(bigGroup('oncall', 200))[0]!.body).markdown.text as string;
    expect(text).toContain('🔴');
    expect(text).not.toContain('🔵');
    expect(text).not.toContain('✅');
  });

  it('mentions appear in the at object and as @mobile/@userId in the markdown text; not on resolved', async () => {
    const server = await start();
    const mentions = { mobiles: ['13800001111', '+852-12345678'], userIds: ['manager4711'], all: false };
    const receiver = receiverFor(server, { unsigned: true, options: { mentions } });
    const [message] = receiver.render(sampleNotification('oncall'));
    const body = JSON.parse(message!.body);
    expect(body.at).toEqual({ atMobiles: mentions.mobiles, atUserIds: ['manager4711'], isAtAll: false });
    for (const id of ['@13800001111', '@+852-12345678', '@manager4711']) expect(body.markdown.text).toContain(id);
    expect((await deliverAll(receiver, [message!]))[0]).toEqual({ kind: 'delivered' });
    const resolved = receiver.render(sampleNotification('oncall', { status: 'resolved' }))[0]!;
    expect(JSON.parse(resolved.body).at).toBeUndefined();
  });

  it('renders times in the configured zone with the offset, and zh-CN words', () => {
    const receiver = createDingTalkReceiver(
      config('https://oapi.dingtalk.com/robot/send?access_token=x', { options: { locale: 'zh-CN' } }),
      { logger: silentLogger, report: reportConfig({ timeZone: 'Asia/Shanghai' }) },
    );
    const body = JSON.parse(receiver.render(sampleNotification('oncall'))[0]!.body);
    expect(body.markdown.text).toContain('开始时间: 2026-11-28 16:46:05 +08:00');
    expect(body.markdown.text).toContain('恢复时间: 2026-11-28 16:58:00 +08:00');
    expect(body.markdown.title).toBe('[告警中:1] [已恢复:1] job-failed · payments');
  });

  it('actionCard carries an "Open report" button when the report URL is set', () => {
    const receiver = createDingTalkReceiver(
      config('https://oapi.dingtalk.com/robot/send?access_token=x', { options: { msgType: 'actionCard' } }),
      { logger: silentLogger, report: reportConfig() },
    );
    const body = JSON.parse(receiver.render(sampleNotification('oncall'))[0]!.body);
    expect(body.msgtype).toBe('actionCard');
    expect(body.actionCard).toMatchObject({
      singleTitle: 'Open report',
      singleURL: 'https://flink-watch.example.com/report',
    });
  });

  it('links each deployment to the Flink console', () => {
    const receiver = createDingTalkReceiver(config('https://oapi.dingtalk.com/robot/send?access_token=x'), {
      logger: silentLogger,
      report: reportConfig(),
      region: 'cn-hangzhou',
    });
    const text = JSON.parse(receiver.render(sampleNotification('oncall'))[0]!.body).markdown.text;
    expect(text).toContain(
      '[orders-etl](https://realtime-compute.console.aliyun.com/region/cn-hangzhou/workspace/a14bd5d90a/namespace/default-namespace/operations/stream/d-0001)',
    );
  });

  it('rejects a bare token or a URL without access_token, without echoing the token', () => {
    for (const url of [TOKEN, `https://oapi.dingtalk.com/robot/send?token=${TOKEN}`]) {
      let message = '';
      try {
        createDingTalkReceiver(config(url), { logger: silentLogger, report: reportConfig() });
      } catch (err) {
        message = err instanceof Error ? err.message : String(err);
      }
      expect(message).toMatch(/receiver "oncall": url /);
      expect(message).not.toContain(TOKEN);
    }
  });

  it('keeps the secret out of errors and logs when a platform error echoes the URL', async () => {
    const server = await start({ secret: SECRET });
    const lines: string[] = [];
    const receiver = receiverFor(server, {}, createLogger({ level: 'debug', sink: (l) => lines.push(l) }));
    server.respondNext(json({ errcode: 310000, errmsg: `sign not match for ${server.robotUrl} ${SECRET}` }));
    const [message] = receiver.render(sampleNotification('oncall'));
    const outcome = await receiver.deliver(message!, { signal: AbortSignal.timeout(5_000), now: NOW });
    expect(outcome.kind).toBe('fatal');
    const exposed = [outcome.kind === 'fatal' ? outcome.error.message : '', ...lines].join('\n');
    expect(server.requests[0]!.url).toContain(TOKEN);
    expect(exposed).not.toContain(TOKEN);
    expect(exposed).not.toContain(SECRET);
    expect(lines.length).toBeGreaterThan(0);
  });

  it('sendTestMessage delivers a message marked as a test, signed, and reports a refusal', async () => {
    const server = await start({ secret: SECRET, keywords: ['FlinkAlarm'] });
    const good = receiverFor(server, { options: { keyword: 'FlinkAlarm' } });
    const ok = await sendTestMessage(good, NOW, AbortSignal.timeout(5_000));
    expect(ok.outcome).toEqual({ kind: 'delivered' });
    expect(JSON.parse(ok.message.body).markdown.title).toBe(
      '[FlinkAlarm] [TEST] [FIRING:1] FlinkWatchTest · test-receiver',
    );
    expect(server.accepted).toHaveLength(1);
    const refused = await sendTestMessage(receiverFor(server), NOW, AbortSignal.timeout(5_000));
    expect(refused.outcome).toMatchObject({ kind: 'fatal', reason: 'keyword' });
  });
});
