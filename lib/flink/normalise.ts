import { readJobSummary } from './normalise-job-summary';
import { readLabels } from './normalise-labels';
import { isRecord, preview, readFlag, readText, readTime } from './normalise-values';
import type { AnswerEntry, Deployment } from './types';

/**
 * Turns one element of the answer's `data` into a `Deployment`, tolerating the loose typing real answers have.
 * Only a missing `deploymentId` (nothing to track it by) makes it unusable (its labels are kept for routing); every other oddity becomes a note, and an
 * unusable job summary becomes `jobSummary: null` with `jobSummaryProblem`. Unknown fields are ignored.
 */
export function normaliseDeployment(raw: unknown, context: { workspace: string; namespace: string }): AnswerEntry {
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
  const deployment: Deployment = {
    deploymentId,
    name,
    namespace: readText(raw.namespace, 'namespace', notes) || context.namespace,
    workspace: readText(raw.workspace, 'workspace', notes) || context.workspace,
    labels: readLabels(raw.labels, notes),
    executionMode: readText(raw.executionMode, 'executionMode', notes).toUpperCase(),
    engineVersion: readText(raw.engineVersion, 'engineVersion', notes),
    deploymentHasChanged: readFlag(raw.deploymentHasChanged, 'deploymentHasChanged', notes),
    createdAt: readTime(raw.createdAt, 'createdAt', notes),
    modifiedAt: readTime(raw.modifiedAt, 'modifiedAt', notes),
    jobSummary: 'summary' in summary ? summary.summary : null,
  };
  if ('problem' in summary) deployment.jobSummaryProblem = summary.problem;
  return { ok: true, deployment, notes };
}
