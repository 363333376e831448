import type { Clock } from './clock';

/**
 * The time budget of one tick or request. Every network call gets `signal` and checks `remainingMs()` before a
 * retry, so that a tick ends inside its Function Compute timeout instead of being killed mid-save.
 */
export interface Deadline {
  readonly expiresAt: number;
  readonly signal: AbortSignal;
  remainingMs(): number;
}

export function createDeadline(budgetMs: number, clock: Clock): Deadline {
  const expiresAt = clock.now() + budgetMs;
  const signal = AbortSignal.timeout(Math.max(1, budgetMs));
  return {
    expiresAt,
    signal,
    remainingMs: () => Math.max(0, expiresAt - clock.now()),
  };
}
