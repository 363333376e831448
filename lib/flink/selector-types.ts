/**
 * One requirement of a Kubernetes label selector. `=`/`==` become `in` with one value and `!=` becomes `notin`
 * with one value, so matching and planning only deal with four operators.
 */
export interface Requirement {
  key: string;
  op: 'in' | 'notin' | 'exists' | 'notexists';
  /** Distinct values in the order written; empty for `exists`/`notexists`. */
  values: string[];
}

/** A parsed selector; requirements are ANDed and kept in the order written (planning depends on that order). */
export interface Selector {
  text: string;
  requirements: Requirement[];
}

/** The part of a selector the API can select by: one label key, any of these values. */
export interface ServerTerm {
  key: string;
  values: string[];
}
