import { HEALTH_ORDER } from './health';
import { HISTORY_WINDOW_MS } from './history';
import { html, type SafeHtml } from './html-template';
import type { HistoryPoint, ReportWatch } from './model';
import { healthBreakdown } from './report-summary';
import type { TimeFormat } from './time-format';

/** Chart text stays in HTML (readable at any width); the SVGs only draw, stretched to their box. */
function round(n: number): string {
  return String(Math.round(n * 100) / 100);
}

export function healthLegend(): SafeHtml {
  return html`<ul class="legend">${HEALTH_ORDER.map((h) => html`<li><span class="dot h-${h}"></span>${h}</li>`)}</ul>`;
}

/** One stacked bar per watch, lengths relative to the biggest watch so sizes compare at a glance. */
export function healthBarsChart(watches: readonly ReportWatch[]): SafeHtml {
  const biggest = Math.max(1, ...watches.map((w) => w.deployments));
  const rows = watches.map((w) => {
    let x = 0;
    const segments = HEALTH_ORDER.filter((h) => w.byHealth[h] > 0).map((h) => {
      const width = (w.byHealth[h] / biggest) * 100;
      const rect = html`<rect class="h-${h}" x="${round(x)}" y="0" width="${round(width)}" height="10"><title>${w.name}: ${w.byHealth[h]} ${h}</title></rect>`;
      x += width;
      return rect;
    });
    const label = `${w.name}: ${w.deployments} deployments (${healthBreakdown(w.byHealth)})`;
    return html`<div class="hbar-row"><span class="hbar-label" title="${w.name}">${w.name}</span><svg class="hbar" viewBox="0 0 100 10" preserveAspectRatio="none" role="img" aria-label="${label}"><rect class="track" x="0" y="0" width="100" height="10"></rect>${segments}</svg><span class="hbar-total">${w.deployments}</span></div>`;
  });
  return html`<figure class="health-chart" id="health-chart" aria-label="Deployments by health per watch">${rows}${healthLegend()}</figure>`;
}

const WIDTH = 300;
const HEIGHT = 60;

/** Running jobs (line) and failures added (bars) of one watch over the 24 h up to `now`. */
export function historyChart(watch: string, points: readonly HistoryPoint[], now: number, t: TimeFormat): SafeHtml {
  const from = now - HISTORY_WINDOW_MS;
  const xOf = (iso: string) => ((Date.parse(iso) - from) / HISTORY_WINDOW_MS) * WIDTH;
  const maxRunning = Math.max(1, ...points.map((p) => p.running));
  const maxFailed = Math.max(1, ...points.map((p) => p.failed));
  const yOf = (running: number) => HEIGHT - 4 - (running / maxRunning) * (HEIGHT - 8);
  const line = points.map((p) => `${round(xOf(p.t))},${round(yOf(p.running))}`).join(' ');
  const first = points[0];
  const last = points[points.length - 1];
  const area = first && last ? `${round(xOf(first.t))},${HEIGHT} ${line} ${round(xOf(last.t))},${HEIGHT}` : '';
  const bars = points
    .filter((p) => p.failed > 0)
    .map((p) => {
      const height = (p.failed / maxFailed) * HEIGHT * 0.6;
      return html`<rect class="fail-bar" x="${round(Math.max(0, xOf(p.t) - 1.5))}" y="${round(HEIGHT - height)}" width="3" height="${round(height)}"><title>${t.time(p.t)}: ${p.failed} failed</title></rect>`;
    });
  const failures = points.reduce((sum, p) => sum + p.failed, 0);
  const description = `${watch}: running jobs and failures over the last 24 hours`;
  const drawing =
    points.length === 0
      ? html``
      : html`<polygon class="run-area" points="${area}"></polygon>${bars}<polyline class="run-line" points="${line}" vector-effect="non-scaling-stroke"></polyline>`;
  const runningNow = last ? last.running : 0;
  return html`<figure class="spark history-chart" data-watch="${watch}">
<div class="spark-head">${
    points.length === 0
      ? html`<span>no history yet</span>`
      : html`<span class="k-running">running ${runningNow} (max ${maxRunning})</span><span class="k-failed">${failures} failed in 24 h</span>`
  }</div>
<svg viewBox="0 0 ${WIDTH} ${HEIGHT}" preserveAspectRatio="none" role="img" aria-label="${description}">${drawing}</svg>
<div class="spark-axis"><span title="${t.clock(from)}">24 h ago</span><span title="${t.clock(from + HISTORY_WINDOW_MS / 2)}">12 h ago</span><span>now</span></div>
</figure>`;
}
