import type { Notification, OutgoingMessage } from '../types';
import type { FittedMessage } from './fit';
import type { Prepared } from './prepare';
import { messageSummary } from './summary';

/** Fitted bodies as the messages a receiver hands to delivery. */
export function toOutgoing(
  receiver: string,
  n: Notification,
  p: Prepared,
  fitted: FittedMessage[],
  contentType = 'application/json',
): OutgoingMessage[] {
  return fitted.map((m, i) => ({
    receiver,
    groupKey: n.groupKey,
    body: m.body,
    contentType,
    summary: messageSummary(p, m, i, fitted.length),
    fingerprints: m.fingerprints,
  }));
}
