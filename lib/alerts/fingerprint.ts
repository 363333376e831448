import { createHash } from 'node:crypto';
import type { Severity } from '../config/types';
import type { Labels } from './types';

/** Label names Alertmanager accepts; others are rejected by its API with a 400. */
export const LABEL_NAME_PATTERN = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** The labels flink-watch itself sets; rule and watch labels can add to them but never replace them. */
export const CORE_LABEL_NAMES = [
  'alertname',
  'watch',
  'deployment',
  'deploymentId',
  'namespace',
  'workspace',
  'severity',
] as const;

export interface DeploymentIdentity {
  name: string;
  deploymentId: string;
  namespace: string;
  workspace: string;
}

export interface IdentityInput {
  /** The rule's name, or a meta-alert's name (`WatchQueryFailing`, …). */
  alertname: string;
  /** The watch's name; omitted only by alerts that belong to no watch (`NotificationUndeliverable`). */
  watch?: string;
  severity: Severity;
  /** Absent for watch-scoped rules and meta-alerts. */
  deployment?: DeploymentIdentity;
  /** Rule labels and watch labels, merged by the caller; the core labels above always win over them. */
  extra?: Labels;
}

/**
 * The labels that identify an alert: rule + watch + deployment. Only stable values belong here; anything that
 * changes from tick to tick (counts, increases) goes into annotations, or every change would start a new alert.
 * Empty values are dropped, as Alertmanager does, because a missing label and an empty one mean the same.
 */
export function identifyingLabels(input: IdentityInput): Labels {
  const core: Labels = { alertname: input.alertname, severity: input.severity };
  if (input.watch !== undefined) core.watch = input.watch;
  if (input.deployment) {
    core.deployment = input.deployment.name;
    core.deploymentId = input.deployment.deploymentId;
    core.namespace = input.deployment.namespace;
    core.workspace = input.deployment.workspace;
  }
  const out: Labels = {};
  for (const [name, value] of Object.entries(input.extra ?? {})) {
    if (value !== '') out[name] = value;
  }
  for (const [name, value] of Object.entries(core)) {
    if (value !== '') out[name] = value;
    else delete out[name];
  }
  return sortLabels(out);
}

/** A copy with names in code-point order, so JSON output and group keys do not depend on insertion order. */
export function sortLabels(labels: Labels): Labels {
  const out: Labels = {};
  for (const name of Object.keys(labels).sort(compareCodePoints)) out[name] = labels[name] ?? '';
  return out;
}

export function compareCodePoints(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * 16 hex characters of SHA-256 over the sorted name/value pairs. JSON encoding keeps the input unambiguous (a value
 * containing `=` or a separator cannot collide with another label set). Empty values are skipped: a missing label
 * and an empty one are the same label set.
 */
export function fingerprint(labels: Labels): string {
  const pairs = Object.keys(labels)
    .sort(compareCodePoints)
    .filter((name) => (labels[name] ?? '') !== '')
    .map((name) => [name, labels[name]]);
  return createHash('sha256').update(JSON.stringify(pairs)).digest('hex').slice(0, 16);
}
