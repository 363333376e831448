import { afterEach, describe, expect, it } from 'vitest';
import type { ReceiverConfig } from '../../lib/config/types';
import { sendTestMessage } from '../../lib/notify/test-message';
import type { Receiver } from '../../lib/notify/types';
import { createWeComReceiver, WECOM_MARKDOWN_LIMIT } from '../../lib/notify/wecom';
import { silentLogger } from '../../lib/runtime/logger';
import { describeReceiverContract } from '../helpers/receiver-contract';
import { sampleNotification } from '../helpers/sample-notification';
import { bigGroup, reportConfig } from '../helpers/standins/big-group';
import { json, warmUp } from '../helpers/standins/platform-server';
import { startWeComStandIn, type WeComStandIn } from '../helpers/standins/wecom-standin';

const KEY = '7d1c8f2a-3b4c-4d5e-8f90-a1b2c3d4e5f6';
const NOW = new Date('2026-11-28T09:00:00.000Z');

const config = (url: string, options: Record<string, unknown> = {}): ReceiverConfig => ({
  name: 'wx',
  type: 'wecom',
  url,
  sendResolved: true,
  options,
});
const receiverFor = (url: string, options: Record<string, unknown> = {}) =>
  createWeComReceiver(config(url, options), { logger: silentLogger, report: reportConfig() });
const send = (receiver: Receiver, message = receiver.render(sampleNotification('wx'))[0]!) =>
  receiver.deliver(message, { signal: AbortSignal.timeout(5_000), now: NOW });
const content = (body: string) => JSON.parse(body).markdown.content as string;

describeReceiverContract('wecom', {
  async start({ logger }) {
    const server = await startWeComStandIn({ key: KEY });
    await warmUp(server);
    const receiver = createWeComReceiver(config(server.robotUrl, { timeout: 2_000 }), {
      logger,
      report: reportConfig(),
    });
    return {
      receiver,
      server,
      secrets: [KEY],
      timeoutMs: 2_000,
      successBody: JSON.stringify({ errcode: 0, errmsg: 'ok' }),
      close: () => server.close(),
    };
  },
});

describe('wecom receiver against the stand-in', () => {
  let standIn: WeComStandIn | undefined;
  afterEach(async () => {
    await standIn?.close();
    standIn = undefined;
  });
  const start = async () => {
    standIn = await startWeComStandIn({ key: KEY, now: () => NOW.getTime() });
    return standIn;
  };

  it.each([
    [45009, 'api freq out of limit', 'retryable', 'rate-limited', 65_000],
    [-1, 'system busy', 'retryable', 'server-error', undefined],
    [93000, 'invalid webhook url', 'fatal', 'auth', undefined],
    [40058, 'markdown.content exceed max length 4096', 'fatal', 'too-big', undefined],
    [44004, 'empty content', 'fatal', 'bad-request', undefined],
    [40008, 'invalid message type', 'fatal', 'bad-request', undefined],
    [48002, 'api forbidden', 'fatal', 'vendor', undefined],
  ])('errcode %i (%s) → %s %s', async (errcode, errmsg, kind, reason, retryAfterMs) => {
    const server = await start();
    server.respondNext(json({ errcode, errmsg }));
    const outcome = await send(receiverFor(server.robotUrl));
    expect(outcome).toMatchObject({ kind, reason, ...(retryAfterMs ? { retryAfterMs } : {}) });
  });

  it('the stand-in refuses the 21st message in a minute; the receiver makes it retryable', async () => {
    const server = await start();
    const receiver = receiverFor(server.robotUrl);
    const outcomes = [];
    for (let i = 0; i < 21; i++) outcomes.push(await send(receiver));
    expect(outcomes.filter((o) => o.kind === 'delivered')).toHaveLength(20);
    expect(outcomes[20]).toMatchObject({ kind: 'retryable', reason: 'rate-limited' });
  });

  it('a wrong key → fatal auth, and the key stays out of the error', async () => {
    const server = await start();
    const outcome = await send(receiverFor(server.robotUrl.replace(KEY, 'ffffffff-0000-0000-0000-000000000000')));
    expect(outcome).toMatchObject({ kind: 'fatal', reason: 'auth' });
    if (outcome.kind === 'fatal') expect(outcome.error.message).not.toContain('ffffffff-0000');
  });

  it('mentions go in a companion text message with mentioned_list / mentioned_mobile_list', async () => {
    const server = await start();
    const receiver = receiverFor(server.robotUrl, {
      mentions: { all: true, mobiles: ['13800001111'], userIds: ['zhangsan'] },
    });
    const messages = receiver.render(sampleNotification('wx'));
    expect(messages).toHaveLength(2);
    const text = JSON.parse(messages[1]!.body);
    expect(text).toMatchObject({
      msgtype: 'text',
      text: { mentioned_list: ['zhangsan', '@all'], mentioned_mobile_list: ['13800001111'] },
    });
    expect(messages[1]!.fingerprints).toEqual(messages[0]!.fingerprints);
    for (const m of messages) expect(await send(receiver, m)).toEqual({ kind: 'delivered' });
    expect(receiver.render(sampleNotification('wx', { status: 'resolved' }))).toHaveLength(1);
  });

  it('200 alerts: markdown content fits 4096 bytes, is accepted, and says how many were left out', async () => {
    const server = await start();
    for (const [overflow, locale] of [
      ['summarise', 'zh-CN'],
      ['split', 'en'],
    ]) {
      server.reset();
      const receiver = receiverFor(server.robotUrl, { overflow, locale, maxMessages: 2 });
      const messages = receiver.render(bigGroup('wx', 200));
      expect(messages.length).toBe(overflow === 'split' ? 2 : 1);
      for (const m of messages) {
        expect(Buffer.byteLength(content(m.body))).toBeLessThanOrEqual(WECOM_MARKDOWN_LIMIT);
        expect(await send(receiver, m)).toEqual({ kind: 'delivered' });
      }
      const last = content(messages.at(-1)!.body);
      const more = locale === 'en' ? /\+(\d+) more \(see report: / : /另有 (\d+) 条告警未显示/;
      const omitted = Number(more.exec(last)?.[1]);
      const shown = messages.reduce((sum, m) => sum + (content(m.body).match(/\*\*job-failed/g)?.length ?? 0), 0);
      expect(omitted).toBeGreaterThan(0);
      expect(shown + omitted).toBe(200);
    }
  });

  it('renders times with the offset in the receiver time zone', () => {
    const receiver = receiverFor('https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k', {
      timeZone: 'America/New_York',
    });
    const text = content(receiver.render(sampleNotification('wx'))[0]!.body);
    expect(text).toContain('Started: 2026-11-28 03:46:05 -05:00');
  });

  it('sendTestMessage posts the markdown and the mention companion', async () => {
    const server = await start();
    const receiver = receiverFor(server.robotUrl, { mentions: { all: true } });
    const { outcome } = await sendTestMessage(receiver, NOW, AbortSignal.timeout(5_000));
    expect(outcome).toEqual({ kind: 'delivered' });
    expect(server.accepted.map((b) => (b as { msgtype: string }).msgtype)).toEqual(['markdown', 'text']);
  });
});
