import type { DeploymentAtStep } from './scenario-timeline';

export interface RenderOptions {
  ignoreJobSummary: boolean;
  ignoreResourceSetting: boolean;
  /** Leave `jobSummary` out even when asked for (the `missing-job-summary` fault). */
  dropJobSummary?: boolean;
}

const CREATOR = '27846363877456';
const CREATOR_NAME = 'sandbox@streamcompute.onaliyun.com';

/**
 * A deployment in the loose shape the real API answers (see the API page's example): label values keep their
 * YAML type (numbers stay numbers), `createdAt` is epoch seconds as a string with a trailing newline, and the
 * answer carries the bulky settings a client should ask to leave out.
 */
export function renderDeployment(at: DeploymentAtStep, options: RenderOptions): Record<string, unknown> {
  const d = at.deployment;
  const out: Record<string, unknown> = {
    deploymentId: d.id,
    namespace: d.namespace,
    name: d.name,
    engineVersion: d.engineVersion,
    description: '',
    creator: CREATOR,
    creatorName: CREATOR_NAME,
    modifier: CREATOR,
    modifierName: CREATOR_NAME,
    deploymentHasChanged: d.deploymentHasChanged,
    artifact: {
      kind: 'SQLSCRIPT',
      sqlArtifact: {
        sqlScript: `INSERT INTO ${d.name.replace(/[^A-Za-z0-9_]/g, '_')}_sink SELECT * FROM source;`,
        additionalDependencies: [],
      },
    },
    flinkConf: { 'taskmanager.numberOfTaskSlots': '1', 'execution.checkpointing.interval': '180s' },
    logging: { loggingProfile: 'default', log4jLoggers: [{ loggerName: '', loggerLevel: 'INFO' }] },
    deploymentTarget: { mode: 'PER_JOB', name: 'vvp-workload' },
    executionMode: d.executionMode,
    labels: { ...at.labels },
    localVariables: [],
    workspace: d.workspace,
    createdAt: `${d.createdAt}\n`,
    modifiedAt: String(d.createdAt + 336),
    referencedDeploymentDraftId: `${d.id.slice(0, 24)}draft`,
  };
  if (!options.ignoreJobSummary && !options.dropJobSummary) out['jobSummary'] = { ...at.jobSummary };
  if (!options.ignoreResourceSetting) {
    out['streamingResourceSetting'] = {
      resourceSettingMode: 'BASIC',
      basicResourceSetting: {
        parallelism: 2,
        jobmanagerResourceSettingSpec: { cpu: 1, memory: '4 GiB' },
        taskmanagerResourceSettingSpec: { cpu: 2, memory: '8 GiB' },
      },
    };
    out['batchResourceSetting'] = { maxSlot: 10, basicResourceSetting: { parallelism: 4 } };
  }
  return out;
}
