import { deliverAll } from '../notify/deliver';
import type { OutgoingMessage } from '../notify/types';
import { renderMarkdown } from '../report/render-markdown';
import { summariseReport } from '../report/report-summary';
import type { Deadline } from '../runtime/deadline';
import { decodeState } from '../state/decode-state';
import type { TickDeps } from '../tick/types';
import { loadReportModel } from './report-service';

export interface DigestResult {
  sent: number;
  queued: number;
  failed: number;
  /** Receivers that cannot show a digest (e.g. Alertmanager). */
  unsupported: string[];
  skipped?: string;
}

/**
 * Push a digest of the report to every receiver that can show one. Delivery goes through the same stage as
 * alerts (rate budget, retries, outbox), under the state lease, so a digest never overtakes the budget of a
 * robot that is also paging people.
 */
export async function runDigest(deps: TickDeps, options: { deadline: Deadline; now?: number }): Promise<DigestResult> {
  const now = options.now ?? deps.clock.now();
  const model = await loadReportModel(deps, { now, deadline: options.deadline });
  const reportUrl = deps.config.report.url;
  const markdown = renderMarkdown(model, reportUrl ? { reportUrl } : {});
  const counts = summariseReport(model);
  const digest = {
    title: `${model.title}: digest`,
    markdown,
    counts: { firing: counts.firing, watches: counts.watches },
    now: new Date(now).toISOString(),
    ...(reportUrl ? { reportUrl } : {}),
  };
  const messages: OutgoingMessage[] = [];
  const unsupported: string[] = [];
  for (const receiver of deps.receivers.values()) {
    if (receiver.renderDigest) messages.push(...receiver.renderDigest(digest));
    else unsupported.push(receiver.name);
  }
  const lease = await deps.store.acquire(deps.newId(), options.deadline.remainingMs() + 30_000, deps.clock.now());
  if (!lease) return { sent: 0, queued: 0, failed: 0, unsupported, skipped: 'another tick holds the state lease' };
  try {
    const loaded = await deps.store.load();
    const { state } = decodeState(loaded.data, { now });
    const report = await deliverAll({
      fresh: messages,
      outbox: state.outbox,
      receivers: deps.receivers,
      sends: state.sends,
      now,
      clock: deps.clock,
      deadline: options.deadline,
      sleep: deps.sleep,
      logger: deps.logger,
      outboxMaxAgeMs: deps.config.alerting.outboxMaxAgeMs,
      newId: deps.newId,
      random: deps.random,
      secrets: deps.secrets,
    });
    await deps.store.save({ ...state, outbox: report.outbox, sends: report.sends }, loaded.version);
    const fresh = new Set(messages);
    return {
      sent: report.delivered.filter((d) => fresh.has(d.message)).length,
      queued: report.queued.filter((q) => fresh.has(q.message)).length,
      failed: report.fatal.filter((f) => fresh.has(f.message)).length,
      unsupported,
    };
  } finally {
    await deps.store.release(lease).catch(() => undefined);
  }
}
