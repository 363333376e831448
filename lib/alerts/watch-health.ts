import type { WatchHealth } from './types';

export type WatchQueryOutcome = { ok: true; count: number } | { ok: false; error: string };

/**
 * Fold one query outcome of a watch into its health. A success clears the failure streak and the last error; a
 * failure keeps the last good count and time, so `WatchEmpty` is not decided from a failed query.
 * `error` must already be redacted (it is shown in messages).
 */
export function updateWatchHealth(prev: WatchHealth | undefined, outcome: WatchQueryOutcome, now: number): WatchHealth {
  if (outcome.ok) {
    return { consecutiveFailures: 0, lastOkAt: new Date(now).toISOString(), lastCount: outcome.count };
  }
  const next: WatchHealth = { consecutiveFailures: (prev?.consecutiveFailures ?? 0) + 1, lastError: outcome.error };
  if (prev?.lastOkAt !== undefined) next.lastOkAt = prev.lastOkAt;
  if (prev?.lastCount !== undefined) next.lastCount = prev.lastCount;
  return next;
}
