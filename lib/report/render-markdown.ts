import type { ReportAlert, ReportDeployment, ReportModel, ReportWatch } from './model';
import { headline, healthBreakdown, isUnhealthy, plural, type ReportSummary, summariseReport } from './report-summary';
import { createTimeFormat, formatAge, type TimeFormat } from './time-format';

export interface MarkdownOptions {
  /** At most this many firing alerts are listed; the rest become `+N more`. Default 20. */
  maxAlerts?: number;
  /** At most this many unhealthy deployments in the table. Default 30. */
  maxDeployments?: number;
  /** Link to the full report, added at the end (digests). */
  reportUrl?: string;
}

/** Markdown specials and HTML brackets are escaped; a line break would end a list item or a table row. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').replace(/[\\`*_[\]<>|~#]/g, (c) => `\\${c}`);
}

function watchLine(w: ReportWatch, t: TimeFormat): string {
  const name = `**${escapeMarkdown(w.name)}**`;
  if (!w.ok) {
    const since = w.lastOkAt ? ` (last answer ${t.time(w.lastOkAt)})` : '';
    return `- ${name}: BLIND, query failed: ${escapeMarkdown(w.error ?? 'unknown error')}${since}`;
  }
  const firing = w.firing > 0 ? ` · ${w.firing} firing` : '';
  return `- ${name}: ${plural(w.deployments, 'deployment')} (${healthBreakdown(w.byHealth)})${firing}`;
}

function alertLine(a: ReportAlert, model: ReportModel, t: TimeFormat): string {
  const subject = a.deployment ? `${a.deployment} (${a.watch})` : a.watch || 'flink-watch';
  const muted = a.muted ? ` _(muted: ${escapeMarkdown(a.muted)})_` : '';
  const age = formatAge(a.since, model.generatedAt);
  return (
    `- **${escapeMarkdown(a.severity.toUpperCase())}** ${escapeMarkdown(a.alertname)} · ${escapeMarkdown(subject)}` +
    ` · since ${t.time(a.since)} (${age}): ${escapeMarkdown(a.summary)}${muted}`
  );
}

function cell(value: string | number): string {
  return typeof value === 'number' ? String(value) : escapeMarkdown(value) || ' ';
}

function deploymentRow(d: ReportDeployment): string {
  const s = d.jobSummary;
  const alerts = d.alerts.map((a) => `${a.alertname} (${a.status})`).join(', ');
  const cells = [d.name, d.watch, d.health, s ? s.running : '?', s ? s.failed : '?', alerts || d.problem || ''];
  return `| ${cells.map(cell).join(' | ')} |`;
}

function headlineBlock(summary: ReportSummary, model: ReportModel, t: TimeFormat): string[] {
  return [
    `**${headline(summary)}**`,
    '',
    `${plural(summary.deployments, 'deployment')} in ${plural(summary.watches, 'watch', 'watches')}: ` +
      `${healthBreakdown(summary.byHealth)}. Generated ${t.time(model.generatedAt)}.`,
  ];
}

/**
 * The report as Markdown: headline, one line per watch, firing alerts, a table of unhealthy deployments. Bounded by
 * `maxAlerts`/`maxDeployments` so it can go to chat as a digest.
 */
export function renderMarkdown(model: ReportModel, options: MarkdownOptions = {}): string {
  const t = createTimeFormat(model.timeZone);
  const summary = summariseReport(model);
  const maxAlerts = options.maxAlerts ?? 20;
  const maxDeployments = options.maxDeployments ?? 30;
  const lines = [`# ${escapeMarkdown(model.title)}`, '', ...headlineBlock(summary, model, t), '', '## Watches', ''];
  lines.push(...(model.watches.length > 0 ? model.watches.map((w) => watchLine(w, t)) : ['No watch.']));

  const firing = model.alerts.filter((a) => a.status === 'firing');
  lines.push('', '## Firing alerts', '');
  if (firing.length === 0) lines.push('None.');
  lines.push(...firing.slice(0, maxAlerts).map((a) => alertLine(a, model, t)));
  if (firing.length > maxAlerts) lines.push(`- … +${firing.length - maxAlerts} more`);
  if (summary.pending > 0) lines.push('', `${plural(summary.pending, 'alert')} pending.`);

  const unhealthy = model.deployments.filter(isUnhealthy);
  lines.push('', '## Unhealthy deployments', '');
  if (unhealthy.length === 0) lines.push('None.');
  else {
    lines.push('| Deployment | Watch | Health | Running | Failed | Alerts |', '|---|---|---|---:|---:|---|');
    lines.push(...unhealthy.slice(0, maxDeployments).map(deploymentRow));
    if (unhealthy.length > maxDeployments) lines.push('', `+${unhealthy.length - maxDeployments} more not shown.`);
  }

  if (model.outbox.queued > 0) {
    const since = model.outbox.oldest ? ` (oldest since ${t.time(model.outbox.oldest)})` : '';
    lines.push('', `${plural(model.outbox.queued, 'notification')} waiting in the outbox${since}.`);
  }
  if (options.reportUrl) lines.push('', `[Full report](${options.reportUrl.replace(/[()\s]/g, encodeURIComponent)})`);
  return `${lines.join('\n')}\n`;
}
