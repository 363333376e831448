import type { Clock } from '../runtime/clock';
import type { Deadline } from '../runtime/deadline';
import type { Logger } from '../runtime/logger';
import { holdItem, type LaneContext, type LaneItem, type LaneResult, runLane } from './delivery-lane';
import { UnknownReceiverError } from './errors';
import { expiryReason, oldestFirst } from './outbox';
import { longestWindowMs, pruneSends } from './rate-budget';
import { DEFAULT_MAX_ATTEMPTS, type Sleep } from './retry-stage';
import { scrubError } from './scrub';
import type { FailureReason, OutboxEntry, OutgoingMessage, Receiver } from './types';

export interface DeliverAllInput {
  /** Messages rendered in this tick, in the order they must reach each receiver. */
  fresh: OutgoingMessage[];
  /** The outbox saved by the previous tick. */
  outbox: OutboxEntry[];
  receivers: Map<string, Receiver>;
  /** `MonitorState.sends`: per receiver, epoch ms of recent attempts. */
  sends: Record<string, number[]>;
  /** Evaluation time of the tick, epoch ms. */
  now: number;
  /** Measures the time spent delivering; the stage's time is `now` plus what this clock says has elapsed. */
  clock: Clock;
  deadline: Deadline;
  sleep: Sleep;
  logger: Logger;
  /** Outbox entries older than this (since their first attempt) are given up and reported in `dropped`. */
  outboxMaxAgeMs: number;
  /** Attempts per message inside the tick, including the first; default 3. */
  maxAttempts?: number;
  random?: () => number;
  newId: () => string;
  /** Known secret values (URL tokens, signing secrets) to mask in every stored or reported error string. */
  secrets?: Iterable<string>;
  /** No attempt starts with less than this left before the deadline; default 1 s. */
  attemptReserveMs?: number;
}

export interface DeliveryReport {
  delivered: Array<{ message: OutgoingMessage; attempts: number }>;
  /** The new outbox to save (replaces the old one). */
  outbox: OutboxEntry[];
  /** Rejected for good (auth, signature, keyword, too big, bad request): not queued, not retried. */
  fatal: Array<{ message: OutgoingMessage; reason: FailureReason; error: string }>;
  /** Outbox entries given up (too old, or their receiver is gone). The caller raises the undeliverable alert. */
  dropped: Array<{ entry: OutboxEntry; why: string }>;
  /** The new `MonitorState.sends`. */
  sends: Record<string, number[]>;
  /** Messages that wait in `outbox` after this tick, and why (for the summary and `explain`). */
  queued: Array<{ message: OutgoingMessage; why: string; notBefore?: string }>;
}

function emptyLane(): LaneResult {
  return { delivered: [], fatal: [], outbox: [], queued: [], sends: [], remaining: [] };
}

/** Per receiver, its queue: saved entries oldest first, then fresh messages. Drops what cannot be delivered. */
function planLanes(input: DeliverAllInput, report: DeliveryReport): Map<string, LaneItem[]> {
  const lanes = new Map<string, LaneItem[]>();
  const laneOf = (name: string) => {
    const lane = lanes.get(name) ?? [];
    lanes.set(name, lane);
    return lane;
  };
  for (const entry of oldestFirst(input.outbox)) {
    const name = entry.message.receiver;
    const expired = expiryReason(entry, input.now, input.outboxMaxAgeMs);
    if (!input.receivers.has(name)) report.dropped.push({ entry, why: new UnknownReceiverError(name).message });
    else if (expired !== undefined) report.dropped.push({ entry, why: expired });
    else laneOf(name).push({ kind: 'outbox', entry });
  }
  for (const message of input.fresh) {
    if (input.receivers.has(message.receiver)) laneOf(message.receiver).push({ kind: 'fresh', message });
    else {
      const error = new UnknownReceiverError(message.receiver).message;
      report.fatal.push({ message, reason: 'other', error });
      input.logger.error('notification for an unknown receiver', { receiver: message.receiver, error });
    }
  }
  return lanes;
}

/**
 * The delivery stage of a tick. Receivers run in parallel (one failing receiver never hides or aborts the others);
 * each receiver's messages go out one after another, with in-tick retries, under its rate budget and the tick's
 * deadline. Whatever could not go out is returned as the new outbox; nothing is lost silently.
 */
export async function deliverAll(input: DeliverAllInput): Promise<DeliveryReport> {
  const report: DeliveryReport = { delivered: [], outbox: [], fatal: [], dropped: [], sends: {}, queued: [] };
  const startedAt = input.clock.now();
  const secrets = [...(input.secrets ?? [])];
  const ctx: LaneContext = {
    at: () => input.now + Math.max(0, input.clock.now() - startedAt),
    clock: input.clock,
    deadline: input.deadline,
    sleep: input.sleep,
    logger: input.logger,
    newId: input.newId,
    secrets,
    maxAttempts: input.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    attemptReserveMs: input.attemptReserveMs ?? 1_000,
    ...(input.random ? { random: input.random } : {}),
  };

  const lanes = [...planLanes(input, report)].map(([name, items]) => ({ name, items, result: emptyLane() }));
  const settled = await Promise.allSettled(
    lanes.map(({ name, items, result }) => {
      const receiver = input.receivers.get(name)!;
      return runLane(receiver, items, [...(input.sends[name] ?? [])], ctx, result);
    }),
  );

  settled.forEach((outcome, i) => {
    const lane = lanes[i]!;
    if (outcome.status === 'rejected') {
      // A bug in the stage must not lose messages: whatever the lane had not handled goes back to the outbox.
      const why = `delivery stage failed: ${scrubError(outcome.reason, secrets)}`;
      input.logger.error('delivery to a receiver failed unexpectedly', { receiver: lane.name, error: why });
      for (const item of lane.result.remaining) holdItem(lane.result, item, { why }, ctx);
    }
    const { result } = lane;
    report.delivered.push(...result.delivered);
    report.fatal.push(...result.fatal);
    report.outbox.push(...result.outbox);
    report.queued.push(...result.queued);
    if (result.queued.length > 0) {
      input.logger.warn('notifications queued in the outbox for the next tick', {
        receiver: lane.name,
        count: result.queued.length,
        why: result.queued[0]?.why,
      });
    }
  });

  const end = ctx.at();
  for (const [name, receiver] of input.receivers) {
    const keepMs = longestWindowMs(receiver.rateLimits);
    if (keepMs === 0) continue;
    const lane = lanes.find((l) => l.name === name);
    const sends = pruneSends(lane ? lane.result.sends : (input.sends[name] ?? []), end, keepMs);
    if (sends.length > 0) report.sends[name] = sends;
  }
  return report;
}
