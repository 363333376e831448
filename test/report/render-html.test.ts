import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buildReportModel } from '../../lib/report/build-model';
import { htmlPagePolicy } from '../../lib/report/content-security';
import { escapeHtml } from '../../lib/report/html-template';
import { renderHtml } from '../../lib/report/render-html';
import {
  deployment,
  REPORT_TOKEN,
  SIGNING_SECRET,
  sampleInput,
  WEBHOOK_TOKEN,
  XSS_LABEL,
  XSS_NAME,
  XSS_SUMMARY,
} from './fixtures';

const model = buildReportModel(sampleInput());
const page = renderHtml(model);

function inlineBlocks(tag: 'script' | 'style'): string[] {
  return [...page.matchAll(new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`, 'g'))].map((m) => m[1] ?? '');
}

function tags(): string[] {
  // Only markup outside the constant style and script blocks.
  const markup = page.replace(/<style>[\s\S]*?<\/style>/, '').replace(/<script>[\s\S]*?<\/script>/, '');
  return [...markup.matchAll(/<[a-zA-Z][^>]*>/g)].map((m) => m[0]);
}

describe('renderHtml', () => {
  it('escapes names, labels, summaries and errors so no markup can be injected', () => {
    for (const bait of [XSS_NAME, XSS_LABEL, XSS_SUMMARY]) expect(page).not.toContain(bait);
    expect(page).toContain(escapeHtml(XSS_NAME));
    expect(page).toContain(escapeHtml(XSS_SUMMARY));
    expect(page).toContain(escapeHtml(`note=${XSS_LABEL}`));
    expect(page.match(/<script/g)).toHaveLength(1);
    expect(tags().filter((t) => /^<img/i.test(t))).toEqual([]);
  });

  it('escapes a hostile watch name, selector and error too', () => {
    const input = sampleInput();
    const evil = '</title><script>alert(3)</script>';
    input.config.watches[0] = { ...input.config.watches[0]!, name: evil, selector: `team = "${evil}"` };
    input.results = new Map([
      [evil, { watch: evil, ok: false, error: new Error(`failed: ${evil}`) }],
      ['risk', { watch: 'risk', ok: true, deployments: [deployment(evil)], skipped: [], requestIds: [] }],
    ]);
    const hostile = renderHtml(buildReportModel(input));
    expect(hostile).not.toContain(evil);
    expect(hostile.match(/<script/g)).toHaveLength(1);
    expect(hostile).toContain(escapeHtml(evil));
  });

  it('has no inline style or event handler attribute and loads nothing from outside', () => {
    const all = tags();
    expect(all.filter((t) => /\sstyle\s*=/i.test(t))).toEqual([]);
    expect(all.filter((t) => /\son[a-z]+\s*=/i.test(t))).toEqual([]);
    expect(all.filter((t) => /\ssrc\s*=/i.test(t))).toEqual([]);
    const links = all.filter((t) => t.startsWith('<link'));
    expect(links).toHaveLength(1);
    expect(links[0]).toMatch(/^<link rel="icon" href="data:image\/svg\+xml,/);
    const hrefs = all.flatMap((t) => [...t.matchAll(/href="([^"]*)"/g)].map((m) => m[1] ?? ''));
    expect(
      hrefs.filter((h) => !h.startsWith('data:') && !h.startsWith('https://realtime-compute.console.aliyun.com/')),
    ).toEqual([]);
  });

  it('matches the Content-Security-Policy hashes of its one style and one script', () => {
    const policy = htmlPagePolicy();
    const [style] = inlineBlocks('style');
    const [script] = inlineBlocks('script');
    const hash = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
    expect(policy).toContain(`style-src ${hash(style ?? '')}`);
    expect(policy).toContain(`script-src ${hash(script ?? '')}`);
    expect(policy).toContain("default-src 'none'");
    expect(policy).not.toContain('unsafe-inline');
  });

  it('leads with the headline, then the firing alerts, the watches with charts, and the table', () => {
    expect(page).toContain('<h1 id="headline">3 alerts firing · 1 watch blind</h1>');
    const order = ['id="headline"', 'id="firing-alerts"', 'id="health-chart"', 'id="deployments-table"'].map((m) =>
      page.indexOf(m),
    );
    expect(order.every((i) => i > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    const firstAlert = page.indexOf('class="alert sev-critical st-firing"');
    expect(firstAlert).toBeGreaterThan(page.indexOf('id="firing-alerts"'));
    expect(page.slice(firstAlert, firstAlert + 600)).toContain('orders-etl');
  });

  it('draws a stacked health bar per watch and a 24 h chart per watch', () => {
    expect(page.match(/<svg class="hbar"/g)).toHaveLength(3);
    expect(page.match(/<figure class="spark history-chart"/g)).toHaveLength(3);
    expect(page.match(/<polyline class="run-line"/g)).toHaveLength(3);
    expect(page).toContain('<rect class="h-failing"');
  });

  it('has a row per deployment, worst first, with console links', () => {
    const rows = [...page.matchAll(/<tr class="h-(\w+)"/g)].map((m) => m[1]);
    expect(rows).toHaveLength(model.deployments.length);
    expect(rows[0]).toBe('failing');
    expect(rows.at(-1)).toBe('idle');
    expect(page).toContain('rel="noopener noreferrer"');
  });

  it('shows times in the configured zone with the offset', () => {
    expect(page).toContain('2030-01-01 10:00 UTC+08:00');
    expect(page).toContain('times in Asia/Shanghai');
  });

  it('turns green and says so when nothing is wrong', () => {
    const input = sampleInput();
    input.state.alerts = {};
    input.state.outbox = [];
    input.results = new Map([
      ['payments', { watch: 'payments', ok: true, deployments: [deployment('calm')], skipped: [], requestIds: [] }],
    ]);
    const calm = renderHtml(buildReportModel(input));
    expect(calm).toContain('<header class="top ok">');
    expect(calm).toContain('<h1 id="headline">All clear: nothing firing, every watch answering</h1>');
    expect(calm).toContain('Nothing is firing.');
    expect(calm).toContain('Outbox: empty');
  });

  it('holds no secret', () => {
    for (const secret of [REPORT_TOKEN, WEBHOOK_TOKEN, SIGNING_SECRET]) expect(page).not.toContain(secret);
  });
});
