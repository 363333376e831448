/** One variable a rule expression can use. */
export interface RuleVariable {
  name: string;
  /** CEL type as the library spells it. */
  type: string;
  description: string;
}

const COUNT_DESCRIPTION = 'current count of the deployment jobs in this state, kept over its history';

/** The fields of one deployment (CEL type `Deployment`): `deployment.<field>`, and `d.<field>` in watch rules. */
export const DEPLOYMENT_FIELDS: readonly RuleVariable[] = [
  { name: 'name', type: 'string', description: 'deployment name' },
  { name: 'deploymentId', type: 'string', description: 'deployment id' },
  { name: 'namespace', type: 'string', description: 'namespace of the deployment' },
  { name: 'workspace', type: 'string', description: 'workspace id of the deployment' },
  { name: 'watch', type: 'string', description: 'name of the watch that selected the deployment' },
  { name: 'labels', type: 'map<string, string>', description: 'deployment labels (values as strings)' },
  { name: 'executionMode', type: 'string', description: '"STREAMING", "BATCH", or "" when unknown' },
  { name: 'engineVersion', type: 'string', description: 'Flink engine version, e.g. "vvr-8.0.9-flink-1.17"' },
  { name: 'deploymentHasChanged', type: 'bool', description: 'the deployment was changed and not yet restarted' },
  { name: 'starting', type: 'int', description: COUNT_DESCRIPTION },
  { name: 'running', type: 'int', description: COUNT_DESCRIPTION },
  { name: 'cancelling', type: 'int', description: COUNT_DESCRIPTION },
  { name: 'cancelled', type: 'int', description: COUNT_DESCRIPTION },
  { name: 'finished', type: 'int', description: COUNT_DESCRIPTION },
  { name: 'failed', type: 'int', description: COUNT_DESCRIPTION },
  {
    name: 'increase',
    type: 'JobCounts',
    description: 'increase of each count since the previous check (a count that went down counts 0)',
  },
  { name: 'firstSeen', type: 'bool', description: 'first observation of the deployment: no previous check' },
];

/** Words CEL reserves: they cannot name a variable, but they can name a field (`deployment.namespace`). */
const CEL_RESERVED_WORDS = new Set(['namespace', 'package', 'function', 'import', 'let', 'var', 'void', 'loop']);

/**
 * The variables of a `scope: deployment` rule: every field of the deployment by its own name, except `namespace`,
 * which CEL reserves and is read as `deployment.namespace`.
 */
export const DEPLOYMENT_VARIABLES: readonly RuleVariable[] = [
  ...DEPLOYMENT_FIELDS.filter((field) => !CEL_RESERVED_WORDS.has(field.name)),
  {
    name: 'deployment',
    type: 'Deployment',
    description: 'the deployment itself, with every field above; deployment.namespace reads the namespace',
  },
];

/** The variables of a `scope: watch` rule. */
export const WATCH_VARIABLES: readonly RuleVariable[] = [
  { name: 'watch', type: 'string', description: 'name of the watch' },
  { name: 'deployments', type: 'list<Deployment>', description: 'the deployments the watch selected' },
];

/** Name of the windowed-increase function (`increaseIn("1h")`, `d.increaseIn("1h")`). */
export const INCREASE_IN = 'increaseIn';
