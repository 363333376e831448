import { describe, expect, it } from 'vitest';
import type { ReceiverConfig } from '../../lib/config/types';
import { createConsoleReceiver } from '../../lib/notify/console';
import { shortDuration } from '../../lib/notify/console-text';
import { ReceiverConfigError } from '../../lib/notify/errors';
import { sampleAlert, sampleNotification } from '../helpers/sample-notification';

const ESC = '\u001b[';

function consoleConfig(options: Record<string, unknown> = {}): ReceiverConfig {
  return { name: 'terminal', type: 'console', sendResolved: true, options };
}

function renderText(
  options: Record<string, unknown> = {},
  color = false,
  notification = sampleNotification('terminal'),
) {
  const receiver = createConsoleReceiver(consoleConfig(options), { write: () => {}, color });
  const messages = receiver.render(notification);
  expect(messages).toHaveLength(1);
  return messages[0]!.body;
}

describe('console receiver', () => {
  it('reads like the chat message: title with counts, one line per alert with its annotation, the report link', () => {
    expect(renderText()).toBe(
      [
        '[terminal] FIRING 1 · RESOLVED 1 — job-failed/payments',
        '  CRITICAL  job-failed  watch=payments deployment=orders-etl  since 2026-11-28 08:46:05 +00:00 (13m ago)',
        '            orders-etl: 1 new failed job — failed went from 6 to 7',
        '  RESOLVED  job-failed (critical)  watch=payments deployment=risk-scoring  resolved 2026-11-28 08:58:00 +00:00 after 18m',
        '            risk-scoring: 1 new failed job',
        '  report: http://127.0.0.1:8080/',
      ].join('\n'),
    );
  });

  it('lists firing alerts first, most severe first, and resolved ones last', () => {
    const alerts = [
      sampleAlert({ fingerprint: 'r', status: 'resolved', endsAt: '2026-11-28T08:59:00.000Z' }),
      sampleAlert({ fingerprint: 'w', labels: { ...sampleAlert().labels, severity: 'warning', alertname: 'slow' } }),
      sampleAlert({ fingerprint: 'c', labels: { ...sampleAlert().labels, alertname: 'down' } }),
    ];
    const lines = renderText({}, false, sampleNotification('terminal', { alerts })).split('\n');
    expect(lines.filter((l) => /^ {2}[A-Z]/.test(l)).map((l) => l.trim().split(/\s+/).slice(0, 2).join(' '))).toEqual([
      'CRITICAL down',
      'WARNING slow',
      'RESOLVED job-failed',
    ]);
  });

  it('shows times in the configured time zone, with the offset', () => {
    const text = renderText({ timeZone: 'Asia/Shanghai' });
    expect(text).toContain('since 2026-11-28 16:46:05 +08:00 (13m ago)');
    expect(text).toContain('resolved 2026-11-28 16:58:00 +08:00 after 18m');
  });

  it('falls back to other annotations when there is no summary or description', () => {
    const alert = sampleAlert({ annotations: { failed: '7', increase: '1' } });
    const text = renderText({}, false, sampleNotification('terminal', { alerts: [alert], externalURL: '' }));
    expect(text.split('\n')).toEqual([
      '[terminal] FIRING 1 — job-failed/payments',
      '  CRITICAL  job-failed  watch=payments deployment=orders-etl  since 2026-11-28 08:46:05 +00:00 (13m ago)',
      '            failed=7 increase=1',
    ]);
  });

  it('colours only when asked', () => {
    expect(renderText()).not.toContain(ESC);
    const coloured = renderText({}, true);
    expect(coloured).toContain(`${ESC}31mFIRING 1${ESC}0m`);
    expect(coloured).toContain(`${ESC}32mRESOLVED 1${ESC}0m`);
  });

  it('writes the text and reports it delivered; a failing writer is reported, not thrown', async () => {
    const written: string[] = [];
    const receiver = createConsoleReceiver(consoleConfig(), { write: (t) => written.push(t) });
    const [message] = receiver.render(sampleNotification('terminal'));
    const ctx = { signal: new AbortController().signal, now: new Date() };
    expect(await receiver.deliver(message!, ctx)).toEqual({ kind: 'delivered' });
    expect(written).toEqual([`${message!.body}\n`]);
    expect(message).toMatchObject({
      summary: '1 firing, 1 resolved: job-failed/payments',
      contentType: 'text/plain; charset=utf-8',
    });

    const broken = createConsoleReceiver(consoleConfig(), {
      write: () => {
        throw new Error('EPIPE');
      },
    });
    expect(await broken.deliver(message!, ctx)).toMatchObject({
      kind: 'fatal',
      error: { message: expect.stringMatching(/cannot write its output: EPIPE/) },
    });
  });

  it('rejects an unknown time zone with the fix', () => {
    expect(() => renderText({ timeZone: 'Mars/Olympus' })).toThrow(ReceiverConfigError);
    expect(() => renderText({ timeZone: 'Mars/Olympus' })).toThrow(/IANA name/);
  });

  it('formats durations compactly', () => {
    expect([40_000, 12 * 60_000, 125 * 60_000, 76 * 3_600_000].map(shortDuration)).toEqual([
      '40s',
      '12m',
      '2h 5m',
      '3d 4h',
    ]);
  });
});
