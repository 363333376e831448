import { classifyTransport } from './classify';
import { safeDetail } from './code-table';
import type { HttpAnswer } from './http-post';
import type { DeliveryOutcome, FailureReason } from './types';

/** Slack incoming-webhook error strings (plain-text bodies next to a 4xx/5xx status). */
export const SLACK_ERRORS: Readonly<Record<string, { reason: FailureReason; meaning: string }>> = {
  invalid_payload: { reason: 'bad-request', meaning: 'the JSON payload is malformed' },
  invalid_blocks: { reason: 'bad-request', meaning: 'a block is invalid' },
  invalid_blocks_format: { reason: 'bad-request', meaning: 'blocks are not a list of blocks' },
  no_text: { reason: 'bad-request', meaning: 'the message has no text' },
  too_many_attachments: { reason: 'bad-request', meaning: 'too many attachments' },
  user_not_found: { reason: 'bad-request', meaning: 'user not found' },
  msg_too_long: { reason: 'too-big', meaning: 'message too long' },
  msg_blocks_too_long: { reason: 'too-big', meaning: 'blocks too long' },
  channel_not_found: { reason: 'auth', meaning: 'the channel of this webhook no longer exists' },
  channel_is_archived: { reason: 'auth', meaning: 'the channel is archived' },
  action_prohibited: { reason: 'auth', meaning: 'an admin restricted posting to this channel' },
  invalid_token: { reason: 'auth', meaning: 'the webhook URL was revoked; create a new one' },
  no_service: { reason: 'auth', meaning: 'the webhook is disabled or removed' },
  no_service_id: { reason: 'auth', meaning: 'the webhook URL is incomplete' },
  no_team: { reason: 'auth', meaning: 'the workspace no longer exists' },
  team_disabled: { reason: 'auth', meaning: 'the workspace is disabled' },
};

/**
 * Delivered only on HTTP 200 with the body `ok`. 429 (with Retry-After) and 5xx are retryable through the shared
 * rules; a known error string decides the reason of a 4xx; anything else in a 200 is a fatal vendor answer.
 */
export function classifySlack(
  answer: HttpAnswer,
  label: string,
  nowMs: number,
  secrets: readonly string[],
): DeliveryOutcome {
  const transport = classifyTransport(answer, label, nowMs);
  if (answer.kind !== 'answer') return transport ?? { kind: 'retryable', reason: 'network', error: answer.error };
  const text = answer.text.trim();
  const detail = safeDetail(text, secrets);
  if (transport?.kind === 'retryable') {
    return { ...transport, error: new Error(`${transport.error.message}${detail ? `: ${detail}` : ''}`) };
  }
  const known = SLACK_ERRORS[text];
  if (known) {
    return {
      kind: 'fatal',
      reason: known.reason,
      error: new Error(`${label}: HTTP ${answer.status} ${text} (${known.meaning})`),
    };
  }
  if (transport?.kind === 'fatal') {
    return { ...transport, error: new Error(`${transport.error.message}${detail ? `: ${detail}` : ''}`) };
  }
  if (text === 'ok') return { kind: 'delivered' };
  return {
    kind: 'fatal',
    reason: 'vendor',
    error: new Error(`${label}: HTTP ${answer.status} without "ok"${detail ? `: ${detail}` : ''}`),
  };
}
