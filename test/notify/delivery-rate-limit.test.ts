import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Receiver } from '../../lib/notify/types';
import { message, simTime } from '../helpers/delivery-harness';
import { bodiesReceived, tickRunner, webhookAt } from '../helpers/delivery-ticks';
import { startWebhookServer, type WebhookServer } from '../helpers/webhook-server';

const T0 = Date.parse('2026-11-28T09:00:00Z');
const SECOND = 1_000;
const MINUTE = 60_000;

/** The most requests that fell into any window [t, t + windowMs) of the server's receive times. */
function busiestWindow(server: WebhookServer, windowMs: number): number {
  const times = server.requests.map((r) => r.receivedAt);
  return Math.max(0, ...times.map((start) => times.filter((t) => t >= start && t < start + windowMs).length));
}

describe('delivery stage: rate budget and Retry-After (real local servers)', () => {
  let time: ReturnType<typeof simTime>;
  let server: WebhookServer;

  beforeEach(async () => {
    time = simTime(T0);
    server = await startWebhookServer({ now: time.now });
  });
  afterEach(async () => {
    await server.close();
  });

  it.each([15, 40])(
    'a 20/min budget never lets a 21st message into any 60 s window across ticks every %i s, and delivers the rest later in order',
    async (everySeconds) => {
      const receivers = new Map<string, Receiver>([
        ['ding', webhookAt(server, 'ding', { rateLimit: { max: 20, per: '1m' } })],
      ]);
      const run = tickRunner(time, receivers);
      const batches = [
        Array.from({ length: 30 }, (_, i) => message('ding', i + 1)),
        Array.from({ length: 15 }, (_, i) => message('ding', i + 31)),
      ];

      const first = await run.tick(batches[0]!);
      expect(first.delivered).toHaveLength(20);
      // The burst waits in the outbox instead of being thrown at the platform.
      expect(first.outbox).toHaveLength(10);
      expect(first.outbox.every((e) => e.attempts === 0)).toBe(true);
      expect(first.outbox[0]?.notBefore).toBe(new Date(T0 + MINUTE).toISOString());
      expect(first.queued[0]?.why).toMatch(/rate budget exhausted/);
      expect(run.state.sends.ding).toHaveLength(20);

      for (let tick = 1; tick * everySeconds * SECOND <= 4 * MINUTE; tick += 1) {
        time.set(T0 + tick * everySeconds * SECOND);
        await run.tick(batches[tick] ?? []);
        expect(busiestWindow(server, MINUTE)).toBeLessThanOrEqual(20);
      }
      expect(run.state.outbox).toEqual([]);
      expect(bodiesReceived(server)).toEqual(Array.from({ length: 45 }, (_, i) => i + 1));
      expect(busiestWindow(server, MINUTE)).toBe(20);
    },
  );

  it('a failed attempt counts against the budget too; retries stop when the budget is spent', async () => {
    let answered = 0;
    server.setHandler(() => (++answered === 3 ? { status: 503, body: 'busy' } : { status: 200, body: 'ok' }));
    const receivers = new Map<string, Receiver>([
      ['ding', webhookAt(server, 'ding', { rateLimit: { max: 3, per: '1m' } })],
    ]);
    const run = tickRunner(time, receivers);
    const report = await run.tick([message('ding', 1), message('ding', 2), message('ding', 3), message('ding', 4)]);
    expect(report.delivered.map((d) => JSON.parse(d.message.body).n)).toEqual([1, 2]);
    expect(report.outbox.map((e) => [JSON.parse(e.message.body).n, e.attempts])).toEqual([
      [3, 1],
      [4, 0],
    ]);
    expect(server.requests).toHaveLength(3);
  });

  it('honours Retry-After inside the tick when it fits', async () => {
    server.respondNext({ status: 429, body: 'slow down', headers: { 'retry-after': '2' } });
    const run = tickRunner(time, new Map([['hook', webhookAt(server, 'hook')]]));
    const report = await run.tick([message('hook', 1)]);
    expect(report.delivered).toEqual([{ message: message('hook', 1), attempts: 2 }]);
    expect(time.sleeps).toEqual([2 * SECOND]);
    expect(server.requests.map((r) => r.receivedAt - T0)).toEqual([0, 2 * SECOND]);
  });

  it('queues until Retry-After has passed when it does not fit in the tick, and does not try before', async () => {
    server.respondNext({ status: 429, body: 'slow down', headers: { 'retry-after': '120' } });
    const run = tickRunner(time, new Map([['hook', webhookAt(server, 'hook')]]));
    const first = await run.tick([message('hook', 1), message('hook', 2)]);
    expect(first.delivered).toEqual([]);
    expect(first.outbox.map((e) => [e.attempts, e.notBefore])).toEqual([
      [1, new Date(T0 + 2 * MINUTE).toISOString()],
      [0, new Date(T0 + 2 * MINUTE).toISOString()],
    ]);
    expect(time.sleeps).toEqual([]);

    time.set(T0 + MINUTE);
    const early = await run.tick([message('hook', 3)]);
    expect(early.delivered).toEqual([]);
    expect(server.requests).toHaveLength(1);
    expect(early.outbox).toHaveLength(3);

    time.set(T0 + 2 * MINUTE + SECOND);
    const due = await run.tick([]);
    expect(due.delivered.map((d) => JSON.parse(d.message.body).n)).toEqual([1, 2, 3]);
    expect(bodiesReceived(server)).toEqual([1, 1, 2, 3]);
  });
});
