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
  const results: RuleResult[] = [];
  const errors: RuleRuntimeError[] = [];

  for (const { watch, facts } of input.watches) {
    const rules = input.compiled.filter((rule) => appliesTo(rule, watch));
    const deploymentRules = rules.filter((rule) => rule.config.scope !== 'watch');
    const watchRules = rules.filter((rule) => rule.config.scope === 'watch');
    if (rules.length === 0) continue;

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
          results.push({ rule: rule.config.name, watch, scope: 'deployment', deploymentKey, holds: 'error' });
          errors.push({ rule: rule.config.name, watch, deploymentId: fact.deploymentId, deploymentKey, message });
        }
        continue;
      }
      activations.push(activation);
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
        results.push({ rule: rule.config.name, watch, scope: 'deployment', deploymentKey, holds });
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
      results.push({ rule: rule.config.name, watch, scope: 'watch', holds });
    }
  }
  return { results, errors };
}
