import { describe, expect, it } from 'vitest';
import { ReceiverCrashedError } from '../../lib/notify/errors';
import { deliverWithRetry } from '../../lib/notify/retry-stage';
import type { DeliveryOutcome } from '../../lib/notify/types';
import { createLogger } from '../../lib/runtime/logger';
import { message, scriptedReceiver, simDeadline, simTime } from '../helpers/delivery-harness';

const T0 = Date.parse('2026-11-28T09:00:00Z');
const delivered: DeliveryOutcome = { kind: 'delivered' };
const down = (text = 'answered HTTP 503'): DeliveryOutcome => ({
  kind: 'retryable',
  reason: 'server-error',
  error: new Error(text),
});

function setup(budgetMs = 60_000) {
  const time = simTime(T0);
  const lines: string[] = [];
  const logger = createLogger({ sink: (line) => lines.push(line) });
  const deadline = simDeadline(time.clock, budgetMs);
  const options = { deadline, clock: time.clock, sleep: time.sleep, random: () => 0.5, maxAttempts: 3, logger };
  return { time, lines, deadline, options };
}

describe('deliverWithRetry', () => {
  it('returns at once when the first attempt is delivered', async () => {
    const { time, options } = setup();
    const receiver = scriptedReceiver('r', [delivered]);
    expect(await deliverWithRetry(receiver, message('r', 1), options)).toEqual({ outcome: delivered, attempts: 1 });
    expect(time.sleeps).toEqual([]);
  });

  it('retries retryable outcomes with exponential backoff and full jitter', async () => {
    const { time, options } = setup();
    const receiver = scriptedReceiver('r', [down(), down(), delivered]);
    const result = await deliverWithRetry(receiver, message('r', 1), options);
    expect(result).toEqual({ outcome: delivered, attempts: 3 });
    // random() = 0.5 of ceilings 1 s and 2 s.
    expect(time.sleeps).toEqual([500, 1_000]);
  });

  it('draws each wait in [0, ceiling)', async () => {
    const { time, options } = setup();
    const receiver = scriptedReceiver('r', [down()]);
    await deliverWithRetry(receiver, message('r', 1), { ...options, maxAttempts: 6, random: () => 0.999 });
    expect(time.sleeps).toEqual([999, 1_998, 3_996, 7_992, 9_990]);
  });

  it('never retries a fatal outcome', async () => {
    const { time, options } = setup();
    const fatal: DeliveryOutcome = { kind: 'fatal', reason: 'signature', error: new Error('sign mismatch') };
    const receiver = scriptedReceiver('r', [fatal, delivered]);
    expect(await deliverWithRetry(receiver, message('r', 1), options)).toEqual({ outcome: fatal, attempts: 1 });
    expect(receiver.calls).toHaveLength(1);
    expect(time.sleeps).toEqual([]);
  });

  it('gives up after maxAttempts with the last retryable outcome', async () => {
    const { options } = setup();
    const receiver = scriptedReceiver('r', [down('first'), down('second'), down('third'), delivered]);
    const result = await deliverWithRetry(receiver, message('r', 1), options);
    expect(result.attempts).toBe(3);
    expect(result.outcome).toMatchObject({ kind: 'retryable', error: { message: 'third' } });
  });

  it('waits exactly retryAfterMs when the platform says so', async () => {
    const { time, options } = setup();
    const limited: DeliveryOutcome = {
      kind: 'retryable',
      reason: 'rate-limited',
      retryAfterMs: 7_000,
      error: new Error('HTTP 429'),
    };
    const receiver = scriptedReceiver('r', [limited, delivered]);
    expect(await deliverWithRetry(receiver, message('r', 1), options)).toMatchObject({ attempts: 2 });
    expect(time.sleeps).toEqual([7_000]);
  });

  it('does not sleep past the deadline: it stops and returns the retryable outcome', async () => {
    const { time, options } = setup(5_000);
    const limited: DeliveryOutcome = {
      kind: 'retryable',
      reason: 'rate-limited',
      retryAfterMs: 10_000,
      error: new Error('HTTP 429'),
    };
    const receiver = scriptedReceiver('r', [limited, delivered]);
    const result = await deliverWithRetry(receiver, message('r', 1), options);
    expect(result).toEqual({ outcome: limited, attempts: 1 });
    expect(time.sleeps).toEqual([]);
  });

  it('keeps time for the next attempt: a wait that leaves less than attemptReserveMs is not taken', async () => {
    const { time, options } = setup(1_400);
    const receiver = scriptedReceiver('r', [down(), delivered]);
    // Backoff 500 ms + reserve 1 s > 1.4 s left.
    expect((await deliverWithRetry(receiver, message('r', 1), options)).attempts).toBe(1);
    const roomy = setup(1_600);
    expect(
      (await deliverWithRetry(scriptedReceiver('r', [down(), delivered]), message('r', 1), roomy.options)).attempts,
    ).toBe(2);
    expect(time.sleeps).toEqual([]);
  });

  it('stops when the deadline signal aborts during a wait', async () => {
    const { deadline, options } = setup();
    const receiver = scriptedReceiver('r', [down(), delivered]);
    const sleep = async () => {
      deadline.abort();
      throw new Error('aborted');
    };
    const result = await deliverWithRetry(receiver, message('r', 1), { ...options, sleep });
    expect(result).toMatchObject({ attempts: 1, outcome: { kind: 'retryable' } });
  });

  it('stops when the rate budget (gate) refuses another attempt, and reports every attempt to onAttempt', async () => {
    const { options } = setup();
    const receiver = scriptedReceiver('r', [down(), down(), delivered]);
    let attemptsSeen = 0;
    const result = await deliverWithRetry(receiver, message('r', 1), {
      ...options,
      gate: () => attemptsSeen < 2,
      onAttempt: () => {
        attemptsSeen += 1;
      },
    });
    expect(result).toMatchObject({ attempts: 2, outcome: { kind: 'retryable' } });
    expect(attemptsSeen).toBe(2);
  });

  it('logs a retryable failure once per distinct error', async () => {
    const same = setup();
    await deliverWithRetry(scriptedReceiver('r', [down('boom')]), message('r', 1), same.options);
    expect(same.lines).toHaveLength(1);
    const changing = setup();
    await deliverWithRetry(
      scriptedReceiver('r', [down('boom'), down('bang'), down('bang')]),
      message('r', 1),
      changing.options,
    );
    expect(changing.lines.map((l) => (JSON.parse(l) as { error: string }).error)).toEqual(['boom', 'bang']);
  });

  it('turns a receiver that throws into a retryable outcome with a scrubbed error', async () => {
    const { options } = setup();
    const receiver = scriptedReceiver('r', [
      () => {
        throw new TypeError('cannot read https://oapi.example.test/robot/send?access_token=tok-123456789');
      },
    ]);
    const result = await deliverWithRetry(receiver, message('r', 1), { ...options, maxAttempts: 1 });
    expect(result.outcome).toMatchObject({ kind: 'retryable', reason: 'other' });
    expect(result.outcome.kind === 'retryable' && result.outcome.error).toBeInstanceOf(ReceiverCrashedError);
    expect(JSON.stringify(result.outcome.kind === 'retryable' && result.outcome.error.message)).not.toContain(
      'tok-123456789',
    );
  });
});
