import type { Clock } from '../runtime/clock';
import type { Deadline } from '../runtime/deadline';
import type { Logger } from '../runtime/logger';
import { DeliveryDeadlineError, QueuedBehindError, RateBudgetExhaustedError } from './errors';
import { deferEntry, isDue, newOutboxEntry, requeueEntry } from './outbox';
import { checkBudget, recordSend } from './rate-budget';
import { deliverWithRetry, type Sleep } from './retry-stage';
import { scrubText } from './scrub';
import type { FailureReason, OutboxEntry, OutgoingMessage, Receiver } from './types';

/** One message waiting for a receiver: a saved outbox entry or a fresh message of this tick. */
export type LaneItem = { kind: 'outbox'; entry: OutboxEntry } | { kind: 'fresh'; message: OutgoingMessage };

export interface LaneContext {
  /** The stage's time: the tick's `now` advanced by the real time spent delivering. */
  at: () => number;
  clock: Clock;
  deadline: Deadline;
  sleep: Sleep;
  logger: Logger;
  newId: () => string;
  secrets: readonly string[];
  maxAttempts: number;
  attemptReserveMs: number;
  random?: () => number;
}

/** What one receiver's lane produced; filled as it goes, so a crash mid-way still leaves a usable record. */
export interface LaneResult {
  delivered: Array<{ message: OutgoingMessage; attempts: number }>;
  fatal: Array<{ message: OutgoingMessage; reason: FailureReason; error: string }>;
  outbox: OutboxEntry[];
  queued: Array<{ message: OutgoingMessage; why: string; notBefore?: string }>;
  sends: number[];
  /** Items not handled yet (the crash path queues them). */
  remaining: LaneItem[];
}

export function messageOf(item: LaneItem): OutgoingMessage {
  return item.kind === 'outbox' ? item.entry.message : item.message;
}

/** Hold `item` in the outbox without attempting it. */
export function holdItem(
  result: LaneResult,
  item: LaneItem,
  hold: { why: string; notBefore?: number },
  ctx: Pick<LaneContext, 'at' | 'newId'>,
) {
  const now = ctx.at();
  const entry =
    item.kind === 'outbox'
      ? deferEntry(item.entry, hold.notBefore, now)
      : newOutboxEntry({
          id: ctx.newId(),
          message: item.message,
          attempts: 0,
          at: now,
          lastError: hold.why,
          ...(hold.notBefore === undefined ? {} : { notBefore: hold.notBefore }),
        });
  result.outbox.push(entry);
  result.queued.push({
    message: entry.message,
    why: hold.why,
    ...(entry.notBefore === undefined ? {} : { notBefore: entry.notBefore }),
  });
}

/**
 * Deliver one receiver's queue in order (saved outbox entries oldest first, then this tick's messages). Once one
 * message has to wait — not due yet, rate budget exhausted, deadline near, or failed after its retries — every later
 * message waits behind it, so a resolve never overtakes its firing.
 */
export async function runLane(
  receiver: Receiver,
  items: LaneItem[],
  sends: number[],
  ctx: LaneContext,
  result: LaneResult,
): Promise<void> {
  result.sends = sends;
  result.remaining = [...items];
  let blocked: { why: string; notBefore?: number } | undefined;
  const budgetAllows = () => checkBudget(result.sends, receiver.rateLimits, ctx.at()).ok;

  for (let item = result.remaining[0]; item !== undefined; item = result.remaining[0]) {
    const now = ctx.at();
    if (blocked) {
      holdItem(result, item, { ...blocked, why: new QueuedBehindError(receiver.name).message }, ctx);
    } else if (item.kind === 'outbox' && !isDue(item.entry, now)) {
      blocked = { why: item.entry.lastError, notBefore: Date.parse(item.entry.notBefore ?? '') };
      holdItem(result, item, { why: `not due before ${item.entry.notBefore}: ${item.entry.lastError}` }, ctx);
    } else if (ctx.deadline.signal.aborted || ctx.deadline.remainingMs() < ctx.attemptReserveMs) {
      blocked = { why: new DeliveryDeadlineError(receiver.name).message };
      holdItem(result, item, blocked, ctx);
    } else {
      const budget = checkBudget(result.sends, receiver.rateLimits, now);
      if (!budget.ok) {
        blocked = {
          why: new RateBudgetExhaustedError(receiver.name, budget.retryAt).message,
          notBefore: budget.retryAt,
        };
        holdItem(result, item, blocked, ctx);
      } else {
        blocked = await attempt(receiver, item, ctx, result, budgetAllows);
      }
    }
    result.remaining.shift();
  }
}

async function attempt(
  receiver: Receiver,
  item: LaneItem,
  ctx: LaneContext,
  result: LaneResult,
  budgetAllows: () => boolean,
): Promise<{ why: string; notBefore?: number } | undefined> {
  const message = messageOf(item);
  const startedAt = ctx.at();
  const { outcome, attempts } = await deliverWithRetry(receiver, message, {
    deadline: ctx.deadline,
    clock: ctx.clock,
    sleep: ctx.sleep,
    maxAttempts: ctx.maxAttempts,
    attemptReserveMs: ctx.attemptReserveMs,
    logger: ctx.logger,
    secrets: ctx.secrets,
    gate: budgetAllows,
    onAttempt: () => {
      result.sends = recordSend(result.sends, ctx.at());
    },
    ...(ctx.random ? { random: ctx.random } : {}),
  });
  if (outcome.kind === 'delivered') {
    result.delivered.push({ message, attempts });
    ctx.logger.info('notification delivered', { receiver: receiver.name, summary: message.summary, attempts });
    return undefined;
  }
  const error = scrubText(outcome.error.message, ctx.secrets);
  if (outcome.kind === 'fatal') {
    result.fatal.push({ message, reason: outcome.reason, error });
    ctx.logger.error('notification rejected; not retried, fix the receiver', {
      receiver: receiver.name,
      summary: message.summary,
      reason: outcome.reason,
      error,
    });
    return undefined;
  }
  const endedAt = ctx.at();
  const notBefore = outcome.retryAfterMs === undefined ? undefined : endedAt + outcome.retryAfterMs;
  const update = { attempts, at: endedAt, lastError: error, ...(notBefore === undefined ? {} : { notBefore }) };
  const entry =
    item.kind === 'outbox'
      ? requeueEntry(item.entry, update)
      : newOutboxEntry({ ...update, id: ctx.newId(), message, at: startedAt, lastAt: endedAt });
  result.outbox.push(entry);
  result.queued.push({
    message,
    why: `${outcome.reason}: ${error}`,
    ...(entry.notBefore === undefined ? {} : { notBefore: entry.notBefore }),
  });
  return { why: error, ...(notBefore === undefined ? {} : { notBefore }) };
}
