import { afterEach, describe, expect, it } from 'vitest';
import { dingTalkSignature, signDingTalkUrl } from '../../lib/notify/dingtalk-sign';
import { type DingTalkStandIn, dingTalkExpectedSign, startDingTalkStandIn } from '../helpers/standins/dingtalk-standin';

// Reference vector (webhooks.md §7): secret "this is secret", timestamp 1700000000000.
const VECTOR = {
  secret: 'this is secret',
  timestamp: 1_700_000_000_000,
  sign: 'sSFWELbV2YwjdDQhWZwTcWlX5BWUx5J6TPpsZmuPii0=',
};

describe('DingTalk signing', () => {
  it('the stand-in and the receiver both reproduce the reference vector', () => {
    expect(dingTalkExpectedSign(VECTOR.secret, String(VECTOR.timestamp))).toBe(VECTOR.sign);
    expect(dingTalkSignature(VECTOR.secret, VECTOR.timestamp)).toBe(VECTOR.sign);
  });

  it('puts the signature in the query encoded exactly once', () => {
    const url = signDingTalkUrl(
      'https://oapi.dingtalk.com/robot/send?access_token=abc',
      VECTOR.secret,
      VECTOR.timestamp,
    );
    expect(url).toBe(
      'https://oapi.dingtalk.com/robot/send?access_token=abc&timestamp=1700000000000&sign=sSFWELbV2YwjdDQhWZwTcWlX5BWUx5J6TPpsZmuPii0%3D',
    );
  });
});

describe('DingTalk stand-in acceptance rules', () => {
  let standIn: DingTalkStandIn | undefined;
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
    return (await res.json()) as { errcode: number; errmsg: string };
  };
  const markdown = (text: string) => ({ msgtype: 'markdown', markdown: { title: 't', text } });

  it('accepts the reference vector and refuses a double-encoded or wrong sign', async () => {
    standIn = await startDingTalkStandIn({ secret: VECTOR.secret, now: () => VECTOR.timestamp + 1_000 });
    const ok = `${standIn.robotUrl}&timestamp=${VECTOR.timestamp}&sign=${encodeURIComponent(VECTOR.sign)}`;
    expect((await post(ok, markdown('hi'))).errcode).toBe(0);
    const twice = `${standIn.robotUrl}&timestamp=${VECTOR.timestamp}&sign=${encodeURIComponent(encodeURIComponent(VECTOR.sign))}`;
    expect(await post(twice, markdown('hi'))).toMatchObject({ errcode: 310000, errmsg: 'sign not match' });
    const stale = `${standIn.robotUrl}&timestamp=${VECTOR.timestamp - 7_200_000}&sign=x`;
    expect(await post(stale, markdown('hi'))).toMatchObject({ errcode: 310000, errmsg: 'invalid timestamp' });
  });

  it('checks the token, keywords in the text, the 20000-byte limit and the message type', async () => {
    standIn = await startDingTalkStandIn({ keywords: ['FlinkAlarm'] });
    expect(
      (await post(standIn.robotUrl.replace(/access_token=.*/, 'access_token=nope'), markdown('FlinkAlarm'))).errcode,
    ).toBe(300001);
    expect((await post(standIn.robotUrl, markdown('no keyword here'))).errcode).toBe(310000);
    expect((await post(standIn.robotUrl, markdown(`FlinkAlarm ${'告'.repeat(6_700)}`))).errcode).toBe(460101);
    expect((await post(standIn.robotUrl, { msgtype: 'video' })).errcode).toBe(400105);
    expect((await post(standIn.robotUrl, markdown('FlinkAlarm ok'))).errcode).toBe(0);
    expect(standIn.accepted).toHaveLength(1);
  });

  it('throttles for 10 minutes after the 21st message in a minute (by its own clock)', async () => {
    let clock = 1_000_000;
    standIn = await startDingTalkStandIn({ now: () => clock });
    const codes: number[] = [];
    for (let i = 0; i < 21; i++) codes.push((await post(standIn.robotUrl, markdown('x'))).errcode);
    expect(codes.slice(0, 20).every((c) => c === 0)).toBe(true);
    expect(codes[20]).toBe(130101);
    clock += 5 * 60_000;
    expect((await post(standIn.robotUrl, markdown('x'))).errcode).toBe(130101);
    clock += 6 * 60_000;
    expect((await post(standIn.robotUrl, markdown('x'))).errcode).toBe(0);
  });
});
