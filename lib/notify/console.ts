import type { ReceiverConfig } from '../config/types';
import { renderConsoleText } from './console-text';
import { DeliveryError, ReceiverConfigError } from './errors';
import { notificationSummary } from './message-summary';
import { readString } from './receiver-options';
import { digestMessage } from './render/digest';
import { isValidTimeZone } from './render/time';
import type { Receiver } from './types';

export interface ConsoleDeps {
  /** Where the text goes (the demo passes stdout). */
  write: (text: string) => void;
  /** ANSI colours (a terminal); default off. */
  color?: boolean;
}

/**
 * Prints each notification as readable text, the way the chat message would look. Options: `timeZone` (IANA name,
 * default UTC). Always delivered (a terminal does not fail, and has no rate limit).
 */
export function createConsoleReceiver(config: ReceiverConfig, deps: ConsoleDeps): Receiver {
  const timeZone = readString(config, 'timeZone') ?? 'UTC';
  if (!isValidTimeZone(timeZone)) {
    throw new ReceiverConfigError(
      config.name,
      `options.timeZone "${timeZone}" is unknown`,
      'use an IANA name like Asia/Shanghai',
    );
  }
  const color = deps.color ?? false;
  return {
    name: config.name,
    type: 'console',
    sendResolved: config.sendResolved,
    rateLimits: [],
    resendEveryTick: false,
    render: (notification) => [
      {
        receiver: config.name,
        groupKey: notification.groupKey,
        body: renderConsoleText(notification, { color, timeZone }),
        contentType: 'text/plain; charset=utf-8',
        summary: notificationSummary(notification),
        fingerprints: notification.alerts.map((a) => a.fingerprint),
      },
    ],
    // A terminal shows Markdown well enough as it is.
    renderDigest: (digest) => [
      digestMessage(
        config.name,
        digest,
        { body: `[${config.name}] ${digest.title}\n\n${digest.markdown.trimEnd()}`, cut: false },
        'text/markdown; charset=utf-8',
      ),
    ],
    deliver: async (message) => {
      try {
        deps.write(`${message.body}\n`);
        return { kind: 'delivered' };
      } catch (err) {
        const why = err instanceof Error ? err.message : String(err);
        const error = new DeliveryError(`console receiver "${config.name}" cannot write its output: ${why}`, {
          cause: err,
        });
        return { kind: 'fatal', reason: 'other', error };
      }
    },
  };
}
