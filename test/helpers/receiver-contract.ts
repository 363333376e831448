import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeliveryOutcome, OutgoingMessage, Receiver } from '../../lib/notify/types';
import { createLogger, type Logger } from '../../lib/runtime/logger';
import { sampleNotification } from './sample-notification';
import type { RecordedRequest, TestServerControl } from './webhook-server';

/** Handed to `start`: build the receiver with this logger so the suite can check its log lines for secrets. */
export interface ContractContext {
  logger: Logger;
}

export interface ContractSubject {
  /** A receiver whose URL points at `server`, configured with every secret in `secrets`. */
  receiver: Receiver;
  server: TestServerControl;
  /**
   * Every secret the receiver holds (URL token, signing secret, header values). At least one must travel in the
   * request (URL, header or body) so that the leak checks run with the secret actually present.
   */
  secrets: string[];
  /** The receiver's per-attempt timeout, ms. Configure a short one (e.g. 1000) to keep the suite fast. Default 10 s. */
  timeoutMs?: number;
  /** Body of the platform's success answer (DingTalk `{"errcode":0,"errmsg":"ok"}`, Slack `ok`). Default `ok`. */
  successBody?: string;
  close(): Promise<void>;
}

export interface ContractSetup {
  start(ctx: ContractContext): Promise<ContractSubject>;
}

const DEFAULT_TIMEOUT_MS = 10_000;

function errorTexts(error: unknown, depth = 0): string[] {
  if (!(error instanceof Error) || depth > 5) return [String(error)];
  return [error.message, String(error), error.stack ?? '', ...(error.cause ? errorTexts(error.cause, depth + 1) : [])];
}

/** Every string an outcome exposes to logs, the outbox or a report. */
export function outcomeTexts(outcome: DeliveryOutcome): string[] {
  if (outcome.kind === 'delivered') return [outcome.detail ?? ''];
  return [outcome.reason, ...errorTexts(outcome.error)];
}

function requestTexts(request: RecordedRequest): string {
  return [request.url, ...Object.values(request.headers), request.body].join('\n');
}

/**
 * The behaviour every HTTP receiver shares: classification of status codes and transport failures, one request per
 * `deliver` (receivers never retry), and no secret in outcomes or log lines. Platform body-error tables (DingTalk
 * `errcode`, Feishu `code`, …) belong in each platform's own tests.
 */
