import { type BodyVerdict, type CodeRule, classifyByBodyCode, numericField, stringField } from './code-table';
import type { HttpAnswer } from './http-post';
import type { DeliveryOutcome } from './types';

/** WeCom group-robot errcodes (`{"errcode":…,"errmsg":…}`). */
export const WECOM_CODES: Readonly<Record<number, CodeRule>> = {
  [-1]: { kind: 'retryable', reason: 'server-error', meaning: 'system busy' },
  45009: {
    kind: 'retryable',
    reason: 'rate-limited',
    retryAfterMs: 65_000,
    meaning: 'more than 20 messages per minute',
  },
  93000: { kind: 'fatal', reason: 'auth', meaning: 'invalid or removed robot key; check the webhook URL' },
  40058: { kind: 'fatal', reason: 'too-big', meaning: 'content exceeds the size limit' },
  44004: { kind: 'fatal', reason: 'bad-request', meaning: 'empty content' },
  40008: { kind: 'fatal', reason: 'bad-request', meaning: 'invalid message type' },
};

const verdict = (json: unknown): BodyVerdict => ({
  code: numericField(json, 'errcode'),
  message: stringField(json, 'errmsg'),
});

/** Delivered only when the body says `errcode: 0`. */
export function classifyWeCom(
  answer: HttpAnswer,
  label: string,
  nowMs: number,
  secrets: readonly string[],
): DeliveryOutcome {
  return classifyByBodyCode(answer, verdict, WECOM_CODES, { label, nowMs, secrets, codeName: 'errcode' });
}
