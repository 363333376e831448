import { SelectorPlanError } from './selector-errors';
import { serverTerm } from './selector-term';
import type { Selector } from './selector-types';
import type { LabelQuery } from './types';

/** A watch as planning and fetching see it: its selector already parsed. */
export interface PlannedWatch {
  name: string;
  workspace: string;
  namespace: string;
  selector: Selector;
}

export interface PlannedCall {
  query: LabelQuery;
  /** Names of the watches this call answers, sorted. */
  watches: string[];
}

export interface QueryPlan {
  calls: PlannedCall[];
}

function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareQueries(a: LabelQuery, b: LabelQuery): number {
  return (
    byCodeUnits(a.endpoint, b.endpoint) ||
    byCodeUnits(a.workspace, b.workspace) ||
    byCodeUnits(a.namespace, b.namespace) ||
    byCodeUnits(a.labelKey, b.labelKey)
  );
}

/**
 * One call per (endpoint, workspace, namespace, server label key), asking for the sorted union of the values of
 * every watch in the group: the API ORs values, and each watch's full selector is applied to the answer later.
 * Output order does not depend on input order. Throws `SelectorPlanError` naming the watch whose selector has no
 * term the API can select by, or a watch name used twice.
 */
export function planQueries(watches: readonly PlannedWatch[], endpoint: string): QueryPlan {
  const groups = new Map<string, { query: LabelQuery; values: Set<string>; watches: string[] }>();
  const seen = new Set<string>();
  for (const watch of watches) {
    if (seen.has(watch.name)) throw new SelectorPlanError('the watch name is used twice', { watch: watch.name });
    seen.add(watch.name);
    let term: ReturnType<typeof serverTerm>;
    try {
      term = serverTerm(watch.selector);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      throw new SelectorPlanError(message, { watch: watch.name, cause: err });
    }
    // JSON of the tuple keeps the group key unambiguous whatever characters the parts contain.
    const groupKey = JSON.stringify([endpoint, watch.workspace, watch.namespace, term.key]);
    let group = groups.get(groupKey);
    if (group === undefined) {
      const query = { endpoint, workspace: watch.workspace, namespace: watch.namespace, labelKey: term.key };
      group = { query: { ...query, labelValues: [] }, values: new Set(), watches: [] };
      groups.set(groupKey, group);
    }
    for (const value of term.values) group.values.add(value);
    group.watches.push(watch.name);
  }
  const calls = [...groups.values()].map((group) => ({
    query: { ...group.query, labelValues: [...group.values].sort(byCodeUnits) },
    watches: [...group.watches].sort(byCodeUnits),
  }));
  return { calls: calls.sort((a, b) => compareQueries(a.query, b.query)) };
}
