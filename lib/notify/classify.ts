import type { HttpAnswer } from './http-post';
import type { DeliveryOutcome } from './types';

/** Parse a `Retry-After` header (seconds or an HTTP date) into ms; `undefined` when absent or unreadable. */
export function retryAfterMs(headers: Headers, nowMs: number): number | undefined {
  const raw = headers.get('retry-after');
  if (!raw) return undefined;
  const seconds = Number(raw);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(raw);
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}

/** What an HTTP status usually means for a webhook sender, and what to do about it. */
export function statusHint(status: number): string {
  if (status === 401 || status === 403) return ' (credentials rejected: check the token, secret or auth headers)';
  if (status === 404 || status === 410) return ' (no such endpoint: check the URL)';
  if (status === 413) return ' (message too big for the endpoint)';
  if (status === 429) return ' (rate limited: will retry later)';
  if (status >= 500 || status === 408) return ' (endpoint failing: will retry)';
  if (status >= 300 && status < 400) return ' (redirect not followed: use the final URL)';
  return '';
}

/**
 * The layer every platform shares: transport failures and HTTP status. Returns `undefined` for a 2xx, where the
 * platform must still read its own body (DingTalk/WeCom `errcode`, Feishu `code`, Slack `ok`): most platforms
 * report failures inside an HTTP 200.
 */
export function classifyTransport(answer: HttpAnswer, label: string, nowMs: number): DeliveryOutcome | undefined {
  if (answer.kind === 'timeout') return { kind: 'retryable', reason: 'timeout', error: answer.error };
  if (answer.kind === 'network') return { kind: 'retryable', reason: 'network', error: answer.error };
  const { status } = answer;
  if (status >= 200 && status < 300) return undefined;
  const error = new Error(`${label} answered HTTP ${status}${statusHint(status)}`);
  if (status === 429) {
    const wait = retryAfterMs(answer.headers, nowMs);
    return wait === undefined
      ? { kind: 'retryable', reason: 'rate-limited', error }
      : { kind: 'retryable', reason: 'rate-limited', retryAfterMs: wait, error };
  }
  if (status >= 500 || status === 408) return { kind: 'retryable', reason: 'server-error', error };
  if (status === 401 || status === 403) return { kind: 'fatal', reason: 'auth', error };
  if (status === 413) return { kind: 'fatal', reason: 'too-big', error };
  return { kind: 'fatal', reason: 'bad-request', error };
}
