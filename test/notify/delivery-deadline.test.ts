import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Receiver } from '../../lib/notify/types';
import { message, simTime } from '../helpers/delivery-harness';
import { bodiesReceived, tickRunner, webhookAt } from '../helpers/delivery-ticks';
import { startWebhookServer, type WebhookServer } from '../helpers/webhook-server';

const T0 = Date.parse('2026-11-28T09:00:00Z');
const SECOND = 1_000;

describe('delivery stage: the tick deadline (real local servers)', () => {
  let time: ReturnType<typeof simTime>;
  let server: WebhookServer;

  beforeEach(async () => {
    time = simTime(T0);
    server = await startWebhookServer({ now: time.now });
  });
  afterEach(async () => {
    await server.close();
  });

  it('attempts nothing when the deadline is already near, and queues everything', async () => {
    const run = tickRunner(time, new Map([['hook', webhookAt(server, 'hook')]]));
    const report = await run.tick([message('hook', 1), message('hook', 2)], { budgetMs: 500 });
    expect(server.requests).toEqual([]);
    expect(report.outbox.map((e) => e.attempts)).toEqual([0, 0]);
    expect(report.outbox[0]?.lastError).toMatch(/tick deadline is near/);
  });

  it('stops sending when a slow platform uses up the tick, and queues the rest in order', async () => {
    // Each answer takes 12 s of the tick's 30 s.
    server.setHandler(() => {
      time.advance(12 * SECOND);
      return { status: 200, body: 'ok' };
    });
    const run = tickRunner(time, new Map([['hook', webhookAt(server, 'hook')]]));
    const report = await run.tick(
      [1, 2, 3, 4, 5].map((n) => message('hook', n)),
      { budgetMs: 30 * SECOND },
    );
    expect(report.delivered.map((d) => JSON.parse(d.message.body).n)).toEqual([1, 2, 3]);
    expect(report.outbox.map((e) => JSON.parse(e.message.body).n)).toEqual([4, 5]);
    expect(bodiesReceived(server)).toEqual([1, 2, 3]);

    time.advance(60 * SECOND);
    const next = await run.tick([message('hook', 6)], { budgetMs: 60 * SECOND });
    expect(next.delivered.map((d) => JSON.parse(d.message.body).n)).toEqual([4, 5, 6]);
  });

  it('retries only while the backoff and one more attempt fit before the deadline', async () => {
    server.setHandler(() => ({ status: 503, body: 'busy' }));
    const run = tickRunner(time, new Map([['hook', webhookAt(server, 'hook')]]));
    const report = await run.tick([message('hook', 1)], { budgetMs: 2 * SECOND });
    // Backoff 500 ms (+1 s reserve) fits in 2 s; the next 1 s backoff (+1 s) does not fit in the 1.5 s left.
    expect(time.sleeps).toEqual([500]);
    expect(report.outbox.map((e) => e.attempts)).toEqual([2]);
    expect(time.now() - T0).toBeLessThan(2 * SECOND);
  });

  it('keeps send times only for receivers with a rate limit, and only as long as their window', async () => {
    const receivers = new Map<string, Receiver>([
      ['limited', webhookAt(server, 'limited', { rateLimit: { max: 5, per: '10s' } })],
      ['free', webhookAt(server, 'free')],
    ]);
    const run = tickRunner(time, receivers);
    run.state.sends = { limited: [T0 - 20 * SECOND, T0 - 5 * SECOND], free: [T0 - SECOND], removed: [T0] };
    const report = await run.tick([message('limited', 1), message('free', 2)]);
    expect(report.sends).toEqual({ limited: [T0 - 5 * SECOND, T0] });
  });
});
