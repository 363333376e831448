/** The parts of the Function Compute 3.0 context flink-watch reads. Everything is optional: FC omits what it lacks. */
export interface FcContext {
  requestId?: string;
  /** The function role's STS credentials; `{}` when the function has no role. */
  credentials?: { accessKeyId?: string; accessKeySecret?: string; securityToken?: string };
  function?: { name?: string; timeout?: number; memory?: number };
  region?: string;
}

/** Keep this much of the function's timeout for saving state and answering, so FC never kills a tick mid-save. */
const SAFETY_MARGIN_MS = 5_000;
const MIN_BUDGET_MS = 1_000;

/** The tick's budget: the function's timeout minus a safety margin (10% or 5 s, whichever is larger). */
export function budgetFromContext(context: FcContext | undefined, fallbackMs: number): number {
  const timeoutSeconds = context?.function?.timeout;
  if (typeof timeoutSeconds !== 'number' || !Number.isFinite(timeoutSeconds) || timeoutSeconds <= 0) return fallbackMs;
  const timeoutMs = timeoutSeconds * 1000;
  const margin = Math.max(SAFETY_MARGIN_MS, timeoutMs * 0.1);
  return Math.max(MIN_BUDGET_MS, Math.min(fallbackMs, timeoutMs - margin));
}

/** FC passes `{}` for a function without a role: that is "no credentials", not empty ones. */
export function contextCredentials(context: FcContext | undefined): FcContext['credentials'] | undefined {
  const c = context?.credentials;
  return c?.accessKeyId && c.accessKeySecret ? c : undefined;
}
