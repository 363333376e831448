/** The rules area: CEL rule compilation and evaluation, and the per-deployment facts they read. */
export { deploymentActivation, watchActivation } from './activation';
export { DeploymentActivation, JobCounts, type RuleActivation, type WatchActivation } from './cel-values';
export { allWindowsMs, type CompiledRule, compileRules, maxWindowMs } from './compile';
export { createRuleEnvironments, type RuleEnvironments } from './environment';
export { FactsInputError, RuleEvaluationError, WindowDurationError } from './errors';
export { type EvaluateRulesInput, type EvaluateRulesOutput, evaluateRules } from './evaluate';
export { buildDeploymentFacts } from './facts';
export { DEFAULT_MAX_SAMPLES, recordSample } from './history';
export { positiveDelta } from './increase-math';
export type * from './types';
export { DEPLOYMENT_FIELDS, DEPLOYMENT_VARIABLES, INCREASE_IN, type RuleVariable, WATCH_VARIABLES } from './variables';
export {
  decodeVerdict,
  deploymentKeyOf,
  encodeVerdict,
  RuleVerdicts,
  VERDICT_ERROR,
  VERDICT_FALSE,
  VERDICT_TRUE,
  type WatchVerdicts,
} from './verdicts';
export { formatWindow, MAX_WINDOW_MS, parseWindow } from './window';
