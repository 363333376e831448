import { describe, it } from 'vitest';
import type { ServerAnswer } from '../helpers/webhook-server';
import { runFaultCase } from './harness/fault-case';
import type { FaultContext, TickRecord } from './harness/fault-run';
import type { FaultCase } from './harness/fault-verdict';

/** Delivery faults are on for ticks 1–3: orders-etl's firing (tick 1) and risk-score's firing (tick 3) meet them. */
const WINDOW = [1, 2, 3];
type Target = 'hook' | 'ding';
const other = (t: Target): Target => (t === 'hook' ? 'ding' : 'hook');
const dingAnswer = (errcode: number, errmsg: string): ServerAnswer => ({
  status: 200,
  body: JSON.stringify({ errcode, errmsg }),
  headers: { 'content-type': 'application/json' },
});

/** A fault tick in which the faulty receiver got no request has nothing to report. */
function saysWhenHit(target: Target, check: (tick: TickRecord) => string | undefined) {
  return (tick: TickRecord) => (tick.hits[target] === 0 ? undefined : check(tick));
}

const queuedForRetry = (target: Target) =>
  saysWhenHit(target, (t) =>
    !t.summary || t.summary.notifications.queued === 0 || t.summary.notifications.outbox === 0
      ? 'that the messages wait in the outbox'
      : undefined,
  );

const rejectedForGood = (target: Target, reason: RegExp) =>
  saysWhenHit(target, (t) =>
    !t.summary?.errors.some((e) => e.startsWith(`receiver ${target}: `) && reason.test(e))
      ? `that receiver ${target} rejected messages for good (${reason})`
      : undefined,
  );

function retryable(order: string, fault: string, target: Target, answer: ServerAnswer, extra: Partial<FaultCase> = {}) {
  return {
    order,
    fault,
    window: WINDOW,
    on: (ctx: FaultContext) => ctx.receivers[target].setFault(answer),
    off: (ctx: FaultContext) => ctx.receivers[target].setFault(undefined),
    says: queuedForRetry(target),
    metaForbidden: ['NotificationUndeliverable', 'WatchQueryFailing'],
    manifested: (tick) => tick.hits[target] > 0,
    ...extra,
  } satisfies FaultCase;
}

/** Rejected for good: the alerts are reported (fatal in the summary, NotificationUndeliverable to the other receiver). */
function fatal(order: string, fault: string, target: Target, reason: RegExp, extra: Partial<FaultCase>): FaultCase {
  return {
    order,
    fault,
    window: WINDOW,
    on: () => {},
    off: () => {},
    says: rejectedForGood(target, reason),
    metaRequired: { [other(target)]: ['firing NotificationUndeliverable', 'resolved NotificationUndeliverable'] },
    metaForbidden: ['WatchQueryFailing'],
    manifested: (tick) => tick.hits[target] > 0 && (tick.undeliverable.get(target)?.length ?? 0) > 0,
    ...extra,
  };
}

const CASES: FaultCase[] = [
  retryable('2-dlv-1', 'webhook answers 5xx', 'hook', { status: 503, body: 'service unavailable' }),
  retryable('2-dlv-2', 'DingTalk answers 5xx', 'ding', { status: 502, body: 'bad gateway' }),
  retryable(
    '2-dlv-3',
    'webhook times out',
    'hook',
    { status: 504, body: 'too late', delayMs: 3_000 },
    { config: { receiverTimeout: '500ms' } },
  ),
  retryable('2-dlv-4', 'webhook rate-limits (429, Retry-After 90 s)', 'hook', {
    status: 429,
    body: 'slow down',
    headers: { 'retry-after': '90' },
  }),
  retryable(
    '2-dlv-5',
    'DingTalk rate-limits (errcode 130101)',
    'ding',
    dingAnswer(130101, 'send too fast, exceed 20 times per minute'),
  ),
  fatal('2-dlv-6', 'webhook rejects the size (413)', 'hook', /too-big/, {
    on: (ctx) => ctx.receivers.hook.setFault({ status: 413, body: 'payload too large' }),
    off: (ctx) => ctx.receivers.hook.setFault(undefined),
  }),
  fatal('2-dlv-7', 'DingTalk rejects the size (errcode 460101)', 'ding', /too-big/, {
    on: (ctx) => ctx.receivers.ding.setFault(dingAnswer(460101, 'message too long, exceed 20000 bytes')),
    off: (ctx) => ctx.receivers.ding.setFault(undefined),
  }),
  fatal('2-dlv-8', 'webhook rejects the signature (401)', 'hook', /auth/, {
    on: (ctx) => ctx.receivers.hook.setFault({ status: 401, body: 'signature mismatch' }),
    off: (ctx) => ctx.receivers.hook.setFault(undefined),
  }),
  // The real check: a rotated signing secret the configuration has not caught up with; the stand-in verifies the
  // HMAC and answers errcode 310000 "sign not match".
  fatal('2-dlv-9', 'DingTalk rejects the signature (stale secret)', 'ding', /signature/, {
    envWhileOn: (env) => ({ ...env, REL_DING_SECRET: 'SECstale00000000000000000000000000000000' }),
  }),
];

describe('delivery faults: nothing is lost, what cannot be delivered is reported', () => {
  for (const c of CASES) it(c.fault, () => runFaultCase(c).then(() => undefined));
});
