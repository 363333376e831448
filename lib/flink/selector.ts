/** Kubernetes label selectors: parse, match, and the one term the API can select by. */

export { SelectorPlanError, SelectorSyntaxError } from './selector-errors';
export { matchesRequirement, matchesSelector } from './selector-match';
export { parseSelector } from './selector-parse';
export { checkSelector, type SelectorCheck, serverTerm } from './selector-term';
export type { Requirement, Selector, ServerTerm } from './selector-types';
