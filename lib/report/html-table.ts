import { JOB_STATES, type JobState } from '../flink/types';
import { HEALTH_ORDER } from './health';
import { html, type SafeHtml } from './html-template';
import type { ReportDeployment, ReportModel } from './model';

interface Column {
  title: string;
  numeric: boolean;
}

const COLUMNS: Column[] = [
  { title: 'Health', numeric: true },
  { title: 'Deployment', numeric: false },
  { title: 'Watch', numeric: false },
  { title: 'Mode', numeric: false },
  ...JOB_STATES.map((state) => ({ title: state[0]?.toUpperCase() + state.slice(1), numeric: true })),
  { title: 'Alerts', numeric: false },
];

function headerCell(column: Column, index: number): SafeHtml {
  return html`<th scope="col"${column.numeric && index > 0 ? html` class="num"` : ''} data-type="${column.numeric ? 'num' : 'text'}"${index === 0 ? html` aria-sort="ascending"` : ''}><button type="button">${column.title}</button></th>`;
}

function countCell(d: ReportDeployment, state: JobState): SafeHtml {
  if (!d.jobSummary) return html`<td class="num zero" data-sort="-1">–</td>`;
  const value = d.jobSummary[state];
  const streamingStopped = state === 'running' && value < 1 && d.health === 'failing';
  const cls = streamingStopped ? 'num warn-num' : value === 0 ? 'num zero' : 'num';
  return html`<td class="${cls}" data-sort="${value}">${value}</td>`;
}

function nameCell(d: ReportDeployment): SafeHtml {
  const labels = Object.entries(d.labels)
    .map(([k, v]) => `${k}=${v}`)
    .join(' · ');
  const name = d.consoleUrl
    ? html`<a href="${d.consoleUrl}" target="_blank" rel="noopener noreferrer">${d.name}</a>`
    : html`<strong>${d.name}</strong>`;
  return html`<td class="name" data-sort="${d.name.toLowerCase()}">${name}<span class="sub-line mono">${d.deploymentId}</span>${labels ? html`<span class="sub-line">${labels}</span>` : ''}</td>`;
}

function alertsCell(d: ReportDeployment): SafeHtml {
  const alerts = d.alerts.map(
    (a) =>
      html`<span class="sub-line"><span class="pill ${a.status === 'firing' ? `sev-${a.severity}` : 'st-pending'}">${a.status}</span> ${a.alertname}</span>`,
  );
  return html`<td class="alerts-cell">${alerts}${d.problem ? html`<span class="sub-line">${d.problem}</span>` : ''}</td>`;
}

function row(d: ReportDeployment): SafeHtml {
  const rank = HEALTH_ORDER.indexOf(d.health);
  return html`<tr class="h-${d.health}" data-health="${d.health}" data-deployment-id="${d.deploymentId}"><td data-sort="${rank}"><span class="pill h-${d.health}">${d.health}</span></td>${nameCell(d)}<td class="nowrap">${d.watch}</td><td class="nowrap">${d.executionMode || '?'}</td>${JOB_STATES.map((s) => countCell(d, s))}${alertsCell(d)}</tr>`;
}

/** Worst health first, then watch and name, the order the table opens in. */
function tableOrder(deployments: readonly ReportDeployment[]): ReportDeployment[] {
  return [...deployments].sort(
    (a, b) =>
      HEALTH_ORDER.indexOf(a.health) - HEALTH_ORDER.indexOf(b.health) ||
      a.watch.localeCompare(b.watch) ||
      a.name.localeCompare(b.name),
  );
}

export function deploymentsSection(model: ReportModel): SafeHtml {
  const rows = tableOrder(model.deployments).map(row);
  return html`<section id="deployments" aria-labelledby="deployments-title">
<h2 id="deployments-title">Deployments (${model.deployments.length})</h2>
<div class="controls"><label for="filter">Filter <input id="filter" type="search" placeholder="name, watch, label, alert…" autocomplete="off"></label><span id="shown" aria-live="polite">${model.deployments.length} of ${model.deployments.length} shown</span></div>
<div class="table-scroll"><table id="deployments-table"><thead><tr>${COLUMNS.map(headerCell)}</tr></thead><tbody>${rows}</tbody></table>
<p id="no-match" hidden>No deployment matches the filter.</p></div>
</section>`;
}
