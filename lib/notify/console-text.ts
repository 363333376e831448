import type { AlertView } from '../alerts/types';
import { countAlerts, groupTitle } from './message-summary';
import { createTimeFormatter } from './render/time';
import type { Notification } from './types';

/**
 * Plain-text rendering of a notification for the terminal, laid out like the chat message would be: a title line
 * with status and counts, then one line per alert (firing first, most severe first) with its key annotation below.
 */
export interface ConsoleTextOptions {
  color: boolean;
  timeZone: string;
}

const ANSI = { red: 31, green: 32, yellow: 33, blue: 34, dim: 2, bold: 1 } as const;
type Style = keyof typeof ANSI;

const SEVERITY_ORDER: Record<string, number> = { critical: 0, warning: 1, info: 2 };
const SEVERITY_STYLE: Record<string, Style> = { critical: 'red', warning: 'yellow', info: 'blue' };

/** `3d 4h`, `2h 5m`, `12m`, `40s`. */
export function shortDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '';
  const s = Math.floor(ms / 1000);
  const [d, h, m] = [Math.floor(s / 86_400), Math.floor((s % 86_400) / 3600), Math.floor((s % 3600) / 60)];
  if (d > 0) return `${d}d ${h}h`;
  if (h > 0) return `${h}h ${m}m`;
  if (m > 0) return `${m}m`;
  return `${s}s`;
}

function byImportance(a: AlertView, b: AlertView): number {
  if (a.status !== b.status) return a.status === 'firing' ? -1 : 1;
  return (SEVERITY_ORDER[a.labels.severity ?? ''] ?? 9) - (SEVERITY_ORDER[b.labels.severity ?? ''] ?? 9);
}

/** The annotation worth showing: summary and description, else the first few others as `key=value`. */
function keyAnnotations(alert: AlertView): string {
  const { summary, description, ...others } = alert.annotations;
  const text = [summary, description].filter((t): t is string => typeof t === 'string' && t !== '');
  if (text.length > 0) return [...new Set(text)].join(' — ');
  return Object.entries(others)
    .slice(0, 3)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');
}

export function renderConsoleText(notification: Notification, options: ConsoleTextOptions): string {
  const paint = (style: Style, text: string) => (options.color ? `\u001b[${ANSI[style]}m${text}\u001b[0m` : text);
  const time = createTimeFormatter(options.timeZone);
  const now = Date.parse(notification.now);
  const { firing, resolved } = countAlerts(notification);

  const counts = [
    firing > 0 ? paint('red', `FIRING ${firing}`) : '',
    resolved > 0 ? paint('green', `RESOLVED ${resolved}`) : '',
  ].filter(Boolean);
  const lines = [`${paint('bold', `[${notification.receiver}]`)} ${counts.join(' · ')} — ${groupTitle(notification)}`];

  for (const alert of [...notification.alerts].sort(byImportance)) {
    const severity = alert.labels.severity ?? 'none';
    const tag =
      alert.status === 'resolved'
        ? paint('green', 'RESOLVED'.padEnd(9))
        : paint(SEVERITY_STYLE[severity] ?? 'bold', severity.toUpperCase().padEnd(9));
    const where = [
      alert.labels.watch ? `watch=${alert.labels.watch}` : '',
      alert.labels.deployment ? `deployment=${alert.labels.deployment}` : '',
    ].filter(Boolean);
    const started = Date.parse(alert.startsAt);
    const when =
      alert.status === 'resolved'
        ? `resolved ${time.format(alert.endsAt ?? notification.now)} after ${shortDuration(Date.parse(alert.endsAt ?? notification.now) - started)}`
        : `since ${time.format(alert.startsAt)} (${shortDuration(now - started)} ago)`;
    const severityNote = alert.status === 'resolved' ? ` ${paint('dim', `(${severity})`)}` : '';
    lines.push(
      `  ${tag} ${alert.labels.alertname ?? 'alert'}${severityNote}  ${where.join(' ')}  ${paint('dim', when)}`,
    );
    const note = keyAnnotations(alert);
    if (note) lines.push(`  ${' '.repeat(9)} ${note}`);
  }
  if (notification.externalURL) lines.push(`  ${paint('dim', `report: ${notification.externalURL}`)}`);
  return lines.join('\n');
}
