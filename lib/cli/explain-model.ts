import { explainAlert } from '../alerts';
import type { AlertRecord } from '../alerts/types';
import { checkBudget } from '../notify/rate-budget';
import type { Receiver } from '../notify/types';
import type { TickResult } from '../tick/run-tick';

export interface RuleVerdict {
  rule: string;
  value: boolean | 'error' | 'not evaluated';
  alert?: { status: string; lines: string[] };
}

export interface DeploymentExplanation {
  watch: string;
  deployment: string;
  deploymentId: string;
  jobSummary: Record<string, number> | null;
  problem?: string;
  rules: RuleVerdict[];
}

export interface Explanation {
  now: string;
  deployments: DeploymentExplanation[];
  watches: Array<{ watch: string; ok: boolean; error?: string; alerts: Array<{ alertname: string; lines: string[] }> }>;
  receivers: Array<{ receiver: string; budget: string }>;
}

function alertLines(record: AlertRecord, forMs: number, result: TickResult): { status: string; lines: string[] } {
  const plan = result.rendered[0]?.plan;
  if (!plan) return { status: record.status, lines: [record.status] };
  return { status: record.status, lines: explainAlert({ record, forMs, now: result.now, plan }).lines };
}

/**
 * Per deployment: which watch matched it, each rule's value, and why its alert is or is not sent; per watch its
 * query and meta-alerts; per receiver its rate budget. Built from a dry-run tick, so it is exactly what a tick
 * would decide.
 */
export function buildExplanation(
  result: TickResult,
  forMsOf: (rule: string) => number,
  receivers: Map<string, Receiver>,
): Explanation {
  const alerts = Object.values(result.state?.alerts ?? {});
  const byDeployment = new Map<string, AlertRecord[]>();
  for (const a of alerts) {
    const key = `${a.labels.watch}|${a.labels.workspace}/${a.labels.namespace}/${a.labels.deploymentId}`;
    byDeployment.set(key, [...(byDeployment.get(key) ?? []), a]);
  }
  const deployments: DeploymentExplanation[] = [];
  const watches: Explanation['watches'] = [];
  for (const [watch, r] of result.results) {
    const watchAlerts = alerts.filter((a) => a.labels.watch === watch && !a.labels.deploymentId);
    watches.push({
      watch,
      ok: r.ok,
      ...(r.ok ? {} : { error: r.error.message }),
      alerts: watchAlerts.map((a) => ({
        alertname: a.labels.alertname ?? '?',
        ...alertLines(a, forMsOf(a.labels.alertname ?? ''), result),
      })),
    });
    if (!r.ok) continue;
    // One lookup per (deployment, rule): scanning every result for every deployment was quadratic in the fleet.
    const deploymentRules = result.ruleResults.table(watch)?.deploymentRules ?? [];
    for (const d of r.deployments) {
      const key = `${d.workspace}/${d.namespace}/${d.deploymentId}`;
      const own = byDeployment.get(`${watch}|${key}`) ?? [];
      const rules: RuleVerdict[] = [];
      for (const rule of deploymentRules) {
        const value = result.ruleResults.verdict(watch, rule, key);
        if (value === undefined) continue;
        const alert = own.find((a) => a.labels.alertname === rule);
        rules.push({ rule, value, ...(alert ? { alert: alertLines(alert, forMsOf(rule), result) } : {}) });
      }
      if (!d.jobSummary) {
        for (const a of own)
          rules.push({
            rule: a.labels.alertname ?? '?',
            value: 'not evaluated',
            alert: alertLines(a, forMsOf(a.labels.alertname ?? ''), result),
          });
      }
      deployments.push({
        watch,
        deployment: d.name,
        deploymentId: d.deploymentId,
        jobSummary: d.jobSummary,
        ...(d.jobSummaryProblem ? { problem: d.jobSummaryProblem } : {}),
        rules,
      });
    }
  }
  const sends = result.state?.sends ?? {};
  const budgets = [...receivers.values()].map((r) => {
    if (r.rateLimits.length === 0) return { receiver: r.name, budget: 'no rate limit' };
    const verdict = checkBudget(sends[r.name] ?? [], r.rateLimits, result.now);
    return {
      receiver: r.name,
      budget: verdict.ok
        ? 'within its rate budget'
        : `rate budget used up until ${new Date(verdict.retryAt).toISOString()}`,
    };
  });
  return { now: new Date(result.now).toISOString(), deployments, watches, receivers: budgets };
}

export function explanationText(e: Explanation): string {
  const lines: string[] = [`as of ${e.now}`];
  for (const w of e.watches) {
    lines.push('', `watch ${w.watch}: ${w.ok ? 'query ok' : `QUERY FAILED: ${w.error}`}`);
    for (const a of w.alerts) lines.push(`  ${a.alertname}: ${a.lines.join('; ')}`);
    for (const d of e.deployments.filter((x) => x.watch === w.watch)) {
      const counts = d.jobSummary
        ? Object.entries(d.jobSummary)
            .map(([k, v]) => `${k}=${v}`)
            .join(' ')
        : `no usable job summary (${d.problem ?? '?'})`;
      lines.push(`  ${d.deployment} (${d.deploymentId}): ${counts}`);
      if (d.rules.length === 0) lines.push('    no rule applies');
      for (const r of d.rules) {
        const value = r.value === true ? 'true' : r.value === false ? 'false' : r.value;
        lines.push(`    ${r.rule}: ${value}${r.value === false && !r.alert ? ' (no alert)' : ''}`);
        for (const l of r.alert?.lines ?? []) lines.push(`      ${l}`);
      }
    }
  }
  lines.push('', 'receivers:');
  for (const r of e.receivers) lines.push(`  ${r.receiver}: ${r.budget}`);
  return lines.join('\n');
}
