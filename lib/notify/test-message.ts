import type { AlertView } from '../alerts/types';
import { TEST_MESSAGE_LABEL } from './render/context';
import type { DeliveryOutcome, Notification, OutgoingMessage, Receiver } from './types';

const TEST_SUMMARY = 'Test message from flink-watch: this receiver works. No action needed.';

/** A synthetic firing notification, labelled `flink_watch_test="true"` so every template marks it as a test. */
export function testNotification(receiver: string, now: Date): Notification {
  const labels = {
    alertname: 'FlinkWatchTest',
    watch: 'test-receiver',
    deployment: 'flink-watch-test',
    deploymentId: '00000000-0000-0000-0000-000000000000',
    namespace: 'test',
    workspace: 'test',
    severity: 'info',
    [TEST_MESSAGE_LABEL]: 'true',
  };
  const alert: AlertView = {
    fingerprint: 'f1a7c0de7e570000',
    status: 'firing',
    labels,
    annotations: { summary: TEST_SUMMARY, description: 'Sent by `flink-watch test-receiver`.' },
    startsAt: now.toISOString(),
  };
  return {
    receiver,
    groupKey: `${receiver}|flink-watch-test`,
    groupLabels: { alertname: 'FlinkWatchTest' },
    status: 'firing',
    alerts: [alert],
    commonLabels: labels,
    commonAnnotations: alert.annotations,
    now: now.toISOString(),
  };
}

/**
 * `flink-watch test-receiver`: render the test notification with the receiver's own templates and deliver every
 * message once (no retries). Returns the first failure, or the first message when all were delivered.
 */
export async function sendTestMessage(
  receiver: Receiver,
  now: Date,
  signal: AbortSignal,
): Promise<{ outcome: DeliveryOutcome; message: OutgoingMessage }> {
  const messages = receiver.render(testNotification(receiver.name, now));
  const first = messages[0];
  if (!first) {
    return {
      outcome: { kind: 'fatal', reason: 'other', error: new Error(`receiver "${receiver.name}" rendered no message`) },
      message: {
        receiver: receiver.name,
        groupKey: '',
        body: '',
        contentType: 'text/plain',
        summary: '',
        fingerprints: [],
      },
    };
  }
  let delivered: DeliveryOutcome = { kind: 'delivered' };
  for (const [i, message] of messages.entries()) {
    const outcome = await receiver.deliver(message, { signal, now });
    if (outcome.kind !== 'delivered') return { outcome, message };
    if (i === 0) delivered = outcome; // keeps the platform's answer (`detail`) for the caller to print
  }
  return { outcome: delivered, message: first };
}
