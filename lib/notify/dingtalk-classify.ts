import { type BodyVerdict, type CodeRule, classifyByBodyCode, numericField, stringField } from './code-table';
import type { HttpAnswer } from './http-post';
import type { DeliveryOutcome, FailureReason } from './types';

/** Going over 20 messages/min throttles the robot for 10 minutes. */
export const DINGTALK_THROTTLE_MS = 10 * 60_000;

/** DingTalk custom-robot errcodes (HTTP 200 with `{"errcode":…,"errmsg":…}`). */
export const DINGTALK_CODES: Readonly<Record<number, CodeRule>> = {
  [-1]: { kind: 'retryable', reason: 'server-error', meaning: 'system busy' },
  130101: {
    kind: 'retryable',
    reason: 'rate-limited',
    retryAfterMs: DINGTALK_THROTTLE_MS,
    meaning: 'more than 20 messages per minute; the robot is throttled for 10 minutes',
  },
  410100: {
    kind: 'retryable',
    reason: 'rate-limited',
    retryAfterMs: DINGTALK_THROTTLE_MS,
    meaning: 'sending too fast',
  },
  90030: { kind: 'retryable', reason: 'rate-limited', retryAfterMs: 60 * 60_000, meaning: 'webhook quota exceeded' },
  310000: { kind: 'fatal', reason: 'auth', meaning: 'security check failed' },
  460101: { kind: 'fatal', reason: 'too-big', meaning: 'message larger than 20000 bytes' },
  101002: { kind: 'fatal', reason: 'too-big', meaning: 'message too long' },
  300001: { kind: 'fatal', reason: 'auth', meaning: 'access_token does not exist; check the robot URL' },
  400101: { kind: 'fatal', reason: 'auth', meaning: 'access_token does not exist; check the robot URL' },
  400102: { kind: 'fatal', reason: 'auth', meaning: 'the robot is disabled' },
  400106: { kind: 'fatal', reason: 'auth', meaning: 'the robot does not exist' },
  400013: { kind: 'fatal', reason: 'auth', meaning: 'the group was dissolved' },
  400105: { kind: 'fatal', reason: 'bad-request', meaning: 'unsupported message type' },
  40035: { kind: 'fatal', reason: 'bad-request', meaning: 'missing parameter' },
  43004: { kind: 'fatal', reason: 'bad-request', meaning: 'invalid Content-Type' },
  430101: { kind: 'fatal', reason: 'vendor', meaning: 'message refused: unsafe link' },
  430102: { kind: 'fatal', reason: 'vendor', meaning: 'message refused: inappropriate text' },
  430103: { kind: 'fatal', reason: 'vendor', meaning: 'message refused: inappropriate image' },
  430104: { kind: 'fatal', reason: 'vendor', meaning: 'message refused: inappropriate content' },
};

/**
 * 310000 covers four security failures; the errmsg tells them apart (`keywords not in content`, `sign not match`,
 * `invalid timestamp`, `ip 不在白名单中`). Unrecognised wording stays `auth`.
 */
export function securityReason(errmsg: string): FailureReason {
  if (/keyword|关键词/i.test(errmsg)) return 'keyword';
  if (/sign|签名|timestamp|时间戳/i.test(errmsg)) return 'signature';
  return 'auth';
}

const verdict = (json: unknown): BodyVerdict => ({
  code: numericField(json, 'errcode'),
  message: stringField(json, 'errmsg'),
});

/** Delivered only when the body says `errcode: 0`; an HTTP 200 alone proves nothing on DingTalk. */
export function classifyDingTalk(
  answer: HttpAnswer,
  label: string,
  nowMs: number,
  secrets: readonly string[],
): DeliveryOutcome {
  const outcome = classifyByBodyCode(answer, verdict, DINGTALK_CODES, { label, nowMs, secrets, codeName: 'errcode' });
  if (outcome.kind === 'fatal' && answer.kind === 'answer' && verdict(answer.json).code === 310000) {
    return { ...outcome, reason: securityReason(verdict(answer.json).message) };
  }
  return outcome;
}