export function describeReceiverContract(name: string, setup: ContractSetup): void {
  describe(`receiver contract: ${name}`, () => {
    let subject: ContractSubject;
    let logLines: string[];
    let message: OutgoingMessage;

    const deliver = (signal: AbortSignal = new AbortController().signal) =>
      subject.receiver.deliver(message, { signal, now: new Date() });
    const success = () => subject.successBody ?? 'ok';

    beforeEach(async () => {
      logLines = [];
      const logger = createLogger({ level: 'debug', sink: (line) => logLines.push(line) });
      subject = await setup.start({ logger });
      const messages = subject.receiver.render(sampleNotification(subject.receiver.name));
      expect(messages.length).toBeGreaterThan(0);
      message = messages[0]!;
    });

    afterEach(async () => {
      await subject.close();
    });

    it('renders messages that carry the group and its fingerprints and hold no secret', () => {
      const notification = sampleNotification(subject.receiver.name);
      const messages = subject.receiver.render(notification);
      const carried = new Set(messages.flatMap((m) => m.fingerprints));
      for (const alert of notification.alerts) expect(carried).toContain(alert.fingerprint);
      for (const m of messages) {
        expect(m.receiver).toBe(subject.receiver.name);
        expect(m.groupKey).toBe(notification.groupKey);
        expect(m.body.length).toBeGreaterThan(0);
        expect(m.summary.length).toBeGreaterThan(0);
        for (const secret of subject.secrets) expect(m.body).not.toContain(secret);
      }
    });

    it('2xx with the success body → delivered, with exactly one POST', async () => {
      subject.server.respondNext({ status: 200, body: success() });
      const outcome = await deliver();
      expect(outcome).toMatchObject({ kind: 'delivered' });
      expect(subject.server.requests).toHaveLength(1);
      expect(subject.server.requests[0]?.method).toBe('POST');
    });

    it.each([500, 502, 503])('HTTP %i → retryable server-error, not retried by the receiver', async (status) => {
      subject.server.respondNext({ status, body: 'upstream trouble' });
      const outcome = await deliver();
      expect(outcome).toMatchObject({ kind: 'retryable', reason: 'server-error' });
      expect(subject.server.requests).toHaveLength(1);
    });

    it('HTTP 429 with Retry-After → retryable rate-limited with retryAfterMs', async () => {
      subject.server.respondNext({ status: 429, body: 'rate limited', headers: { 'retry-after': '7' } });
      const outcome = await deliver();
      expect(outcome).toMatchObject({ kind: 'retryable', reason: 'rate-limited', retryAfterMs: 7_000 });
    });

    it.each([401, 403])('HTTP %i → fatal auth', async (status) => {
      subject.server.respondNext({ status, body: 'forbidden' });
      expect(await deliver()).toMatchObject({ kind: 'fatal', reason: 'auth' });
    });

    it('HTTP 400 → fatal', async () => {
      subject.server.respondNext({ status: 400, body: 'bad request' });
      expect(await deliver()).toMatchObject({ kind: 'fatal' });
    });

    it('an answer slower than the receiver timeout → retryable timeout, without waiting for it', async () => {
      const timeoutMs = subject.timeoutMs ?? DEFAULT_TIMEOUT_MS;
      subject.server.respondNext({ status: 200, body: success(), delayMs: timeoutMs + 2_000 });
      const started = performance.now();
      const outcome = await deliver();
      expect(outcome).toMatchObject({ kind: 'retryable', reason: 'timeout' });
      expect(performance.now() - started).toBeLessThan(timeoutMs + 1_500);
    });

    it('an aborted tick signal ends the attempt at once as retryable', async () => {
      subject.server.respondNext({ status: 200, body: success(), delayMs: 5_000 });
      const controller = new AbortController();
      setTimeout(() => controller.abort(new Error('tick deadline')), 100);
      const started = performance.now();
      const outcome = await deliver(controller.signal);
      expect(outcome.kind).toBe('retryable');
      expect(performance.now() - started).toBeLessThan(2_000);
    });

    it('connection refused → retryable network', async () => {
      await subject.server.stop();
      expect(await deliver()).toMatchObject({ kind: 'retryable', reason: 'network' });
    });

    it('no secret appears in outcomes, errors or log lines, even when the platform echoes it', async () => {
      expect(subject.secrets.length).toBeGreaterThan(0);
      const echo = subject.secrets.join(' ');
      const timeoutMs = subject.timeoutMs ?? DEFAULT_TIMEOUT_MS;
      const outcomes: DeliveryOutcome[] = [];
      for (const answer of [
        { status: 200, body: success() },
        { status: 500, body: `internal error for ${echo}` },
        { status: 400, body: `invalid request ${echo}` },
        { status: 401, body: `token ${echo} rejected` },
        { status: 429, body: `slow down ${echo}`, headers: { 'retry-after': '1' } },
        { status: 200, body: success(), delayMs: timeoutMs + 1_000 },
      ]) {
        subject.server.respondNext(answer);
        outcomes.push(await deliver());
      }
      await subject.server.stop();
      outcomes.push(await deliver());

      const sent = subject.server.requests.map(requestTexts).join('\n');
      expect(subject.secrets.some((secret) => sent.includes(secret))).toBe(true);
      const exposed = [...outcomes.flatMap(outcomeTexts), ...logLines].join('\n');
      for (const secret of subject.secrets) {
        expect(exposed).not.toContain(secret);
        expect(exposed).not.toContain(encodeURIComponent(secret));
      }
    });
  });
}
