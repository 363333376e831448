import type { AlertView, Labels } from '../alerts/types';

/**
 * One notification: the alerts of one group for one receiver, sent as one message (or a few, when the platform's
 * size limit forces a split), never one message per alert.
 */
export interface Notification {
  receiver: string;
  /** Stable key of the group (receiver + group labels). */
  groupKey: string;
  groupLabels: Labels;
  /** `firing` when any alert in it fires. */
  status: 'firing' | 'resolved';
  alerts: AlertView[];
  /** Labels every alert shares. */
  commonLabels: Labels;
  commonAnnotations: Record<string, string>;
  /** Link to the report, when configured. */
  externalURL?: string;
  /** Evaluation time of the tick that produced it. */
  now: string;
}

/** A periodic summary pushed to chat (`POST /digest`, or the timer with `{"job":"digest"}`). */
export interface Digest {
  title: string;
  /** CommonMark; receivers adapt it to their platform's dialect and size limit. */
  markdown: string;
  /** Link to the full report, when configured. */
  reportUrl?: string;
  now: string;
  /** Headline numbers for log lines (`digest: 3 firing, 2 watches`); the summary falls back to the title without. */
  counts?: { firing: number; watches: number };
}

/** A rendered message, ready to post. Holds no secret: signing happens at delivery time. */
export interface OutgoingMessage {
  receiver: string;
  groupKey: string;
  /** JSON (or text) body exactly as it will be posted. */
  body: string;
  contentType: string;
  /** One line for logs and the tick summary, e.g. `2 firing, 1 resolved: payments/job-failed`. */
  summary: string;
  /** Fingerprints carried, so the outbox and the dedup log know what was delivered. */
  fingerprints: string[];
}

export type FailureReason =
  | 'rate-limited'
  | 'server-error'
  | 'timeout'
  | 'network'
  | 'auth'
  | 'signature'
  | 'keyword'
  | 'too-big'
  | 'bad-request'
  | 'vendor'
  | 'other';

/** What one delivery attempt achieved. Receivers classify; they never retry (the retry stage does). */
export type DeliveryOutcome =
  | { kind: 'delivered'; detail?: string }
  | { kind: 'retryable'; reason: FailureReason; retryAfterMs?: number; error: Error }
  | { kind: 'fatal'; reason: FailureReason; error: Error };

export interface RateLimit {
  /** At most `max` messages per `perMs` window. */
  max: number;
  perMs: number;
}

export interface DeliveryContext {
  signal: AbortSignal;
  /** Evaluation time (for signatures that carry a timestamp, use the real clock passed in here). */
  now: Date;
}

export interface Receiver {
  readonly name: string;
  readonly type: string;
  readonly sendResolved: boolean;
  /** Platform limits the delivery stage enforces across ticks (kept in the state). */
  readonly rateLimits: RateLimit[];
  /**
   * True for receivers that keep their own dedup and need active alerts re-posted every tick (Alertmanager expects
   * firing alerts to be refreshed before their `endsAt`). The notify decision skips its repeat interval for them.
   */
  readonly resendEveryTick: boolean;
  /** Turn a notification into messages that each fit the platform's size limit. */
  render(notification: Notification): OutgoingMessage[];
  /**
   * Render a digest (a Markdown summary of the report) as messages for this platform. Absent on receivers that
   * cannot show free text (Alertmanager takes only alerts).
   */
  renderDigest?(digest: Digest): OutgoingMessage[];
  /** Post one message; never throws for a delivery failure, never retries. */
  deliver(message: OutgoingMessage, ctx: DeliveryContext): Promise<DeliveryOutcome>;
}

/** A message that could not be delivered inside its tick; retried first on the next tick. */
export interface OutboxEntry {
  id: string;
  message: OutgoingMessage;
  attempts: number;
  /** ISO time it was first attempted (its age decides when it is given up). */
  firstAttemptAt: string;
  lastAttemptAt: string;
  lastError: string;
  /** Do not try again before this ISO time (rate limits, Retry-After). */
  notBefore?: string;
}
