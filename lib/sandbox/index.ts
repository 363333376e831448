export { BUILTIN_SCENARIOS, builtinScenarioPath, loadBuiltinScenario } from './builtin-scenarios';
export { runSandboxFromCli, type SandboxCliOptions } from './cli';
export { SandboxStartError, ScenarioError } from './errors';
export { FAULT_KINDS, type FaultKind, type FaultMatch, type FaultRule } from './faults';
export {
  type LabelValue,
  loadScenarioFile,
  parseScenario,
  type Scenario,
  type ScenarioChange,
  type ScenarioDeployment,
} from './scenario';
export { type DeploymentAtStep, deploymentAtStep, scenarioAtStep } from './scenario-timeline';
export {
  SANDBOX_ACCESS_KEY_ID,
  SANDBOX_ACCESS_KEY_SECRET,
  type Sandbox,
  type SandboxOptions,
  type SandboxRequest,
  startSandbox,
} from './server';
export type { AccessKeyEntry, AccessKeys } from './verify-signature';
