import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OutboxEntry, Receiver } from '../../lib/notify/types';
import { message, scriptedReceiver, simTime } from '../helpers/delivery-harness';
import { bodiesReceived, tickRunner, webhookAt } from '../helpers/delivery-ticks';
import { startWebhookServer, type WebhookServer } from '../helpers/webhook-server';

const T0 = Date.parse('2026-11-28T09:00:00Z');
const MINUTE = 60_000;

describe('delivery stage: outbox across ticks (real local servers)', () => {
  let time: ReturnType<typeof simTime>;
  let server: WebhookServer;
  let other: WebhookServer;

  beforeEach(async () => {
    time = simTime(T0);
    server = await startWebhookServer({ now: time.now });
    other = await startWebhookServer({ now: time.now });
  });
  afterEach(async () => {
    await server.close();
    await other.close();
  });

  it('a receiver down for 2 ticks gets every message exactly once, in order, on the 3rd tick', async () => {
    let up = false;
    server.setHandler(() => (up ? { status: 200, body: 'ok' } : { status: 503, body: 'maintenance' }));
    const receivers = new Map<string, Receiver>([['hook', webhookAt(server, 'hook')]]);
    const run = tickRunner(time, receivers);

    // Tick 1: the firing message fails 3 times; the resolve behind it must not overtake it, so it is not tried.
    const first = await run.tick([message('hook', 1), message('hook', 2)]);
    expect(first.delivered).toEqual([]);
    expect(first.outbox.map((e) => [JSON.parse(e.message.body).n, e.attempts])).toEqual([
      [1, 3],
      [2, 0],
    ]);
    expect(first.outbox[0]?.lastError).toMatch(/answered HTTP 503/);
    expect(first.queued).toHaveLength(2);
    expect(bodiesReceived(server)).toEqual([1, 1, 1]);

    // Tick 2: still down; a new message queues behind the old ones.
    time.advance(MINUTE);
    const second = await run.tick([message('hook', 3)]);
    expect(second.outbox.map((e) => [JSON.parse(e.message.body).n, e.attempts])).toEqual([
      [1, 6],
      [2, 0],
      [3, 0],
    ]);
    expect(second.outbox[0]?.firstAttemptAt).toBe(new Date(T0).toISOString());
    expect(second.outbox[0]?.id).toBe(first.outbox[0]?.id);

    // Tick 3: up again: everything goes out once, oldest first, and the outbox empties.
    up = true;
    time.advance(MINUTE);
    server.reset();
    const third = await run.tick([]);
    expect(third.delivered.map((d) => [JSON.parse(d.message.body).n, d.attempts])).toEqual([
      [1, 1],
      [2, 1],
      [3, 1],
    ]);
    expect(third.outbox).toEqual([]);
    expect(bodiesReceived(server)).toEqual([1, 2, 3]);

    // Tick 4: nothing is sent twice.
    time.advance(MINUTE);
    const fourth = await run.tick([]);
    expect(fourth.delivered).toEqual([]);
    expect(bodiesReceived(server)).toEqual([1, 2, 3]);
  });

  it('drops entries older than the maximum age and reports them, without sending them', async () => {
    const receivers = new Map<string, Receiver>([['hook', webhookAt(server, 'hook')]]);
    const run = tickRunner(time, receivers);
    const stale: OutboxEntry = {
      id: 'old',
      message: message('hook', 1),
      attempts: 9,
      firstAttemptAt: new Date(T0 - 3 * 60 * MINUTE).toISOString(),
      lastAttemptAt: new Date(T0 - MINUTE).toISOString(),
      lastError: 'webhook receiver "hook" answered HTTP 503',
    };
    run.state.outbox = [stale];
    const report = await run.tick([message('hook', 2)], { outboxMaxAgeMs: 2 * 60 * MINUTE });
    expect(report.dropped).toEqual([
      {
        entry: stale,
        why: 'undeliverable for 3h (limit 2h, 9 attempt(s)); last error: webhook receiver "hook" answered HTTP 503',
      },
    ]);
    expect(report.outbox).toEqual([]);
    expect(bodiesReceived(server)).toEqual([2]);
  });

  it('drops an entry whose receiver is no longer configured, with the reason', async () => {
    const run = tickRunner(time, new Map([['hook', webhookAt(server, 'hook')]]));
    const orphan: OutboxEntry = {
      id: 'orphan',
      message: message('gone', 1),
      attempts: 1,
      firstAttemptAt: new Date(T0).toISOString(),
      lastAttemptAt: new Date(T0).toISOString(),
      lastError: 'timeout',
    };
    run.state.outbox = [orphan];
    const report = await run.tick([]);
    expect(report.dropped).toEqual([
      { entry: orphan, why: expect.stringMatching(/receiver "gone" is not configured/) },
    ]);
    expect(report.outbox).toEqual([]);
  });

  it('a fatal answer is reported, not retried, not queued, and does not hold back later messages', async () => {
    server.respondNext({ status: 401, body: 'bad token' });
    const run = tickRunner(time, new Map([['hook', webhookAt(server, 'hook')]]));
    const report = await run.tick([message('hook', 1), message('hook', 2)]);
    expect(report.fatal).toEqual([
      { message: message('hook', 1), reason: 'auth', error: expect.stringMatching(/answered HTTP 401/) },
    ]);
    expect(report.delivered.map((d) => d.message)).toEqual([message('hook', 2)]);
    expect(report.outbox).toEqual([]);
    expect(bodiesReceived(server)).toEqual([1, 2]);
    expect(run.logLines.some((l) => l.includes('"level":"error"') && l.includes('not retried'))).toBe(true);

    time.advance(MINUTE);
    await run.tick([]);
    expect(bodiesReceived(server)).toEqual([1, 2]);
  });

  it('a receiver that is down never hides or holds back another receiver', async () => {
    await other.stop();
    const crashing = scriptedReceiver('crashing', [
      () => {
        throw new Error('bug');
      },
    ]);
    const receivers = new Map<string, Receiver>([
      ['down', webhookAt(other, 'down')],
      ['crashing', crashing],
      ['hook', webhookAt(server, 'hook')],
    ]);
    const run = tickRunner(time, receivers);
    const report = await run.tick([message('down', 1), message('crashing', 2), message('hook', 3)]);
    expect(report.delivered.map((d) => d.message.receiver)).toEqual(['hook']);
    expect(report.outbox.map((e) => [e.message.receiver, e.attempts])).toEqual([
      ['down', 3],
      ['crashing', 3],
    ]);
    expect(report.outbox[0]?.lastError).toMatch(/failed: ECONNREFUSED/);
    expect(report.outbox[1]?.lastError).toMatch(/receiver "crashing" failed unexpectedly/);
  });

  it('a message for a receiver that does not exist is reported as fatal', async () => {
    const run = tickRunner(time, new Map([['hook', webhookAt(server, 'hook')]]));
    const report = await run.tick([message('nobody', 1)]);
    expect(report.fatal).toEqual([
      { message: message('nobody', 1), reason: 'other', error: expect.stringMatching(/"nobody" is not configured/) },
    ]);
  });

  it('keeps secrets out of the outbox and the report even when a receiver leaks them', async () => {
    const token = 'robot-token-6d1e2f3a4b';
    const leaky = scriptedReceiver('leaky', [
      {
        kind: 'retryable',
        reason: 'server-error',
        error: new Error(`POST https://oapi.example.test/robot/send?access_token=${token} failed; secret SEC-${token}`),
      },
    ]);
    const run = tickRunner(time, new Map([['leaky', leaky]]), [`SEC-${token}`]);
    const report = await run.tick([message('leaky', 1)]);
    expect(report.outbox).toHaveLength(1);
    expect(JSON.stringify(report)).not.toContain(token);
    expect(run.logLines.join('\n')).not.toContain(token);
  });
});
