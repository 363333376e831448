import type { AlertStatus, Labels } from '../alerts/types';
import type { JobSummary } from '../flink/types';

/** How one deployment looks right now, for people. */
export type DeploymentHealth = 'failing' | 'degraded' | 'healthy' | 'idle' | 'unknown';

export interface ReportAlert {
  fingerprint: string;
  alertname: string;
  severity: string;
  status: AlertStatus;
  watch: string;
  deployment?: string;
  deploymentId?: string;
  /** ISO time the current episode started (pending/firing) or resolved. */
  since: string;
  summary: string;
  /** Why it is not notified, when muted (silence, maintenance, inhibition). */
  muted?: string;
  labels: Labels;
}

export interface ReportDeployment {
  watch: string;
  name: string;
  deploymentId: string;
  workspace: string;
  namespace: string;
  labels: Record<string, string>;
  executionMode: string;
  engineVersion: string;
  /** `null` when the API answer carried no usable job summary (`problem` says why). */
  jobSummary: JobSummary | null;
  problem?: string;
  health: DeploymentHealth;
  /** Firing/pending alerts of this deployment. */
  alerts: Array<{ alertname: string; severity: string; status: AlertStatus }>;
  consoleUrl?: string;
}

export interface ReportWatch {
  name: string;
  selector: string;
  workspace: string;
  namespace: string;
  /** False when the watch's query failed this time (`error` says why). */
  ok: boolean;
  error?: string;
  /** ISO time of the watch's last successful query, from the state (useful while it is blind). */
  lastOkAt?: string;
  deployments: number;
  byHealth: Record<DeploymentHealth, number>;
  firing: number;
}

/** One point of a watch's history: totals across its deployments at one tick. */
export interface HistoryPoint {
  /** ISO time. */
  t: string;
  running: number;
  /** Failures added since the previous point (increase of `failed`). */
  failed: number;
}

/** Everything the report renderers need; built from live API data plus the state. No secret in it. */
export interface ReportModel {
  title: string;
  generatedAt: string;
  timeZone: string;
  watches: ReportWatch[];
  deployments: ReportDeployment[];
  /** Firing first, then pending, then recently resolved. */
  alerts: ReportAlert[];
  /** Per watch: points over the last 24 h from the state's history. */
  history: Record<string, HistoryPoint[]>;
  /** Messages that could not be delivered yet. */
  outbox: { queued: number; oldest?: string };
}
