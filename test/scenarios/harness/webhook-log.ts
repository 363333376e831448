import type { WebhookPayload } from '../../../lib/notify/webhook-payload';
import { type RecordedRequest, startWebhookServer, type WebhookServer } from '../../helpers/webhook-server';

/** One message the webhook accepted (answered 2xx), in arrival order. */
export interface AcceptedMessage {
  tick: number;
  /** Simulated time of the tick that delivered it (epoch ms). */
  at: number;
  payload: WebhookPayload;
}

/** A local webhook endpoint that can be taken down (503) and remembers which requests it accepted. */
export interface RecordingWebhook {
  server: WebhookServer;
  url: string;
  /** Every request so far (accepted or refused). */
  requests(): readonly RecordedRequest[];
  /** Accepted messages so far, oldest first. */
  accepted: AcceptedMessage[];
  setDown(down: boolean): void;
  /** Which tick (and simulated time) the requests arriving from now on belong to. */
  setTick(tick: number, at: number): void;
}

function isPayload(value: unknown): value is WebhookPayload {
  if (value === null || typeof value !== 'object') return false;
  const v = value as Record<string, unknown>;
  return v.version === '4' && Array.isArray(v.alerts) && typeof v.groupKey === 'string';
}

export async function startRecordingWebhook(): Promise<RecordingWebhook> {
  let down = false;
  let tick = -1;
  let at = 0;
  const accepted: AcceptedMessage[] = [];
  const server = await startWebhookServer({
    handler: (request) => {
      if (down) return { status: 503, body: 'service unavailable' };
      const parsed: unknown = JSON.parse(request.body);
      if (!isPayload(parsed)) return { status: 400, body: 'not an Alertmanager-format message' };
      accepted.push({ tick, at, payload: parsed });
      return { status: 200, body: 'ok' };
    },
  });
  return {
    server,
    url: `${server.url}/alerts`,
    requests: () => server.requests,
    accepted,
    setDown: (next) => {
      down = next;
    },
    setTick: (next, time) => {
      tick = next;
      at = time;
    },
  };
}

function contentOf(payload: WebhookPayload): string {
  return payload.alerts
    .map((a) => `${a.fingerprint}:${a.status}`)
    .sort()
    .join(',');
}

/**
 * Duplicates among the accepted messages: a group's message repeating the previous one's alerts and statuses before
 * `repeatIntervalMs` passed, or a resolve announced twice for the same alert without a firing in between. (A firing
 * alert shown again beside a change in its group is Alertmanager's grouping, not a duplicate.)
 */
export function findDuplicates(messages: readonly AcceptedMessage[], repeatIntervalMs: number): string[] {
  const problems: string[] = [];
  const lastOfGroup = new Map<string, AcceptedMessage>();
  const lastStatus = new Map<string, { status: string; at: number; tick: number }>();
  for (const message of messages) {
    const { payload } = message;
    const groupKey = `${payload.receiver}|${payload.groupKey}`;
    const previous = lastOfGroup.get(groupKey);
    if (previous && contentOf(previous.payload) === contentOf(payload) && message.at - previous.at < repeatIntervalMs) {
      problems.push(
        `tick ${message.tick}: group ${payload.groupKey} got the same alerts as at tick ${previous.tick} ` +
          `before the repeat interval (${contentOf(payload)})`,
      );
    }
    lastOfGroup.set(groupKey, message);
    for (const alert of payload.alerts) {
      const key = `${payload.receiver}|${alert.fingerprint}`;
      const before = lastStatus.get(key);
      if (before?.status === 'resolved' && alert.status === 'resolved') {
        problems.push(
          `tick ${message.tick}: ${alert.labels.alertname} ${alert.fingerprint} resolved again (already at tick ${before.tick})`,
        );
      }
      lastStatus.set(key, { status: alert.status, at: message.at, tick: message.tick });
    }
  }
  return problems;
}
