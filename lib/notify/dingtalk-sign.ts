import { createHmac } from 'node:crypto';

/** DingTalk "加签": base64(HMAC-SHA256(key = secret, message = `${timestampMs}\n${secret}`)), not yet URL-encoded. */
export function dingTalkSignature(secret: string, timestampMs: number): string {
  return createHmac('sha256', secret).update(`${timestampMs}\n${secret}`, 'utf8').digest('base64');
}

/**
 * The robot URL with `timestamp` (epoch ms) and `sign` added. `searchParams.set` encodes the base64 exactly once;
 * encoding it again ourselves is the classic cause of errcode 310000 "sign not match".
 */
export function signDingTalkUrl(robotUrl: string, secret: string, timestampMs: number): string {
  const url = new URL(robotUrl);
  url.searchParams.set('timestamp', String(timestampMs));
  url.searchParams.set('sign', dingTalkSignature(secret, timestampMs));
  return url.toString();
}
