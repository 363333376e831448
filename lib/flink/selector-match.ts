import type { Requirement, Selector } from './selector-types';

/** Own properties only: a label named `constructor` must not find `Object.prototype.constructor`. */
function labelValue(labels: Record<string, string>, key: string): string | undefined {
  return Object.hasOwn(labels, key) ? labels[key] : undefined;
}

/** Kubernetes semantics: `in` needs the key present; `notin` also matches when the key is absent. */
export function matchesRequirement(requirement: Requirement, labels: Record<string, string>): boolean {
  const value = labelValue(labels, requirement.key);
  switch (requirement.op) {
    case 'in':
      return value !== undefined && requirement.values.includes(value);
    case 'notin':
      return value === undefined || !requirement.values.includes(value);
    case 'exists':
      return value !== undefined;
    case 'notexists':
      return value === undefined;
  }
}

/** True when every requirement holds; the empty selector matches everything. */
export function matchesSelector(selector: Selector, labels: Record<string, string>): boolean {
  for (const requirement of selector.requirements) {
    if (!matchesRequirement(requirement, labels)) return false;
  }
  return true;
}
