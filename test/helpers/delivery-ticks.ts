import { type DeliveryReport, deliverAll } from '../../lib/notify/deliver';
import type { OutboxEntry, OutgoingMessage, Receiver } from '../../lib/notify/types';
import { createWebhookReceiver } from '../../lib/notify/webhook';
import { createLogger, type Logger } from '../../lib/runtime/logger';
import { idSequence, type SimTime, simDeadline } from './delivery-harness';
import type { WebhookServer } from './webhook-server';

/** What the delivery stage keeps between ticks (`MonitorState.outbox` and `.sends`). */
export interface CarriedState {
  outbox: OutboxEntry[];
  sends: Record<string, number[]>;
}

export interface TickRunner {
  state: CarriedState;
  logLines: string[];
  logger: Logger;
  /** One delivery stage at the simulated `time.now()`; carries the outbox and sends to the next tick. */
  tick(fresh: OutgoingMessage[], options?: { budgetMs?: number; outboxMaxAgeMs?: number }): Promise<DeliveryReport>;
}

export function tickRunner(time: SimTime, receivers: Map<string, Receiver>, secrets: string[] = []): TickRunner {
  const logLines: string[] = [];
  const logger = createLogger({ level: 'debug', sink: (line) => logLines.push(line) });
  const newId = idSequence();
  const runner: TickRunner = {
    state: { outbox: [], sends: {} },
    logLines,
    logger,
    async tick(fresh, options = {}) {
      const report = await deliverAll({
        fresh,
        outbox: runner.state.outbox,
        receivers,
        sends: runner.state.sends,
        now: time.now(),
        clock: time.clock,
        deadline: simDeadline(time.clock, options.budgetMs ?? 30_000),
        sleep: time.sleep,
        logger,
        outboxMaxAgeMs: options.outboxMaxAgeMs ?? 3_600_000,
        random: () => 0.5,
        newId,
        secrets,
      });
      runner.state = { outbox: report.outbox, sends: report.sends };
      return report;
    },
  };
  return runner;
}

/** A webhook receiver posting to `server` (short timeout, optional options such as a rate limit). */
export function webhookAt(server: WebhookServer, name: string, options: Record<string, unknown> = {}): Receiver {
  return createWebhookReceiver(
    {
      name,
      type: 'webhook',
      url: `${server.url}/${name}`,
      sendResolved: true,
      options: { timeout: 2_000, ...options },
    },
    { logger: createLogger({ sink: () => {} }) },
  );
}

/** The `n` field of every request body the server answered, in arrival order. */
export function bodiesReceived(server: WebhookServer): number[] {
  return server.requests.map((r) => (JSON.parse(r.body) as { n: number }).n);
}
