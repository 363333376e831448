import type { ReceiverDocument } from './document';
import { parseDuration } from './duration';
import type { ReceiverConfig } from './types';

const DURATION_OPTIONS = new Set(['timeout', 'endsAfter']);
const TOP_LEVEL = new Set(['type', 'url', 'secret', 'sendResolved']);

/** A receiver as written → `ReceiverConfig`: platform settings go to `options`, durations there become ms. */
export function buildReceiver(name: string, receiver: ReceiverDocument): ReceiverConfig {
  const options: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(receiver)) {
    if (TOP_LEVEL.has(key) || value === undefined) continue;
    if (DURATION_OPTIONS.has(key) && (typeof value === 'string' || typeof value === 'number')) {
      options[key] = parseDuration(value);
    } else if (key === 'mentions' && receiver.mentions) {
      options[key] = normaliseMentions(receiver.mentions);
    } else if (key === 'rateLimit' && receiver.rateLimit) {
      options[key] = { max: receiver.rateLimit.max, perMs: parseDuration(receiver.rateLimit.per) };
    } else {
      options[key] = value;
    }
  }
  const out: ReceiverConfig = { name, type: receiver.type, sendResolved: receiver.sendResolved ?? true, options };
  if (receiver.url !== undefined) out.url = receiver.url;
  if (receiver.secret !== undefined) out.secret = receiver.secret;
  return out;
}

/** Phone numbers written without quotes arrive as numbers; platforms want strings. */
function normaliseMentions(mentions: NonNullable<ReceiverDocument['mentions']>) {
  const out: { all?: boolean; mobiles?: string[]; userIds?: string[] } = {};
  if (mentions.all !== undefined) out.all = mentions.all;
  if (mentions.mobiles !== undefined) out.mobiles = mentions.mobiles.map(String);
  if (mentions.userIds !== undefined) out.userIds = [...mentions.userIds];
  return out;
}

/** When no route matches: the configured list, else every receiver if there are no routes at all. */
export function defaultReceiverNames(
  configured: string[] | undefined,
  receiverNames: string[],
  routeCount: number,
): string[] {
  if (configured !== undefined) return [...configured];
  return routeCount === 0 ? [...receiverNames] : [];
}
