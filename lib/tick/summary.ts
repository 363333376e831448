import type { AlertRecord } from '../alerts/types';
import type { WatchResult } from '../flink/types';
import type { DeliveryReport } from '../notify/deliver';
import type { RenderedPlan } from './notify-step';
import type { Observation } from './observe';
import type { TickSummary } from './types';

/** Count what the tick did into the summary `run --json` prints. */
export function summarise(input: {
  now: number;
  dryRun: boolean;
  durationMs: number;
  errors: string[];
  warnings: string[];
  apiCalls?: number;
  results?: Map<string, WatchResult>;
  observation?: Observation;
  alerts?: Record<string, AlertRecord>;
  rendered?: RenderedPlan[];
  deliveries?: DeliveryReport[];
  outbox?: number;
}): TickSummary {
  const results = [...(input.results?.values() ?? [])];
  const alerts = Object.values(input.alerts ?? {});
  const muted = new Set<string>();
  for (const r of input.rendered ?? []) for (const m of r.plan.muted) muted.add(m.fingerprint);
  const deliveries = input.deliveries ?? [];
  const sum = (pick: (d: DeliveryReport) => number) => deliveries.reduce((n, d) => n + pick(d), 0);
  const evaluated = [...(input.observation?.facts.values() ?? [])].reduce((n, f) => n + f.length, 0);
  return {
    now: new Date(input.now).toISOString(),
    dryRun: input.dryRun,
    durationMs: input.durationMs,
    watches: {
      queried: results.length,
      ok: results.filter((r) => r.ok).length,
      failed: results.filter((r) => !r.ok).length,
      apiCalls: input.apiCalls ?? 0,
    },
    deployments: {
      seen: input.observation?.deployments.size ?? 0,
      evaluated,
      skipped: input.observation?.skipped.length ?? 0,
    },
    alerts: {
      pending: alerts.filter((a) => a.status === 'pending').length,
      firing: alerts.filter((a) => a.status === 'firing').length,
      resolved: alerts.filter((a) => a.status === 'resolved').length,
      held: alerts.filter((a) => a.held).length,
      muted: muted.size,
    },
    notifications: {
      planned: (input.rendered ?? []).reduce((n, r) => n + r.messages.length, 0),
      sent: sum((d) => d.delivered.length),
      queued: sum((d) => d.queued.length),
      failed: sum((d) => d.fatal.length),
      dropped: sum((d) => d.dropped.length),
      outbox: input.outbox ?? 0,
    },
    errors: input.errors,
    warnings: input.warnings,
  };
}
