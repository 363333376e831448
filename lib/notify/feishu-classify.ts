import { type BodyVerdict, type CodeRule, classifyByBodyCode, numericField, stringField } from './code-table';
import type { HttpAnswer } from './http-post';
import type { DeliveryOutcome } from './types';

/** Feishu/Lark custom-bot codes (`{"code":…,"msg":…}`, sometimes with a non-2xx status). */
export const FEISHU_CODES: Readonly<Record<number, CodeRule>> = {
  11232: {
    kind: 'retryable',
    reason: 'rate-limited',
    retryAfterMs: 60_000,
    meaning: 'frequency limit (5/s, 100/min per bot)',
  },
  99991400: { kind: 'retryable', reason: 'rate-limited', retryAfterMs: 60_000, meaning: 'request frequency limit' },
  19021: {
    kind: 'fatal',
    reason: 'signature',
    meaning: 'signature mismatch or timestamp more than 1 hour off; check the secret and the clock',
  },
  19022: { kind: 'fatal', reason: 'auth', meaning: 'IP not in the bot allow-list' },
  19024: { kind: 'fatal', reason: 'keyword', meaning: 'none of the bot keywords is in the message' },
  19036: { kind: 'fatal', reason: 'too-big', meaning: 'message too large' },
  19001: { kind: 'fatal', reason: 'auth', meaning: 'the hook token is invalid; check the bot URL' },
  19007: { kind: 'fatal', reason: 'auth', meaning: 'the bot is disabled or not in the chat' },
  9499: { kind: 'fatal', reason: 'bad-request', meaning: 'bad request: body does not match the message schema' },
};

/** Feishu's documented body limit. */
export const FEISHU_BODY_LIMIT = 20_000;

/** `code`, or the legacy `StatusCode` some answers carry instead. */
const verdict = (json: unknown): BodyVerdict => ({
  code: numericField(json, 'code') ?? numericField(json, 'StatusCode'),
  message: stringField(json, 'msg') || stringField(json, 'StatusMessage'),
});

/**
 * Delivered only when the body says `code: 0` (or legacy `StatusCode: 0`). 9499 means "does not match the
 * schema or larger than 20 KB": it becomes `too-big` when the posted body was over the limit.
 */
export function classifyFeishu(
  answer: HttpAnswer,
  label: string,
  nowMs: number,
  secrets: readonly string[],
  postedBytes: number,
): DeliveryOutcome {
  const outcome = classifyByBodyCode(answer, verdict, FEISHU_CODES, { label, nowMs, secrets, codeName: 'code' });
  const code = answer.kind === 'answer' ? verdict(answer.json).code : undefined;
  if (outcome.kind === 'fatal' && code === 9499 && postedBytes > FEISHU_BODY_LIMIT) {
    return { ...outcome, reason: 'too-big' };
  }
  if (outcome.kind === 'retryable' && outcome.reason === 'rate-limited' && answer.kind === 'answer') {
    // The OpenAPI gateway says when the window resets.
    const reset = Number(answer.headers.get('x-ogw-ratelimit-reset'));
    if (Number.isFinite(reset) && reset > 0) return { ...outcome, retryAfterMs: reset * 1000 };
  }
  return outcome;
}
