import type { AlertRecord, NotificationLogEntry, WatchHealth } from '../alerts/types';
import type { OutboxEntry } from '../notify/types';
import type { DeploymentHistory } from '../rules/types';

export const STATE_FORMAT_VERSION = 1;

/** Everything flink-watch remembers between ticks. Saved as one JSON document by a `StateStore`. */
export interface MonitorState {
  formatVersion: typeof STATE_FORMAT_VERSION;
  /** ISO time of the tick that saved it. */
  savedAt: string;
  /** Key: `workspace/namespace/deploymentId`. */
  deployments: Record<string, DeploymentHistory>;
  /** Key: alert fingerprint. */
  alerts: Record<string, AlertRecord>;
  /** Key: `receiver|groupKey`. */
  notificationLog: Record<string, NotificationLogEntry>;
  outbox: OutboxEntry[];
  /** Key: watch name. */
  watches: Record<string, WatchHealth>;
  /** Key: receiver name; epoch ms of recent sends, for the per-receiver rate budget. */
  sends: Record<string, number[]>;
}

export function emptyState(): MonitorState {
  return {
    formatVersion: STATE_FORMAT_VERSION,
    savedAt: new Date(0).toISOString(),
    deployments: {},
    alerts: {},
    notificationLog: {},
    outbox: [],
    watches: {},
    sends: {},
  };
}
