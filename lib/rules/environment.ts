import { Environment } from '@marcbachmann/cel-js';
import { JOB_STATES } from '../flink/types';
import { DeploymentActivation, JobCounts } from './cel-values';
import { deploymentIncreaseIn, receiverIncreaseIn } from './increase-in';
import { DEPLOYMENT_FIELDS, DEPLOYMENT_VARIABLES, INCREASE_IN, type RuleVariable, WATCH_VARIABLES } from './variables';

/** The declared CEL environments, one per rule scope. Building one is costly: do it once per configuration. */
export interface RuleEnvironments {
  deployment: Environment;
  watch: Environment;
}

function fieldsOf(variables: readonly RuleVariable[]): Record<string, string> {
  return Object.fromEntries(variables.map((v) => [v.name, v.type]));
}

function declare(env: Environment, variables: readonly RuleVariable[]): Environment {
  for (const v of variables) env.registerVariable(v.name, v.type, { description: v.description });
  return env;
}

/**
 * Every variable, field and function is declared, so the type checker rejects unknown names, misspelt fields
 * (`increase.faild`) and non-boolean expressions when the configuration loads, not during a tick.
 */
export function createRuleEnvironments(): RuleEnvironments {
  const base = new Environment({ enableOptionalTypes: true })
    .registerType('JobCounts', { ctor: JobCounts, fields: Object.fromEntries(JOB_STATES.map((s) => [s, 'int'])) })
    .registerType('Deployment', { ctor: DeploymentActivation, fields: fieldsOf(DEPLOYMENT_FIELDS) })
    .registerFunction(`Deployment.${INCREASE_IN}(ast): JobCounts`, receiverIncreaseIn, {
      description: 'increase of each count of this deployment over the window, e.g. d.increaseIn("1h").failed',
    });

  const deployment = declare(base.clone(), DEPLOYMENT_VARIABLES).registerFunction(
    `${INCREASE_IN}(ast): JobCounts`,
    deploymentIncreaseIn,
    { description: 'increase of each count over the window, e.g. increaseIn("1h").failed' },
  );
  const watch = declare(base.clone(), WATCH_VARIABLES);
  return { deployment, watch };
}
