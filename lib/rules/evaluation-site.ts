import { DeploymentActivation, type RuleActivation } from './cel-values';
import type { EvaluationSite } from './errors';

/** Rule, watch and deployment of an evaluation, for error messages. */
export function siteOf(rule: string, activation: RuleActivation): EvaluationSite {
  if (activation instanceof DeploymentActivation) {
    return {
      rule,
      watch: activation.watch,
      deploymentId: activation.deploymentId,
      deploymentName: activation.name,
    };
  }
  return { rule, watch: activation.watch };
}

/** A value's CEL type name for "returned X" messages. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'bigint') return `int ${value}`;
  if (typeof value === 'number') return `double ${value}`;
  if (typeof value === 'string') return 'a string';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a map or object';
  return typeof value;
}

/** The library's one-line reason (without its source highlight), with a fix for the common mistakes. */
export function evaluationReason(error: unknown): string {
  if (typeof error !== 'object' || error === null) return String(error);
  const { code, summary, message } = error as { code?: unknown; summary?: unknown; message?: unknown };
  const text = typeof summary === 'string' ? summary : String(message);
  if (code === 'no_such_key') {
    const key = text.replace(/^No such key:\s*/, '');
    return (
      `${text}; this deployment has no "${key}" label or field; guard with has(labels.${key}) or ` +
      `"${key}" in labels, or read it with labels.?${key}.orValue("")`
    );
  }
  return text;
}
