import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Optional HMAC-SHA256 signature of the generic webhook. The receiver of a POST recomputes
 * `sha256=hex(HMAC(secret, "<timestamp>.<body>"))` and compares it with `X-Flink-Watch-Signature`; the timestamp
 * (`X-Flink-Watch-Timestamp`, unix seconds) is signed too, so an old request cannot be replayed with a new time.
 */
export const TIMESTAMP_HEADER = 'X-Flink-Watch-Timestamp';
export const SIGNATURE_HEADER = 'X-Flink-Watch-Signature';

export function signWebhookBody(secret: string, timestampSeconds: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestampSeconds}.${body}`, 'utf8').digest('hex')}`;
}

/** The two headers to add to a POST of `body` made at `now`. */
export function webhookSignatureHeaders(secret: string, now: Date, body: string): Record<string, string> {
  const timestamp = Math.floor(now.getTime() / 1000);
  return { [TIMESTAMP_HEADER]: String(timestamp), [SIGNATURE_HEADER]: signWebhookBody(secret, timestamp, body) };
}

export interface VerifyInput {
  secret: string;
  body: string;
  /** Raw header values as received. */
  timestamp: string | undefined;
  signature: string | undefined;
  /** Receiver's time, epoch ms. */
  now: number;
  /** Accepted clock difference, seconds; default 300. */
  toleranceSeconds?: number;
}

/** Check a received webhook (for receivers written in TypeScript, and for tests). Constant-time comparison. */
export function verifyWebhookSignature(input: VerifyInput): { ok: true } | { ok: false; why: string } {
  if (!input.timestamp || !input.signature) return { ok: false, why: 'signature headers are missing' };
  const timestamp = Number(input.timestamp);
  if (!Number.isInteger(timestamp)) return { ok: false, why: 'timestamp is not unix seconds' };
  if (Math.abs(input.now / 1000 - timestamp) > (input.toleranceSeconds ?? 300)) {
    return { ok: false, why: 'timestamp is outside the accepted clock difference' };
  }
  const expected = Buffer.from(signWebhookBody(input.secret, timestamp, input.body));
  const given = Buffer.from(input.signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    return { ok: false, why: 'signature does not match' };
  }
  return { ok: true };
}
