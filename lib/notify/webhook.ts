import type { ReceiverConfig } from '../config/types';
import type { Logger } from '../runtime/logger';
import { classifyTransport } from './classify';
import { DeliveryError } from './errors';
import { httpPost } from './http-post';
import { notificationSummary } from './message-summary';
import { readDurationMs, readHeaders, readInteger, readRateLimits, requireHttpUrl } from './receiver-options';
import { digestMessage, scrubDigest } from './render/digest';
import { scrubText } from './scrub';
import type { DeliveryContext, DeliveryOutcome, Digest, Notification, OutgoingMessage, Receiver } from './types';
import { toWebhookPayload } from './webhook-payload';
import { webhookSignatureHeaders } from './webhook-signature';

export const WEBHOOK_DEFAULT_TIMEOUT_MS = 10_000;
const BODY_SNIPPET_CHARS = 200;

/**
 * Any part of a generic webhook URL may be a token (there is no known shape to redact), so its path segments and
 * query values that look like tokens count as secrets when an answer body or a digest is quoted. Plain words such
 * as `/alerts` or `/hooks` do not: masking them would garble ordinary text.
 */
function looksLikeToken(part: string): boolean {
  return part.length >= 16 || (part.length >= 8 && /\d/.test(part) && /[a-z]/i.test(part));
}

function secretsOfUrl(raw: string): string[] {
  const url = new URL(raw);
  const decoded = (part: string) => {
    try {
      return decodeURIComponent(part);
    } catch {
      return part;
    }
  };
  return [url.username, url.password, ...url.pathname.split('/'), ...url.searchParams.values()]
    .flatMap((part) => [part, decoded(part)])
    .filter((part) => (part === url.username || part === url.password ? part.length >= 4 : looksLikeToken(part)));
}

/**
 * A digest as JSON for programs: `kind` tells it apart from an alert message (which has `version: "4"`), the Markdown
 * is passed on as it is, `reportUrl` is `""` when there is no report link.
 */
function digestBody(receiver: string, digest: Digest): string {
  return JSON.stringify({
    kind: 'digest',
    receiver,
    title: digest.title,
    markdown: digest.markdown,
    reportUrl: digest.reportUrl ?? '',
    now: digest.now,
  });
}

/**
 * The generic webhook: POSTs Alertmanager's webhook message (version 4) so that bridges built for Alertmanager can
 * consume it. Options: `timeout` (ms or "10s"), `headers` (values treated as secrets), `maxAlerts`, `rateLimit`
 * ({max, per}). With `secret` set, each POST is signed (see `webhook-signature.ts`).
 */
export function createWebhookReceiver(config: ReceiverConfig, deps: { logger: Logger }): Receiver {
  const url = requireHttpUrl(config);
  const timeoutMs = readDurationMs(config, 'timeout', WEBHOOK_DEFAULT_TIMEOUT_MS);
  const headers = readHeaders(config, 'headers');
  const maxAlerts = readInteger(config, 'maxAlerts', 0) ?? 0;
  const rateLimits = readRateLimits(config, 'rateLimit');
  const secret = config.secret === '' ? undefined : config.secret;
  // A header value such as `Bearer <token>` may be echoed in part, so its words count too.
  const headerSecrets = Object.values(headers).flatMap((value) => [value, ...value.split(/\s+/)]);
  const secrets = [url, ...secretsOfUrl(url), ...headerSecrets, ...(secret ? [secret] : [])];
  // The origin (scheme, host, port) is all an error shows of the URL: the path or query may hold a token.
  const where = `${new URL(url).origin}/…`;
  const label = `webhook receiver "${config.name}" (${where})`;
  const logger = deps.logger.child({ receiver: config.name, type: 'webhook' });

  const render = (notification: Notification): OutgoingMessage[] => [
    {
      receiver: config.name,
      groupKey: notification.groupKey,
      body: JSON.stringify(toWebhookPayload(notification, maxAlerts)),
      contentType: 'application/json',
      summary: notificationSummary(notification),
      // All of the group's alerts, listed or cut: like Alertmanager, a cut list still notifies the whole group.
      fingerprints: notification.alerts.map((a) => a.fingerprint),
    },
  ];

  const deliver = async (message: OutgoingMessage, ctx: DeliveryContext): Promise<DeliveryOutcome> => {
    const answer = await httpPost({
      url,
      body: message.body,
      contentType: message.contentType,
      headers: {
        'user-agent': 'flink-watch',
        ...headers,
        ...(secret ? webhookSignatureHeaders(secret, ctx.now, message.body) : {}),
      },
      signal: ctx.signal,
      timeoutMs,
      displayUrl: where,
    });
    const classified = classifyTransport(answer, label, ctx.now.getTime());
    if (answer.kind !== 'answer') return classified ?? { kind: 'retryable', reason: 'other', error: answer.error };
    logger.debug('webhook answered', { status: answer.status });
    if (classified === undefined) return { kind: 'delivered', detail: `HTTP ${answer.status}` };
    if (classified.kind === 'delivered' || answer.text.trim() === '') return classified;
    const snippet = scrubText(answer.text.replace(/\s+/g, ' ').trim().slice(0, BODY_SNIPPET_CHARS), secrets);
    const error = new DeliveryError(`${classified.error.message}: ${snippet}`);
    return { ...classified, error };
  };

  return {
    name: config.name,
    type: 'webhook',
    sendResolved: config.sendResolved,
    rateLimits,
    resendEveryTick: false,
    render,
    // No size limit to fit: the whole digest goes, signed at delivery like an alert message.
    renderDigest: (digest) => {
      const safe = scrubDigest(digest, secrets);
      return [digestMessage(config.name, safe, { body: digestBody(config.name, safe), cut: false })];
    },
    deliver,
  };
}
