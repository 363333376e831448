import type { Labels } from './types';

export type MuteReason = 'silence' | 'maintenance' | 'inhibit';

/**
 * Something that can keep an alert from being notified. Muting never changes an alert's state (it still goes
 * pending → firing → resolved); it only hides the alert from receivers while it applies.
 */
export interface Muter {
  readonly reason: MuteReason;
  /** A human description of what mutes these labels at `now` (epoch ms), or `undefined` when nothing does. */
  mutedBy(labels: Labels, now: number): string | undefined;
}

export interface MuteResult {
  muted: boolean;
  reason?: MuteReason;
  by?: string;
}

/** The first muter (in the order given) that mutes the labels decides the reason. */
export function muteAll(muters: readonly Muter[], labels: Labels, now: number): MuteResult {
  for (const muter of muters) {
    const by = muter.mutedBy(labels, now);
    if (by !== undefined) return { muted: true, reason: muter.reason, by };
  }
  return { muted: false };
}
