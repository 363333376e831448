import type { AlertView } from '../../lib/alerts/types';
import type { Notification } from '../../lib/notify/types';

/** A firing alert of rule `job-failed` on deployment `orders-etl` of watch `payments`. */
export function sampleAlert(overrides: Partial<AlertView> = {}): AlertView {
  return {
    fingerprint: '95c2441b50fc4727',
    status: 'firing',
    labels: {
      alertname: 'job-failed',
      watch: 'payments',
      deployment: 'orders-etl',
      deploymentId: 'd-0001',
      namespace: 'default-namespace',
      workspace: 'a14bd5d90a',
      severity: 'critical',
    },
    annotations: {
      summary: 'orders-etl: 1 new failed job',
      description: 'failed went from 6 to 7',
    },
    startsAt: '2026-11-28T08:46:05.000Z',
    generatorURL: 'http://127.0.0.1:8080/#/deployments/d-0001',
    ...overrides,
  };
}

/** A notification for receiver `receiverName` with one firing and one resolved alert, unless overridden. */
export function sampleNotification(receiverName: string, overrides: Partial<Notification> = {}): Notification {
  const firing = sampleAlert();
  const resolved = sampleAlert({
    fingerprint: 'a1b2c3d4e5f60718',
    status: 'resolved',
    labels: { ...firing.labels, deployment: 'risk-scoring', deploymentId: 'd-0002' },
    annotations: { summary: 'risk-scoring: 1 new failed job' },
    startsAt: '2026-11-28T08:40:00.000Z',
    endsAt: '2026-11-28T08:58:00.000Z',
  });
  return {
    receiver: receiverName,
    groupKey: `${receiverName}|{alertname="job-failed",watch="payments"}`,
    groupLabels: { alertname: 'job-failed', watch: 'payments' },
    status: 'firing',
    alerts: [firing, resolved],
    commonLabels: {
      alertname: 'job-failed',
      watch: 'payments',
      namespace: 'default-namespace',
      workspace: 'a14bd5d90a',
      severity: 'critical',
    },
    commonAnnotations: {},
    externalURL: 'http://127.0.0.1:8080/',
    now: '2026-11-28T09:00:00.000Z',
    ...overrides,
  };
}
