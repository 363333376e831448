import { HEALTH_ORDER } from './health';
import { healthBarsChart, historyChart } from './html-charts';
import { html, type SafeHtml } from './html-template';
import type { ReportAlert, ReportModel, ReportWatch } from './model';
import { headline, healthBreakdown, plural, type ReportSummary } from './report-summary';
import { formatAge, type TimeFormat } from './time-format';

export type HeadlineTone = 'bad' | 'warn' | 'ok';

export function headlineTone(summary: ReportSummary): HeadlineTone {
  if (summary.firing > 0 || summary.blindWatches > 0 || summary.byHealth.failing > 0) return 'bad';
  if (summary.pending > 0 || summary.byHealth.degraded > 0 || summary.byHealth.unknown > 0) return 'warn';
  return 'ok';
}

export function headerSection(model: ReportModel, summary: ReportSummary, t: TimeFormat): SafeHtml {
  const outbox = model.outbox.queued > 0 ? ` · ${plural(model.outbox.queued, 'notification')} waiting to be sent` : '';
  return html`<header class="top ${headlineTone(summary)}"><div class="wrap">
<p class="eyebrow">${model.title} · <time datetime="${model.generatedAt}">${t.time(model.generatedAt)}</time></p>
<h1 id="headline">${headline(summary)}</h1>
<p class="sub">${plural(summary.deployments, 'deployment')} in ${plural(summary.watches, 'watch', 'watches')}: ${healthBreakdown(summary.byHealth)}${summary.pending > 0 ? ` · ${summary.pending} pending` : ''}${outbox}</p>
</div></header>`;
}

function alertItem(a: ReportAlert, model: ReportModel, t: TimeFormat): SafeHtml {
  const subject = a.deployment ? `${a.deployment} · ${a.watch}` : a.watch || 'flink-watch';
  const verb = a.status === 'resolved' ? 'resolved' : a.status === 'pending' ? 'pending since' : 'since';
  const badge = a.status === 'firing' ? a.severity : a.status;
  const badgeClass = a.status === 'firing' ? `sev-${a.severity}` : `st-${a.status}`;
  return html`<li class="alert sev-${a.severity} st-${a.status}" data-fingerprint="${a.fingerprint}">
<div class="alert-head"><span class="pill ${badgeClass}">${badge}</span> <strong>${a.alertname}</strong> <span>${subject}</span> <span class="when">${verb} <time datetime="${a.since}">${t.time(a.since)}</time> (${formatAge(a.since, model.generatedAt)} ago)</span></div>
<p>${a.summary}</p>${a.muted ? html`<p class="note">Muted: ${a.muted}</p>` : ''}
</li>`;
}

export function alertsSection(model: ReportModel, t: TimeFormat): SafeHtml {
  const firing = model.alerts.filter((a) => a.status === 'firing');
  const pending = model.alerts.filter((a) => a.status === 'pending');
  const resolved = model.alerts.filter((a) => a.status === 'resolved');
  const list = (alerts: ReportAlert[], id: string) =>
    html`<ol class="alerts" id="${id}">${alerts.map((a) => alertItem(a, model, t))}</ol>`;
  return html`<section id="alerts" aria-labelledby="alerts-title">
<h2 id="alerts-title">Firing alerts (${firing.length})</h2>
${firing.length > 0 ? list(firing, 'firing-alerts') : html`<p class="none" id="firing-alerts">Nothing is firing.</p>`}
${pending.length > 0 ? html`<h2>Pending (${pending.length})</h2>${list(pending, 'pending-alerts')}` : ''}
${resolved.length > 0 ? html`<details><summary>Resolved in the last 24 h (${resolved.length})</summary>${list(resolved, 'resolved-alerts')}</details>` : ''}
</section>`;
}

function watchCard(w: ReportWatch, model: ReportModel, t: TimeFormat): SafeHtml {
  const scope = [w.workspace, w.namespace].filter(Boolean).join(' / ');
  const blind = w.ok
    ? ''
    : html`<p class="error"><strong>Blind:</strong> the query fails: ${w.error ?? 'unknown error'}${w.lastOkAt ? html`. Last answer <time datetime="${w.lastOkAt}">${t.time(w.lastOkAt)}</time>.` : ''}</p>`;
  const chips = HEALTH_ORDER.filter((h) => w.byHealth[h] > 0).map(
    (h) => html`<li><span class="dot h-${h}"></span>${w.byHealth[h]} ${h}</li>`,
  );
  const firing =
    w.firing > 0
      ? html`<span class="pill sev-critical">${w.firing} firing</span>`
      : html`<span class="pill h-healthy">ok</span>`;
  return html`<article class="card${w.ok ? '' : ' blind'}" data-watch="${w.name}">
<div class="card-head"><h3>${w.name}</h3> ${w.ok ? firing : html`<span class="pill sev-critical">blind</span>`}</div>
<p class="meta">${scope}${w.selector ? html` · <code>${w.selector}</code>` : ''}</p>
${blind}<ul class="chips">${chips.length > 0 ? chips : html`<li>no deployment selected</li>`}</ul>
${historyChart(w.name, model.history[w.name] ?? [], Date.parse(model.generatedAt), t)}
</article>`;
}

export function watchesSection(model: ReportModel, t: TimeFormat): SafeHtml {
  if (model.watches.length === 0)
    return html`<section id="watches"><h2>Watches</h2><p class="none">No watch.</p></section>`;
  return html`<section id="watches" aria-labelledby="watches-title">
<h2 id="watches-title">Watches (${model.watches.length})</h2>
${healthBarsChart(model.watches)}
<div class="cards">${model.watches.map((w) => watchCard(w, model, t))}</div>
</section>`;
}
