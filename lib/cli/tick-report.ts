import { JOB_STATES } from '../flink/types';
import type { TickResult } from '../tick/run-tick';
import type { TickSummary } from '../tick/types';

function countsOf(summary: Record<string, number> | null): string {
  if (!summary) return 'no usable job summary';
  return JOB_STATES.map((s) => `${s}=${summary[s]}`).join(' ');
}

const NOT_WHERE = new Set(['alertname', 'severity', 'watch', 'deployment', 'deploymentId', 'namespace', 'workspace']);

/** `watch/deployment`, or for an alert about neither (a receiver's meta-alert) its other identifying labels. */
function alertWhere(labels: Record<string, string>): string {
  const path = [labels.watch, labels.deployment].filter(Boolean).join('/');
  if (path) return path;
  return Object.entries(labels)
    .filter(([k]) => !NOT_WHERE.has(k))
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');
}

/** The messages a dry run rendered but did not send. */
function wouldSend(result: TickResult): Array<{ receiver: string; summary: string; bytes: number }> {
  return result.rendered
    .flatMap((r) => r.messages)
    .map((m) => ({ receiver: m.receiver, summary: m.summary, bytes: Buffer.byteLength(m.body, 'utf8') }));
}

/** The tick as one JSON object: the summary, plus what each watch saw and what changed. */
export function tickJson(result: TickResult): Record<string, unknown> {
  const watches: Record<string, unknown> = {};
  for (const [name, r] of result.results) {
    watches[name] = r.ok
      ? {
          ok: true,
          deployments: r.deployments.map((d) => ({
            name: d.name,
            deploymentId: d.deploymentId,
            workspace: d.workspace,
            namespace: d.namespace,
            labels: d.labels,
            executionMode: d.executionMode,
            jobSummary: d.jobSummary,
            ...(d.jobSummaryProblem ? { jobSummaryProblem: d.jobSummaryProblem } : {}),
          })),
          skipped: r.skipped,
        }
      : { ok: false, error: result.summary.errors.find((e) => e.startsWith(`watch ${name}:`)) ?? 'query failed' };
  }
  return {
    ...result.summary,
    watchResults: watches,
    ...(result.summary.dryRun ? { wouldSend: wouldSend(result) } : {}),
    transitions: result.changes.map((c) => ({
      alertname: c.record.labels.alertname,
      watch: c.record.labels.watch,
      deployment: c.record.labels.deployment,
      severity: c.record.severity,
      transition: c.transition,
    })),
  };
}

/** The tick for a terminal: per watch its deployments, then what changed, then the counts. */
export function tickText(result: TickResult, options: { showMessages: boolean }): string {
  const lines: string[] = [];
  for (const [name, r] of result.results) {
    if (!r.ok) {
      lines.push(`watch ${name}: QUERY FAILED (the error is listed below)`);
      continue;
    }
    lines.push(`watch ${name}: ${r.deployments.length} deployment(s)`);
    for (const d of r.deployments)
      lines.push(`  ${d.name.padEnd(28)} ${d.executionMode.padEnd(9)} ${countsOf(d.jobSummary)}`);
  }
  if (result.changes.length > 0) {
    lines.push('', 'alert changes:');
    for (const c of result.changes) {
      lines.push(
        `  ${c.transition.padEnd(16)} ${c.record.labels.alertname} ${alertWhere(c.record.labels)} (${c.record.severity})`,
      );
    }
  }
  if (options.showMessages) {
    const messages = wouldSend(result);
    lines.push('', messages.length > 0 ? 'would send (dry run, nothing sent):' : 'would send nothing');
    for (const m of messages) lines.push(`  -> ${m.receiver}: ${m.summary} (${m.bytes} bytes)`);
  }
  const s = result.summary;
  lines.push('', summaryLine(s));
  for (const e of s.errors) lines.push(`error: ${e}`);
  for (const w of s.warnings) lines.push(`warning: ${w}`);
  return lines.join('\n');
}

/** The tick in one line: what `run` ends with and what `serve` prints per tick. */
export function summaryLine(s: TickSummary): string {
  if (s.skipped) return `tick at ${s.now}: skipped: ${s.skipped}`;
  return (
    `${s.dryRun ? 'dry run' : 'tick'} at ${s.now}: ${s.watches.ok}/${s.watches.queried} watches ok (${s.watches.apiCalls} API calls), ` +
    `${s.deployments.seen} deployments; alerts firing ${s.alerts.firing}, pending ${s.alerts.pending}, held ${s.alerts.held}; ` +
    `notifications sent ${s.notifications.sent}, queued ${s.notifications.queued}, failed ${s.notifications.failed}; ` +
    `${s.durationMs} ms`
  );
}
