import type { Labels } from '../../alerts/types';

const PLACEHOLDER = /\{(workspace|namespace|deploymentId|region)\}/g;

/**
 * The Flink console link of an alert's deployment, from `report.consoleUrlTemplate`. Undefined when there is no
 * template or the alert lacks a value the template needs (meta-alerts such as `WatchQueryFailing` have no deployment).
 */
export function consoleUrl(
  template: string | undefined,
  labels: Labels,
  region: string | undefined,
): string | undefined {
  if (!template) return undefined;
  const values: Record<string, string | undefined> = {
    workspace: labels.workspace,
    namespace: labels.namespace,
    deploymentId: labels.deploymentId,
    region: region ?? labels.region,
  };
  let missing = false;
  const url = template.replace(PLACEHOLDER, (_m, key: string) => {
    const value = values[key];
    if (!value) missing = true;
    return encodeURIComponent(value ?? '');
  });
  return missing ? undefined : url;
}

/** True for an absolute http(s) URL (what links in messages and Alertmanager's `generatorURL` need). */
export function isAbsoluteHttpUrl(value: string | undefined): value is string {
  if (!value) return false;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}
