import { afterEach, describe, expect, it } from 'vitest';
import { feishuSignature, signFeishuBody } from '../../lib/notify/feishu-sign';
import { type FeishuStandIn, feishuExpectedSign, startFeishuStandIn } from '../helpers/standins/feishu-standin';

// Reference vector (webhooks.md §7): secret "this is secret", timestamp 1700000000 (seconds).
const VECTOR = {
  secret: 'this is secret',
  timestamp: 1_700_000_000,
  sign: 'OfGzRzoUICBOoc8wVra1e4A1hPfbZ9zqXozA8CWVUuY=',
};

describe('Feishu signing', () => {
  it('the stand-in and the receiver both reproduce the reference vector', () => {
    expect(feishuExpectedSign(VECTOR.secret, String(VECTOR.timestamp))).toBe(VECTOR.sign);
    expect(feishuSignature(VECTOR.secret, VECTOR.timestamp)).toBe(VECTOR.sign);
  });

  it('adds timestamp and sign to the body, keeping the message', () => {
    const body = JSON.parse(
      signFeishuBody('{"msg_type":"text","content":{"text":"hi"}}', VECTOR.secret, VECTOR.timestamp),
    );
    expect(body).toEqual({ timestamp: '1700000000', sign: VECTOR.sign, msg_type: 'text', content: { text: 'hi' } });
  });
});

describe('Feishu stand-in acceptance rules', () => {
  let standIn: FeishuStandIn | undefined;
  afterEach(async () => {
    await standIn?.close();
    standIn = undefined;
  });
  const post = async (url: string, body: unknown) => {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return (await res.json()) as { code: number; msg: string };
  };
  const text = (t: string, extra: Record<string, unknown> = {}) => ({
    msg_type: 'text',
    content: { text: t },
    ...extra,
  });

  it('accepts the reference vector; refuses the DingTalk-style signature and stale timestamps', async () => {
    standIn = await startFeishuStandIn({ secret: VECTOR.secret, now: () => VECTOR.timestamp * 1000 });
    expect((await post(standIn.hookUrl, text('hi', { timestamp: '1700000000', sign: VECTOR.sign }))).code).toBe(0);
    const dingStyle = 'sSFWELbV2YwjdDQhWZwTcWlX5BWUx5J6TPpsZmuPii0=';
    expect((await post(standIn.hookUrl, text('hi', { timestamp: '1700000000', sign: dingStyle }))).code).toBe(19021);
    expect((await post(standIn.hookUrl, text('hi', { timestamp: '1699990000', sign: VECTOR.sign }))).code).toBe(19021);
  });

  it('checks the token, the keyword, the size and the 5/s limit', async () => {
    const clock = 5_000_000;
    standIn = await startFeishuStandIn({ keywords: ['flink'], now: () => clock });
    expect((await post(`${standIn.url}/open-apis/bot/v2/hook/nope`, text('flink'))).code).toBe(19001);
    expect((await post(standIn.hookUrl, text('nothing'))).code).toBe(19024);
    expect((await post(standIn.hookUrl, text(`flink ${'告'.repeat(6_700)}`))).code).toBe(19036);
    expect((await post(standIn.hookUrl, { msg_type: 'interactive' })).code).toBe(9499);
    const codes: number[] = [];
    for (let i = 0; i < 6; i++) codes.push((await post(standIn.hookUrl, text('flink'))).code);
    expect(codes).toEqual([0, 0, 0, 0, 0, 11232]);
  });
});
