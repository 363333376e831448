import { deploymentActivation, watchActivation } from './activation';
import type { DeploymentActivation } from './cel-values';
import type { CompiledRule } from './compile';
import { RuleEvaluationError } from './errors';
import type { DeploymentFacts, RuleRuntimeError, WindowedIncreases } from './types';
import {
  deploymentKeyOf,
  RuleVerdicts,
  VERDICT_ERROR,
  VERDICT_FALSE,
  VERDICT_TRUE,
  type WatchVerdicts,
} from './verdicts';

type Facts = DeploymentFacts & { windows?: WindowedIncreases };

export interface EvaluateRulesInput {
  compiled: readonly CompiledRule[];
  /** Per watch, the facts of its deployments (from `buildDeploymentFacts`, which adds the windows the rules use). */
  watches: ReadonlyArray<{ watch: string; facts: readonly Facts[] }>;
}

export interface EvaluateRulesOutput {
  /**
   * One verdict per evaluation. Iterated: per watch, for each deployment (in input order) its per-deployment rules
   * (in configuration order), then the watch rules once each.
   */
  results: RuleVerdicts;
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
  const errors: RuleRuntimeError[] = [];
  const tables = input.watches.map(({ watch, facts }): WatchVerdicts => {
    const rules = input.compiled.filter((rule) => appliesTo(rule, watch));
    const deploymentRules = rules.filter((rule) => rule.config.scope !== 'watch');
    const watchRules = rules.filter((rule) => rule.config.scope === 'watch');
    const deploymentVerdicts = new Uint8Array(facts.length * deploymentRules.length);
    const watchVerdicts = new Uint8Array(watchRules.length);
    if (deploymentRules.length > 0 || watchRules.length > 0) {
      evaluateWatch({ watch, facts, deploymentRules, watchRules, deploymentVerdicts, watchVerdicts, errors });
    }
    return {
      watch,
      facts,
      deploymentRules: deploymentRules.map((rule) => rule.config.name),
      watchRules: watchRules.map((rule) => rule.config.name),
      deploymentVerdicts,
      watchVerdicts,
    };
  });
  return { results: new RuleVerdicts(tables), errors };
}

function evaluateWatch(input: {
  watch: string;
  facts: readonly Facts[];
  deploymentRules: readonly CompiledRule[];
  watchRules: readonly CompiledRule[];
  deploymentVerdicts: Uint8Array;
  watchVerdicts: Uint8Array;
  errors: RuleRuntimeError[];
}): void {
  const { watch, facts, deploymentRules, watchRules, deploymentVerdicts, watchVerdicts, errors } = input;
  // Kept only for watch rules: otherwise each activation dies young, right after its deployment's rules.
  const keepActivations = watchRules.length > 0;
  const activations: DeploymentActivation[] = [];
  let next = 0;
  for (const fact of facts) {
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
        deploymentVerdicts[next++] = VERDICT_ERROR;
        const deploymentKey = deploymentKeyOf(fact);
        errors.push({ rule: rule.config.name, watch, deploymentId: fact.deploymentId, deploymentKey, message });
      }
      continue;
    }
    if (keepActivations) activations.push(activation);
    for (const rule of deploymentRules) {
      let verdict: number;
      try {
        verdict = rule.evaluate(activation) ? VERDICT_TRUE : VERDICT_FALSE;
      } catch (error) {
        verdict = VERDICT_ERROR;
        errors.push({
          rule: rule.config.name,
          watch,
          deploymentId: fact.deploymentId,
          deploymentKey: deploymentKeyOf(fact),
          message: messageOf(error),
        });
      }
      deploymentVerdicts[next++] = verdict;
    }
  }

  if (watchRules.length === 0) return;
  const fleet = watchActivation(watch, activations);
  watchRules.forEach((rule, col) => {
    try {
      watchVerdicts[col] = rule.evaluate(fleet) ? VERDICT_TRUE : VERDICT_FALSE;
    } catch (error) {
      watchVerdicts[col] = VERDICT_ERROR;
      errors.push({ rule: rule.config.name, watch, message: messageOf(error) });
    }
  });
}
