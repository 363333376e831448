import type { RateLimit } from './types';

/**
 * Per-receiver sliding-window rate budget. `sends` are the epoch-ms times of recent attempts to one receiver (kept
 * in `MonitorState.sends` across ticks); a send at `s` occupies every window `[s, s + perMs)`. Pure: callers pass
 * `now`.
 */
export type BudgetDecision = { ok: true } | { ok: false; retryAt: number };

function usable(limit: RateLimit): boolean {
  return Number.isFinite(limit.max) && limit.max >= 1 && Number.isFinite(limit.perMs) && limit.perMs > 0;
}

/**
 * May one more message go out at `now`? When not, `retryAt` is the earliest time every limit has a free slot again
 * (assuming no other send happens before). Sends stamped after `now` (clock skew between ticks) count as in-window,
 * which errs on the side of the platform's limit.
 */
export function checkBudget(sends: readonly number[], limits: readonly RateLimit[], now: number): BudgetDecision {
  let retryAt = now;
  for (const limit of limits) {
    if (!usable(limit)) continue;
    const inWindow = sends.filter((s) => s > now - limit.perMs).sort((a, b) => a - b);
    if (inWindow.length < limit.max) continue;
    // Free a slot once enough of the oldest sends have left the window: the (n - max + 1)-th oldest must leave.
    const blocker = inWindow[inWindow.length - limit.max];
    if (blocker !== undefined) retryAt = Math.max(retryAt, blocker + limit.perMs);
  }
  return retryAt > now ? { ok: false, retryAt } : { ok: true };
}

/** The sends after one more at `now` (sorted, input untouched). */
export function recordSend(sends: readonly number[], now: number): number[] {
  return [...sends, now].sort((a, b) => a - b);
}

/**
 * Forget sends that no window of `keepMs` can still see. Times more than `keepMs` in the future are dropped too: they
 * come from a broken clock and would otherwise block the receiver for as long as the clock was wrong.
 */
export function pruneSends(sends: readonly number[], now: number, keepMs: number): number[] {
  return sends.filter((s) => Number.isFinite(s) && s > now - keepMs && s <= now + keepMs);
}

/** The longest window among `limits` (how long sends must be kept); 0 when there is no usable limit. */
export function longestWindowMs(limits: readonly RateLimit[]): number {
  return limits.filter(usable).reduce((longest, limit) => Math.max(longest, limit.perMs), 0);
}
