import type { RuleConfig } from '../config/types';
import { JOB_STATES } from '../flink/types';
import type { Facts } from './observe';

/** Fill `{{ name }}`-style placeholders of a rule's summary/description from the deployment's facts. */
function fill(template: string, facts: Facts | undefined, watch: string): string {
  return template.replace(/\{\{\s*([a-zA-Z_][\w.]*)\s*\}\}/g, (whole, path: string) => {
    if (path === 'watch') return watch;
    if (!facts) return whole;
    let value: unknown = facts;
    for (const part of path.split('.')) {
      value = value && typeof value === 'object' ? (value as Record<string, unknown>)[part] : undefined;
    }
    return value === undefined || value === null ? whole : String(value);
  });
}

/**
 * Volatile values go in annotations, never in labels, so an alert keeps its identity while counts change
 * (Alertmanager's convention; changing labels would make a new alert every tick).
 */
export function deploymentAnnotations(rule: RuleConfig, facts: Facts, watch: string): Record<string, string> {
  const counts = JOB_STATES.map((s) => `${s}=${facts[s]}`).join(' ');
  const increases = JOB_STATES.filter((s) => facts.increase[s] > 0)
    .map((s) => `${s}+${facts.increase[s]}`)
    .join(' ');
  const out: Record<string, string> = {
    summary: rule.summary ? fill(rule.summary, facts, watch) : `${rule.name}: ${facts.name}`,
    expression: rule.when,
    jobSummary: counts,
    executionMode: facts.executionMode,
  };
  if (increases) out.increase = increases;
  if (rule.description) out.description = fill(rule.description, facts, watch);
  return out;
}

export function watchAnnotations(rule: RuleConfig, watch: string, deploymentCount: number): Record<string, string> {
  const out: Record<string, string> = {
    summary: rule.summary ? fill(rule.summary, undefined, watch) : `${rule.name}: watch ${watch}`,
    expression: rule.when,
    deployments: String(deploymentCount),
  };
  if (rule.description) out.description = fill(rule.description, undefined, watch);
  return out;
}
