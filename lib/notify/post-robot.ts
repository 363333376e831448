import type { Logger } from '../runtime/logger';
import { redactUrl } from '../runtime/redact';
import { type HttpAnswer, httpPost } from './http-post';
import { utf8Bytes } from './render/bytes';
import type { DeliveryContext, OutgoingMessage } from './types';

/**
 * The one POST every chat robot makes: the (possibly signed) URL and body, the receiver's timeout, the tick's
 * signal, and a debug line that shows the redacted URL and the size. Each platform classifies the answer itself.
 */
export function postToRobot(input: {
  url: string;
  body: string;
  message: OutgoingMessage;
  ctx: DeliveryContext;
  timeoutMs: number;
  log: Logger;
}): Promise<HttpAnswer> {
  const { url, body, message, ctx } = input;
  input.log.debug('posting', { url: redactUrl(url), bytes: utf8Bytes(body), summary: message.summary });
  return httpPost({ url, body, contentType: message.contentType, signal: ctx.signal, timeoutMs: input.timeoutMs });
}
