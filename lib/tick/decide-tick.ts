import type { AlertRecord } from '../alerts/types';
import { fetchWatches } from '../flink/fetch-watches';
import { planQueries } from '../flink/plan';
import { parseSelector } from '../flink/selector';
import type { WatchResult } from '../flink/types';
import { type DeliveryReport, deliverAll } from '../notify/deliver';
import { allWindowsMs, evaluateRules, maxWindowMs } from '../rules';
import type { RuleRuntimeError } from '../rules/types';
import type { RuleVerdicts } from '../rules/verdicts';
import { redactSecrets } from '../runtime/redact';
import { compactState } from '../state/compact-state';
import type { MonitorState } from '../state/model';
import { type AlertChange, advanceRuleAlerts } from './advance-alerts';
import { loadState } from './load-state';
import { advanceDeliveryMetaAlerts, advanceWatchMetaAlerts } from './meta-step';
import { planAndRender, queuedGroups, type RenderedPlan } from './notify-step';
import { type Observation, observe } from './observe';
import { deliveryProblems, recordLog } from './record-log';
import { summarise } from './summary';
import type { TickDeps, TickOptions, TickSummary } from './types';

/** What a tick saw and decided on the way, for `explain`, the report and tests. */
export interface TickDetails {
  results: Map<string, WatchResult>;
  observation: Observation;
  ruleResults: RuleVerdicts;
  ruleErrors: RuleRuntimeError[];
  changes: AlertChange[];
  rendered: RenderedPlan[];
  deliveries: DeliveryReport[];
}

/** A decided tick: the state to save (and the version it was loaded at), the summary, and the details if asked. */
export interface DecidedTick {
  next: MonitorState;
  loadedVersion: string | null;
  summary: TickSummary;
  details?: TickDetails;
}

const DAY_MS = 86_400_000;

/**
 * Everything of a tick but the lease and the save: load → query → facts → rules → alert transitions → mute → group
 * → decide → deliver (+ outbox) → the next state. Its own function so that, when the caller does not want the
 * details, everything it built is garbage before the state is serialised: at 50 000 deployments the answer, facts and
 * verdicts would otherwise stay alive next to the state's JSON, the tick's highest point of memory.
 */
