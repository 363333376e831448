import { compareCodePoints } from './fingerprint';
import type { Labels } from './types';

/** `groupBy: ['...']` groups by every label: one group per alert, as in Alertmanager. */
export const GROUP_BY_ALL = '...';

/** The labels of `labels` named in `groupBy` (absent ones are left out), sorted by name. */
export function groupLabels(groupBy: readonly string[], labels: Labels): Labels {
  const names = groupBy.includes(GROUP_BY_ALL) ? Object.keys(labels) : groupBy;
  const out: Labels = {};
  for (const name of [...new Set(names)].sort(compareCodePoints)) {
    const value = labels[name];
    if (value !== undefined && value !== '') out[name] = value;
  }
  return out;
}

/**
 * Stable key of one group at one receiver, e.g. `oncall:{alertname="job-failed", watch="payments"}`. Values are
 * JSON-quoted so that no label value can make two groups collide.
 */
export function groupKey(receiver: string, groupBy: readonly string[], labels: Labels): string {
  const parts = Object.entries(groupLabels(groupBy, labels)).map(([name, value]) => `${name}=${JSON.stringify(value)}`);
  return `${receiver}:{${parts.join(', ')}}`;
}

/** The name/value pairs every one of `sets` has (empty for no sets). */
export function commonPairs(sets: readonly Record<string, string>[]): Record<string, string> {
  const [first, ...rest] = sets;
  if (!first) return {};
  const out: Record<string, string> = {};
  for (const name of Object.keys(first).sort(compareCodePoints)) {
    const value = first[name];
    if (value !== undefined && rest.every((s) => s[name] === value)) out[name] = value;
  }
  return out;
}
