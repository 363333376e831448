import { createHmac } from 'node:crypto';

/**
 * Feishu/Lark "签名校验": base64(HMAC-SHA256(key = `${timestampSeconds}\n${secret}`, message = "")). Key and
 * message are the other way round from DingTalk, and the timestamp is in seconds.
 */
export function feishuSignature(secret: string, timestampSeconds: number): string {
  return createHmac('sha256', `${timestampSeconds}\n${secret}`).update('').digest('base64');
}

/** Adds `timestamp` and `sign` to a JSON body (Feishu reads them from the body, not the URL). */
export function signFeishuBody(body: string, secret: string, timestampSeconds: number): string {
  const parsed: unknown = JSON.parse(body);
  const fields = typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
  return JSON.stringify({
    timestamp: String(timestampSeconds),
    sign: feishuSignature(secret, timestampSeconds),
    ...fields,
  });
}