export async function decideTick(
  deps: TickDeps,
  options: TickOptions,
  context: { now: number; started: number; errors: string[]; warnings: string[] },
): Promise<DecidedTick> {
  const { config, store, clock, logger } = deps;
  const { now, started, errors, warnings } = context;
  const redact = (text: string) => redactSecrets(text, deps.secrets);
  const loaded = await loadState(store, now, warnings);
  const prev = loaded.state;

  const subset = options.watches && options.watches.length > 0 ? new Set(options.watches) : undefined;
  const watches = config.watches
    .filter((w) => !subset || subset.has(w.name))
    .map((w) => ({
      name: w.name,
      workspace: w.workspace,
      namespace: w.namespace,
      selector: parseSelector(w.selector),
    }));
  const plan = planQueries(watches, config.flink.endpoint);
  const results = await fetchWatches({
    plan,
    watches,
    client: deps.client,
    concurrency: config.flink.concurrency,
    deadline: options.deadline,
    logger,
  });
  const okWatches = new Set<string>();
  const failedWatches = new Set<string>();
  for (const [name, result] of results) {
    if (result.ok) okWatches.add(name);
    else {
      failedWatches.add(name);
      errors.push(`watch ${name}: ${redact(result.error.message)}`);
    }
  }

  const windowsMs = allWindowsMs(deps.rules);
  const keepMs = Math.max(maxWindowMs(deps.rules), DAY_MS);
  const observation = observe({ results, histories: prev.deployments, now, windowsMs, keepMs });
  for (const s of observation.skipped) warnings.push(`watch ${s.watch}: skipped ${s.deployment}: ${s.reason}`);
  const evaluation = evaluateRules({
    compiled: deps.rules,
    watches: [...observation.facts].map(([watch, facts]) => ({ watch, facts })),
  });
  for (const e of evaluation.errors) errors.push(`rule ${e.rule} (watch ${e.watch}): ${e.message}`);

  const ruleStep = advanceRuleAlerts({
    config,
    observation,
    ruleResults: evaluation.results,
    okWatches,
    failedWatches,
    previous: prev.alerts,
    now,
  });
  const alerts: Record<string, AlertRecord> = ruleStep.alerts;
  const meta = advanceWatchMetaAlerts({ config, results, health: prev.watches, alerts, redact, now });
  const changes = [...ruleStep.changes, ...meta.changes];

  const notificationLog = { ...prev.notificationLog };
  const generatorURL = config.report.url ? () => config.report.url : undefined;
  const queued = queuedGroups(prev.outbox, now, config.alerting.outboxMaxAgeMs);
  const renderInput = {
    config,
    receivers: deps.receivers,
    now,
    queued,
    ...(generatorURL ? { generatorURL } : {}),
  };
  const rendered: RenderedPlan[] = [planAndRender({ ...renderInput, alerts, notificationLog })];
  const deliveries: DeliveryReport[] = [];
  let outbox = prev.outbox;
  let sends = prev.sends;

  if (!options.dryRun) {
    // Pass 1: the tick's notifications. Pass 2 only when delivery problems raised or cleared a meta-alert, so the
    // other receivers hear about a broken one in the same tick.
    for (let pass = 0; pass < 2; pass += 1) {
      const current = rendered[pass];
      if (!current) break;
      for (const e of current.renderErrors) errors.push(e);
      const report = await deliverAll({
        fresh: current.messages,
        outbox,
        receivers: deps.receivers,
        sends,
        now,
        clock,
        deadline: options.deadline,
        sleep: deps.sleep,
        logger,
        outboxMaxAgeMs: config.alerting.outboxMaxAgeMs,
        newId: deps.newId,
        random: deps.random,
        secrets: deps.secrets,
      });
      deliveries.push(report);
      outbox = report.outbox;
      sends = report.sends;
      recordLog(notificationLog, current, report, now);
      for (const f of report.fatal) errors.push(`receiver ${f.message.receiver}: ${f.reason}: ${f.error}`);
      for (const d of report.dropped)
        errors.push(`receiver ${d.entry.message.receiver}: dropped from the outbox: ${d.why}`);
      const metaChanges = advanceDeliveryMetaAlerts({
        receivers: deps.receivers.keys(),
        problems: deliveryProblems(report),
        deliveredTo: new Set(report.delivered.map((d) => d.message.receiver)),
        alerts,
        now,
      });
      changes.push(...metaChanges);
      if (metaChanges.length === 0 || pass === 1) break;
      rendered.push(planAndRender({ ...renderInput, alerts, notificationLog }));
    }
  } else {
    for (const e of rendered[0]?.renderErrors ?? []) errors.push(e);
  }

  const next = compactState(
    {
      ...prev,
      savedAt: new Date(now).toISOString(),
      deployments: observation.histories,
      alerts,
      notificationLog,
      outbox,
      watches: { ...prev.watches, ...meta.health },
      sends,
    },
    {
      now,
      historyKeepMs: keepMs,
      resolvedRetentionMs: config.alerting.resolvedRetentionMs,
      maxSamplesPerDeployment: 512,
      forgetDeploymentsAfterMs: Math.max(keepMs, 7 * DAY_MS),
      sendsKeepMs: 10 * 60_000,
    },
  );

  const summary = summarise({
    now,
    dryRun: options.dryRun,
    durationMs: clock.now() - started,
    errors,
    warnings,
    apiCalls: plan.calls.length,
    results,
    observation,
    alerts: next.alerts,
    rendered,
    deliveries,
    outbox: next.outbox.length,
  });
  const details: TickDetails | undefined =
    options.details === false
      ? undefined
      : {
          results,
          observation,
          ruleResults: evaluation.results,
          ruleErrors: evaluation.errors,
          changes,
          rendered,
          deliveries,
        };
  return { next, loadedVersion: loaded.version, summary, ...(details ? { details } : {}) };
}
