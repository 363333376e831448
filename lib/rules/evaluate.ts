import { deploymentActivation, watchActivation } from './activation';
import type { DeploymentActivation } from './cel-values';
import type { CompiledRule } from './compile';
import { RuleEvaluationError } from './errors';
import type { DeploymentFacts, RuleResult, RuleRuntimeError, WindowedIncreases } from './types';

type Facts = DeploymentFacts & { windows?: WindowedIncreases };

export interface EvaluateRulesInput {
  compiled: readonly CompiledRule[];
  /** Per watch, the facts of its deployments (from `buildDeploymentFacts`, which adds the windows the rules use). */
  watches: ReadonlyArray<{ watch: string; facts: readonly Facts[] }>;
}

export interface EvaluateRulesOutput {
  /**
   * Per watch: for each deployment (in input order) its per-deployment rules (in configuration order), then the
   * watch rules once each.
   */
  results: RuleResult[];
  errors: RuleRuntimeError[];
}

function appliesTo(rule: CompiledRule, watch: string): boolean {
  return rule.config.watches.length === 0 || rule.config.watches.includes(watch);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Evaluate every rule for every watch: per-deployment rules once per deployment, watch rules (`scope: watch`) once
 * per watch with `deployments`. A rule restricted with `watches` runs only for those. One failing evaluation gives
 * `holds: 'error'` and a runtime error for that pair; every other evaluation still happens.
 */
export function evaluateRules(input: EvaluateRulesInput): EvaluateRulesOutput {
  const plans = input.watches.map(({ watch, facts }) => {
    const rules = input.compiled.filter((rule) => appliesTo(rule, watch));
    return {
      watch,
      facts,
      deploymentRules: rules.filter((rule) => rule.config.scope !== 'watch'),
      watchRules: rules.filter((rule) => rule.config.scope === 'watch'),
    };
  });
  // The size is known up front; one allocation instead of repeated growth matters at a million results.
  let total = 0;
  for (const plan of plans) total += plan.facts.length * plan.deploymentRules.length + plan.watchRules.length;
  const results = new Array<RuleResult>(total);
  const errors: RuleRuntimeError[] = [];
  let next = 0;

  for (const { watch, facts, deploymentRules, watchRules } of plans) {
    if (deploymentRules.length === 0 && watchRules.length === 0) continue;
    // Kept only for watch rules: otherwise each activation dies young, right after its deployment's rules.
    const keepActivations = watchRules.length > 0;
    const activations: DeploymentActivation[] = [];
    for (const fact of facts) {
      const deploymentKey = `${fact.workspace}/${fact.namespace}/${fact.deploymentId}`;
      let activation: DeploymentActivation;
      try {
        activation = deploymentActivation(fact);
      } catch (error) {
        // A fact that cannot become an activation (a count that is not a whole number) fails its own rules only.
        for (const rule of deploymentRules) {
          const message = new RuleEvaluationError(
            { rule: rule.config.name, watch, deploymentId: fact.deploymentId, deploymentName: fact.name },
            `its facts cannot be used: ${messageOf(error)}`,
            error,
          ).message;
          results[next++] = { rule: rule.config.name, watch, scope: 'deployment', deploymentKey, holds: 'error' };
          errors.push({ rule: rule.config.name, watch, deploymentId: fact.deploymentId, deploymentKey, message });
        }
        continue;
      }
      if (keepActivations) activations.push(activation);
      for (const rule of deploymentRules) {
        let holds: boolean | 'error';
        try {
          holds = rule.evaluate(activation);
        } catch (error) {
          holds = 'error';
          errors.push({
            rule: rule.config.name,
            watch,
            deploymentId: fact.deploymentId,
            deploymentKey,
            message: messageOf(error),
          });
        }
        results[next++] = { rule: rule.config.name, watch, scope: 'deployment', deploymentKey, holds };
      }
    }

    if (watchRules.length === 0) continue;
    const fleet = watchActivation(watch, activations);
    for (const rule of watchRules) {
      let holds: boolean | 'error';
      try {
        holds = rule.evaluate(fleet);
      } catch (error) {
        holds = 'error';
        errors.push({ rule: rule.config.name, watch, message: messageOf(error) });
      }
      results[next++] = { rule: rule.config.name, watch, scope: 'watch', holds };
    }
  }
  return { results, errors };
}
