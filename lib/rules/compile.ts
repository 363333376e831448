import type { Environment } from '@marcbachmann/cel-js';
import type { RuleConfig } from '../config/types';
import { DeploymentActivation, type RuleActivation } from './cel-values';
import { createRuleEnvironments, type RuleEnvironments } from './environment';
import { RuleEvaluationError } from './errors';
import { describeValue, evaluationReason, siteOf } from './evaluation-site';
import { expressionWindows } from './expression-windows';
import { problemFromCelError, ruleProblem } from './problems';
import type { RuleProblem } from './types';

/** A rule ready to evaluate, compiled once when the configuration loads. */
export interface CompiledRule {
  config: RuleConfig;
  /** The windows (ms, ascending) the expression's `increaseIn("…")` calls use. */
  windowsMs: number[];
  /**
   * Evaluate against a deployment activation (scope `deployment`) or a watch activation (scope `watch`); build them
   * with `deploymentActivation` / `watchActivation`. Throws `RuleEvaluationError` (naming the rule and the
   * deployment) when the expression fails or does not return a bool.
   */
  evaluate(activation: RuleActivation): boolean;
}

type Evaluate = (activation: RuleActivation) => unknown;

function compileOne(
  rule: RuleConfig,
  index: number,
  env: Environment,
): { compiled: CompiledRule } | { problem: RuleProblem } {
  if (typeof rule.when !== 'string' || rule.when.trim() === '') {
    return {
      problem: ruleProblem(rule, index, 'when', 'the expression is empty: write a CEL condition such as running < 1'),
    };
  }
  let parsed: ReturnType<Environment['parse']>;
  try {
    parsed = env.parse(rule.when);
  } catch (error) {
    return { problem: problemFromCelError(rule, index, error) };
  }
  const checked = parsed.check();
  if (!checked.valid) return { problem: problemFromCelError(rule, index, checked.error) };
  if (checked.type !== 'bool' && checked.type !== 'dyn') {
    const message = `the expression returns ${checked.type}, but a rule must return bool (true = the condition holds)`;
    return { problem: ruleProblem(rule, index, 'when', message) };
  }
  const run: Evaluate = parsed;
  const isDeploymentRule = rule.scope !== 'watch';
  const evaluate = (activation: RuleActivation): boolean => {
    if (isDeploymentRule !== activation instanceof DeploymentActivation) {
      throw new RuleEvaluationError(siteOf(rule.name, activation), `a ${rule.scope} rule got the wrong activation`);
    }
    let value: unknown;
    try {
      value = run(activation);
    } catch (error) {
      throw new RuleEvaluationError(siteOf(rule.name, activation), evaluationReason(error), error);
    }
    if (value === true || value === false) return value;
    throw new RuleEvaluationError(
      siteOf(rule.name, activation),
      `the expression returned ${describeValue(value)}, but a rule must return true or false`,
    );
  };
  return { compiled: { config: rule, windowsMs: expressionWindows(parsed.ast), evaluate } };
}

/**
 * Compile every rule once, when the configuration loads. A rule with a problem (syntax error with its position,
 * unknown variable or function, misspelt field, non-boolean result, bad window literal) is left out of `compiled` and
 * reported in `problems`; the others compile regardless.
 */
export function compileRules(
  rules: readonly RuleConfig[],
  environments: RuleEnvironments = createRuleEnvironments(),
): { compiled: CompiledRule[]; problems: RuleProblem[] } {
  const compiled: CompiledRule[] = [];
  const problems: RuleProblem[] = [];
  rules.forEach((rule, index) => {
    const env = rule.scope === 'watch' ? environments.watch : environments.deployment;
    const outcome = compileOne(rule, index, env);
    if ('problem' in outcome) problems.push(outcome.problem);
    else compiled.push(outcome.compiled);
  });
  return { compiled, problems };
}

/** Every window the compiled rules use (ms, ascending, unique): pass it to `buildDeploymentFacts`. */
export function allWindowsMs(compiled: readonly CompiledRule[]): number[] {
  const all = new Set<number>();
  for (const rule of compiled) for (const ms of rule.windowsMs) all.add(ms);
  return [...all].sort((a, b) => a - b);
}

/** The longest window any rule uses, 0 when none: pass it as `keepMs` to `recordSample` to bound the history. */
export function maxWindowMs(compiled: readonly CompiledRule[]): number {
  let max = 0;
  for (const rule of compiled) for (const ms of rule.windowsMs) if (ms > max) max = ms;
  return max;
}
