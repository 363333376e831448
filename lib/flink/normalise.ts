import { readJobSummary } from './normalise-job-summary';
import { readLabels } from './normalise-labels';
import { isRecord, preview, readFlag, readText, readTime } from './normalise-values';
import type { StringPool } from './string-pool';
import type { AnswerEntry, Deployment } from './types';

export interface NormaliseContext {
  /** The call's workspace and namespace, for a deployment whose own fields are empty. */
  workspace: string;
  namespace: string;
  /** Shares the texts many deployments repeat (namespace, engine version, labels); one per answer. */
  pool?: StringPool;
}

/**
 * Turns one element of the answer's `data` into a `Deployment`, tolerating the loose typing real answers have.
 * Only a missing `deploymentId` (nothing to track it by) makes it unusable (its labels are kept for routing); every
 * other oddity becomes a note, and an unusable job summary becomes `jobSummary: null` with `jobSummaryProblem`.
 * Unknown fields are ignored.
 */
export function normaliseDeployment(raw: unknown, context: NormaliseContext): AnswerEntry {
  if (!isRecord(raw)) {
    return { ok: false, skipped: { reason: `the answer carried ${preview(raw)} where a deployment belongs` } };
  }
  const notes: string[] = [];
  const deploymentId = readText(raw.deploymentId, 'deploymentId', notes);
  let name = readText(raw.name, 'name', notes);
  if (deploymentId === '') {
    const reason = `the deployment has no deploymentId (it was ${preview(raw.deploymentId)}), so it cannot be tracked`;
    const labels = readLabels(raw.labels, []);
    return { ok: false, skipped: name === '' ? { reason } : { name, reason }, labels };
  }
  if (name === '') {
    notes.push('name is missing; using the deploymentId');
    name = deploymentId;
  }
  const summary = readJobSummary(raw.jobSummary);
  const { pool } = context;
  const shared = pool ? (text: string) => pool.intern(text) : (text: string) => text;
  const deployment: Deployment = {
    deploymentId,
    name,
    namespace: shared(readText(raw.namespace, 'namespace', notes) || context.namespace),
    workspace: shared(readText(raw.workspace, 'workspace', notes) || context.workspace),
    labels: readLabels(raw.labels, notes, pool),
    executionMode: shared(readText(raw.executionMode, 'executionMode', notes).toUpperCase()),
    engineVersion: shared(readText(raw.engineVersion, 'engineVersion', notes)),
    deploymentHasChanged: readFlag(raw.deploymentHasChanged, 'deploymentHasChanged', notes),
    createdAt: readTime(raw.createdAt, 'createdAt', notes),
    modifiedAt: readTime(raw.modifiedAt, 'modifiedAt', notes),
    jobSummary: 'summary' in summary ? summary.summary : null,
  };
  if ('problem' in summary) deployment.jobSummaryProblem = summary.problem;
  return { ok: true, deployment, notes };
}
