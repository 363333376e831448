import type { Clock } from '../runtime/clock';
import type { Deadline } from '../runtime/deadline';
import { type Logger, silentLogger } from '../runtime/logger';
import { ReceiverCrashedError } from './errors';
import { scrubText } from './scrub';
import type { DeliveryOutcome, OutgoingMessage, Receiver } from './types';

export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/** Asked before each retry: may another attempt go out now? (The delivery stage's rate budget.) */
export type AttemptGate = () => boolean;

export interface RetryOptions {
  deadline: Deadline;
  clock: Clock;
  sleep: Sleep;
  /** Uniform in [0, 1); injected so tests get repeatable jitter. */
  random?: () => number;
  /** Attempts including the first; default 3. */
  maxAttempts?: number;
  /** First backoff ceiling, doubled per retry (full jitter draws in [0, ceiling)); default 1 s. */
  baseDelayMs?: number;
  /** Largest backoff ceiling; default 10 s. */
  maxDelayMs?: number;
  /** Time an attempt needs; no retry starts with less than this left before the deadline. Default 1 s. */
  attemptReserveMs?: number;
  logger?: Logger;
  /** Known secret values to mask in log lines (URLs in errors are redacted anyway). */
  secrets?: readonly string[];
  /** Consulted before every retry (not the first attempt: the caller checks that). */
  gate?: AttemptGate;
  /** Told just before every attempt, so the caller can count it against the rate budget. */
  onAttempt?: () => void;
}

export interface RetryResult {
  outcome: DeliveryOutcome;
  attempts: number;
}

export const DEFAULT_MAX_ATTEMPTS = 3;

async function attemptOnce(receiver: Receiver, message: OutgoingMessage, options: RetryOptions) {
  try {
    return await receiver.deliver(message, { signal: options.deadline.signal, now: new Date(options.clock.now()) });
  } catch (err) {
    // Receivers must return outcomes; a throw is a bug, but it must not cost the alert: keep it for the outbox.
    const outcome: DeliveryOutcome = {
      kind: 'retryable',
      reason: 'other',
      error: new ReceiverCrashedError(receiver.name, err),
    };
    return outcome;
  }
}

/**
 * The one place that retries. Delivers `message`, retrying only `retryable` outcomes with exponential backoff and
 * full jitter, honouring `retryAfterMs`, and never sleeping past the deadline: when the next wait (plus the time an
 * attempt needs) does not fit, it stops and returns the retryable outcome so that the caller queues the message in
 * the outbox. It also stops when `gate` refuses (rate budget). `fatal` outcomes are never retried. Logs only when the error changes.
 */
export async function deliverWithRetry(
  receiver: Receiver,
  message: OutgoingMessage,
  options: RetryOptions,
): Promise<RetryResult> {
  const maxAttempts = Math.max(1, Math.floor(options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS));
  const random = options.random ?? Math.random;
  const base = options.baseDelayMs ?? 1_000;
  const cap = options.maxDelayMs ?? 10_000;
  const reserve = options.attemptReserveMs ?? 1_000;
  const logger = options.logger ?? silentLogger;
  let lastLogged: string | undefined;
  let attempts = 0;

  for (;;) {
    options.onAttempt?.();
    const outcome = await attemptOnce(receiver, message, options);
    attempts += 1;
    if (outcome.kind !== 'retryable') return { outcome, attempts };

    const errorText = scrubText(outcome.error.message, options.secrets);
    if (errorText !== lastLogged) {
      lastLogged = errorText;
      logger.warn('delivery attempt failed', {
        receiver: receiver.name,
        summary: message.summary,
        attempt: attempts,
        reason: outcome.reason,
        error: errorText,
      });
    }
    if (attempts >= maxAttempts) return { outcome, attempts };

    const ceiling = Math.min(cap, base * 2 ** (attempts - 1));
    const waitMs = outcome.retryAfterMs ?? Math.floor(random() * ceiling);
    // Waiting for the rate budget inside the tick would hold back every later message of this receiver: queue.
    if (options.gate && !options.gate()) return { outcome, attempts };
    if (options.deadline.signal.aborted || waitMs + reserve > options.deadline.remainingMs()) {
      return { outcome, attempts };
    }
    try {
      await options.sleep(waitMs, options.deadline.signal);
    } catch {
      return { outcome, attempts };
    }
  }
}
