import { JOB_STATES } from '../flink/types';
import type { ReportDeployment, ReportModel } from './model';

export const CSV_COLUMNS = [
  'watch',
  'name',
  'deploymentId',
  'workspace',
  'namespace',
  'executionMode',
  ...JOB_STATES,
  'health',
  'firingAlerts',
] as const;

/**
 * Spreadsheets run a cell that starts with `=`, `+`, `-` or `@` (and tab/CR, which some treat the same) as a formula;
 * a leading apostrophe keeps it text (OWASP's advice against CSV injection).
 */
export function neutraliseFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** RFC 4180: quote a field holding a comma, a quote or a line break; double the quotes inside. */
export function csvField(value: string | number): string {
  if (typeof value === 'number') return String(value);
  const text = neutraliseFormula(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function row(d: ReportDeployment): Array<string | number> {
  const counts = JOB_STATES.map((state) => (d.jobSummary ? d.jobSummary[state] : ''));
  const firing = d.alerts.filter((a) => a.status === 'firing').map((a) => a.alertname);
  return [
    d.watch,
    d.name,
    d.deploymentId,
    d.workspace,
    d.namespace,
    d.executionMode,
    ...counts,
    d.health,
    firing.join('; '),
  ];
}

/** One row per deployment, header first, CRLF line ends (RFC 4180). Counts are empty when the summary is unknown. */
export function renderCsv(model: ReportModel): string {
  const lines = [CSV_COLUMNS.map(csvField), ...model.deployments.map((d) => row(d).map(csvField))];
  return lines.map((fields) => fields.join(',')).join('\r\n') + '\r\n';
}
