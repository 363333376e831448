import { redactSecrets } from '../runtime/redact';
import { classifyTransport } from './classify';
import type { HttpAnswer } from './http-post';
import type { DeliveryOutcome, FailureReason } from './types';

/** What one platform error code means for delivery. */
export interface CodeRule {
  kind: 'retryable' | 'fatal';
  reason: FailureReason;
  meaning: string;
  retryAfterMs?: number;
}

export interface BodyVerdict {
  /** The platform's code, `0` for success; undefined when the body carries none. */
  code: number | undefined;
  /** The platform's own message (may echo request details: always redacted before use). */
  message: string;
}

/** Platform message text for an error: secrets removed, one line, bounded. */
export function safeDetail(text: string, secrets: readonly string[]): string {
  return redactSecrets(text, secrets).replace(/\s+/g, ' ').slice(0, 300);
}

/**
 * Platforms that report failures in the body (DingTalk/WeCom `errcode`, Feishu `code`): a known code decides
 * whatever the HTTP status; otherwise the shared transport rules apply; a 2xx with code 0 is delivered and a 2xx
 * with an unknown code is a fatal vendor error (retrying an unknown refusal would only repeat it).
 */
export function classifyByBodyCode(
  answer: HttpAnswer,
  verdict: (json: unknown) => BodyVerdict,
  table: Readonly<Record<number, CodeRule>>,
  context: { label: string; nowMs: number; secrets: readonly string[]; codeName: string },
): DeliveryOutcome {
  const transport = classifyTransport(answer, context.label, context.nowMs);
  if (answer.kind !== 'answer') return transport ?? { kind: 'retryable', reason: 'network', error: answer.error };
  const { code, message } = verdict(answer.json);
  const detail = safeDetail(message, context.secrets);
  const rule = code === undefined ? undefined : table[code];
  if (rule) {
    const error = new Error(
      `${context.label}: ${context.codeName} ${code} (${rule.meaning})${detail ? `: ${detail}` : ''}`,
    );
    if (rule.kind === 'fatal') return { kind: 'fatal', reason: rule.reason, error };
    return rule.retryAfterMs === undefined
      ? { kind: 'retryable', reason: rule.reason, error }
      : { kind: 'retryable', reason: rule.reason, retryAfterMs: rule.retryAfterMs, error };
  }
  if (transport) return transport;
  if (code === 0) return { kind: 'delivered' };
  const what =
    code === undefined
      ? `answered HTTP ${answer.status} without a ${context.codeName} in the body`
      : `${context.codeName} ${code}`;
  return {
    kind: 'fatal',
    reason: 'vendor',
    error: new Error(`${context.label}: ${what}${detail ? `: ${detail}` : ''}`),
  };
}

/** Reads a numeric code field that platforms sometimes send as a string. */
export function numericField(json: unknown, key: string): number | undefined {
  if (typeof json !== 'object' || json === null) return undefined;
  const value = (json as Record<string, unknown>)[key];
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && /^-?\d+$/.test(value.trim())) return Number(value);
  return undefined;
}

export function stringField(json: unknown, key: string): string {
  if (typeof json !== 'object' || json === null) return '';
  const value = (json as Record<string, unknown>)[key];
  return typeof value === 'string' ? value : '';
}
