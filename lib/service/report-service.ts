import { selectReportAlerts } from '../report';
import { buildReportModel } from '../report/build-model';
import type { ReportAlert, ReportModel } from '../report/model';
import { createDeadline, type Deadline } from '../runtime/deadline';
import { decodeState } from '../state/decode-state';
import { runTick } from '../tick/run-tick';
import type { TickDeps } from '../tick/types';

/**
 * The report's data: a dry-run tick (live API data, rules and alert decisions as the next tick would make them,
 * nothing sent, nothing saved), turned into the report model. `deadline` is the request's budget (on Function
 * Compute: the function's timeout less a margin); without one, the configured tick timeout applies.
 */
export async function loadReportModel(
  deps: TickDeps,
  options: { watch?: string; now?: number; deadline?: Deadline },
): Promise<ReportModel> {
  const result = await runTick(deps, {
    dryRun: true,
    deadline: options.deadline ?? createDeadline(deps.config.tickTimeoutMs, deps.clock),
    ...(options.watch ? { watches: [options.watch] } : {}),
    ...(options.now !== undefined ? { now: options.now } : {}),
  });
  if (!result.state) throw new Error('the report could not be built: the tick did not produce a state');
  const muted = new Map<string, string>();
  for (const m of result.rendered[0]?.plan.muted ?? []) muted.set(m.fingerprint, `${m.reason}: ${m.by}`);
  return buildReportModel({
    config: deps.config,
    results: result.results,
    state: result.state,
    now: result.now,
    muted,
  });
}

/** Current alerts from the saved state (no API call). */
export async function listReportAlerts(deps: TickDeps, now: number): Promise<ReportAlert[]> {
  const loaded = await deps.store.load();
  const { state } = decodeState(loaded.data, { now });
  return selectReportAlerts({ alerts: state.alerts, watches: new Set(deps.config.watches.map((w) => w.name)), now });
}
