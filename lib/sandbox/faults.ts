/**
 * Failures the sandbox can inject, per request, to exercise a client's retries and error handling:
 * - `throttle`: HTTP 429 (or `httpStatus`, e.g. 400) with the gateway's `Throttling.User` body;
 * - `server-error`: HTTP 503 (or `httpStatus`) with the gateway's `ServiceUnavailable` body;
 * - `latency`: answer normally after `latencyMs` (default 1000);
 * - `malformed-json`: HTTP 200 with a truncated JSON body;
 * - `success-false`: HTTP 200 with `success:false` (`errorCode`/`errorMessage` overridable);
 * - `missing-job-summary`: a normal answer whose deployments carry no `jobSummary`;
 * - `hang`: never answer; the connection is dropped when the client gives up, after 60 s, or on close.
 */
export const FAULT_KINDS = [
  'throttle',
  'server-error',
  'latency',
  'malformed-json',
  'success-false',
  'missing-job-summary',
  'hang',
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface FaultMatch {
  workspace?: string;
  namespace?: string;
  labelKey?: string;
}

export interface FaultRule {
  kind: FaultKind;
  /** Only requests with these values (all given fields must equal); absent matches every request. */
  match?: FaultMatch;
  /** How many matching requests it applies to; default unlimited. */
  times?: number;
  latencyMs?: number;
  /** Overrides the HTTP status of `throttle` and `server-error`. */
  httpStatus?: number;
  /** Overrides the code and message of `throttle`, `server-error` and `success-false`. */
  errorCode?: string;
  errorMessage?: string;
}

export interface FaultTarget {
  workspace: string;
  namespace: string;
  labelKey: string;
}

function matches(match: FaultMatch | undefined, target: FaultTarget): boolean {
  if (!match) return true;
  return (
    (match.workspace === undefined || match.workspace === target.workspace) &&
    (match.namespace === undefined || match.namespace === target.namespace) &&
    (match.labelKey === undefined || match.labelKey === target.labelKey)
  );
}

/** The active rules with their remaining counts. The first matching rule with uses left applies. */
export class FaultBook {
  private readonly entries: Array<{ rule: FaultRule; left: number }>;

  constructor(rules: readonly FaultRule[]) {
    for (const [i, rule] of rules.entries()) {
      if (!FAULT_KINDS.includes(rule.kind)) {
        throw new Error(`faults[${i}].kind: "${String(rule.kind)}" is not one of ${FAULT_KINDS.join(', ')}`);
      }
      if (rule.times !== undefined && !(Number.isInteger(rule.times) && rule.times >= 0)) {
        throw new Error(`faults[${i}].times: must be a whole number ≥ 0 (got ${String(rule.times)})`);
      }
    }
    this.entries = rules.map((rule) => ({ rule: { ...rule }, left: rule.times ?? Number.POSITIVE_INFINITY }));
  }

  /** The fault for this request, if any, using up one of its `times`. */
  take(target: FaultTarget): FaultRule | undefined {
    for (const entry of this.entries) {
      if (entry.left <= 0 || !matches(entry.rule.match, target)) continue;
      entry.left -= 1;
      return entry.rule;
    }
    return undefined;
  }
}
