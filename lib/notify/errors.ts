import { scrubError } from './scrub';

/**
 * Errors of the notify area. Messages name the receiver (never its URL or secret) and say what to do.
 * Receivers return these inside a `DeliveryOutcome`; only configuration errors are thrown.
 */
export class NotifyError extends Error {
  override name = 'NotifyError';
}

/** A receiver's configuration cannot work (missing URL, bad option). Thrown when the receiver is created. */
export class ReceiverConfigError extends NotifyError {
  override name = 'ReceiverConfigError';
  constructor(
    readonly receiver: string,
    problem: string,
    fix: string,
  ) {
    super(`receiver "${receiver}": ${problem}; ${fix}`);
  }
}

/** One delivery attempt failed; `cause` holds the transport error when there is one. */
export class DeliveryError extends NotifyError {
  override name = 'DeliveryError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** The receiver's rate budget has no slot now; the message waits in the outbox until `retryAt`. */
export class RateBudgetExhaustedError extends NotifyError {
  override name = 'RateBudgetExhaustedError';
  constructor(
    readonly receiver: string,
    readonly retryAt: number,
  ) {
    super(
      `receiver "${receiver}": rate budget exhausted, queued until ${new Date(retryAt).toISOString()} ` +
        '(the platform would reject a burst; raise the limit only if the platform allows it)',
    );
  }
}

/** The tick's deadline is too close for another attempt; the message waits in the outbox. */
export class DeliveryDeadlineError extends NotifyError {
  override name = 'DeliveryDeadlineError';
  constructor(readonly receiver: string) {
    super(`receiver "${receiver}": not attempted, the tick deadline is near; queued for the next tick`);
  }
}

/** An earlier message to the same receiver is still queued; later ones wait behind it so that order holds. */
export class QueuedBehindError extends NotifyError {
  override name = 'QueuedBehindError';
  constructor(readonly receiver: string) {
    super(`receiver "${receiver}": queued behind an earlier undelivered message (order is kept)`);
  }
}

/** An outbox entry or message names a receiver that is no longer configured. */
export class UnknownReceiverError extends NotifyError {
  override name = 'UnknownReceiverError';
  constructor(readonly receiver: string) {
    super(`receiver "${receiver}" is not configured (removed or renamed); its queued message cannot be delivered`);
  }
}

/**
 * A receiver threw from `deliver` instead of returning an outcome (a bug in that receiver). The original error is
 * not kept as `cause`: it was not built to be safe and may carry a webhook URL; its scrubbed text is in the message.
 */
export class ReceiverCrashedError extends NotifyError {
  override name = 'ReceiverCrashedError';
  constructor(receiver: string, cause: unknown) {
    super(`receiver "${receiver}" failed unexpectedly (a bug in the receiver): ${scrubError(cause)}`);
  }
}
