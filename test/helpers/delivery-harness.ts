import type { DeliveryOutcome, OutgoingMessage, Receiver } from '../../lib/notify/types';
import type { Clock } from '../../lib/runtime/clock';
import type { Deadline } from '../../lib/runtime/deadline';

/**
 * Simulated time for delivery tests: `clock` reads it, `sleep` advances it at once (so backoff costs nothing), and a
 * real local server can stamp requests with `now` so that assertions see the delivery stage's own times.
 */
export interface SimTime {
  clock: Clock;
  now(): number;
  set(ms: number): void;
  advance(ms: number): void;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /** Every sleep asked for, in order. */
  readonly sleeps: number[];
}

export function simTime(start: number): SimTime {
  let t = start;
  const sleeps: number[] = [];
  return {
    clock: { now: () => t },
    now: () => t,
    set: (ms) => {
      t = ms;
    },
    advance: (ms) => {
      t += ms;
    },
    sleep: async (ms, signal) => {
      if (signal?.aborted) throw signal.reason;
      sleeps.push(ms);
      t += ms;
    },
    sleeps,
  };
}

/** A deadline measured on `clock` (its signal aborts only through `abort`). */
export function simDeadline(clock: Clock, budgetMs: number): Deadline & { abort(): void } {
  const expiresAt = clock.now() + budgetMs;
  const controller = new AbortController();
  return {
    expiresAt,
    signal: controller.signal,
    remainingMs: () => Math.max(0, expiresAt - clock.now()),
    abort: () => controller.abort(new Error('deadline')),
  };
}

export function message(receiver: string, n: number, overrides: Partial<OutgoingMessage> = {}): OutgoingMessage {
  return {
    receiver,
    groupKey: `${receiver}|g${n}`,
    body: JSON.stringify({ n }),
    contentType: 'application/json',
    summary: `1 firing: message ${n}`,
    fingerprints: [`fp${n}`],
    ...overrides,
  };
}

/** A receiver stub at the `Receiver` seam that answers from a script (last answer repeats). */
export function scriptedReceiver(
  name: string,
  script: Array<DeliveryOutcome | (() => DeliveryOutcome | Promise<DeliveryOutcome>)>,
  extra: Partial<Receiver> = {},
): Receiver & { calls: OutgoingMessage[] } {
  const calls: OutgoingMessage[] = [];
  return {
    name,
    type: 'stub',
    sendResolved: true,
    rateLimits: [],
    resendEveryTick: false,
    render: () => [],
    deliver: async (m) => {
      calls.push(m);
      const next = script[Math.min(calls.length - 1, script.length - 1)];
      if (next === undefined) throw new Error('empty script');
      return typeof next === 'function' ? next() : next;
    },
    calls,
    ...extra,
  };
}

/** Unique ids for outbox entries: `entry-1`, `entry-2`, … */
export function idSequence(): () => string {
  let counter = 0;
  return () => `entry-${++counter}`;
}
