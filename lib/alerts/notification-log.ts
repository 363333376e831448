import type { AlertRecord, NotificationLogEntry } from './types';

/** Key of `MonitorState.notificationLog`: what one receiver was told about one group. */
export function logKey(receiver: string, groupKey: string): string {
  return `${receiver}|${groupKey}`;
}

/**
 * Forget log entries that mention no alert still remembered (all of them resolved and pruned). A group that later
 * fires again then starts a new sequence, exactly as if it had never been notified.
 */
export function pruneNotificationLog(
  log: Record<string, NotificationLogEntry>,
  alerts: Record<string, AlertRecord>,
): Record<string, NotificationLogEntry> {
  const out: Record<string, NotificationLogEntry> = {};
  for (const [key, entry] of Object.entries(log)) {
    if ([...entry.firing, ...entry.resolved].some((fp) => alerts[fp] !== undefined)) out[key] = entry;
  }
  return out;
}
