import { REPORT_SCRIPT } from './html-script';
import { alertsSection, headerSection, headlineTone, watchesSection } from './html-sections';
import { REPORT_CSS } from './html-style';
import { deploymentsSection } from './html-table';
import { html, trustedConstant } from './html-template';
import type { ReportModel } from './model';
import { headline, plural, summariseReport } from './report-summary';
import { createTimeFormat } from './time-format';

const FAVICON_COLOR = { bad: '%23c62828', warn: '%23e67700', ok: '%232b8a3e' } as const;

/** A coloured dot as the tab icon (and no request for /favicon.ico). */
function favicon(tone: keyof typeof FAVICON_COLOR): string {
  return `data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 16 16'%3E%3Ccircle cx='8' cy='8' r='7' fill='${FAVICON_COLOR[tone]}'/%3E%3C/svg%3E`;
}

/**
 * The report as one self-contained HTML page: no external resource of any kind, one constant stylesheet and one
 * constant script (allowed by hash, see `content-security.ts`), every value escaped by the `html` template tag.
 */
export function renderHtml(model: ReportModel): string {
  const t = createTimeFormat(model.timeZone);
  const summary = summariseReport(model);
  const tone = headlineTone(summary);
  const title = summary.firing > 0 ? `(${summary.firing}) ${model.title}` : model.title;
  const outbox =
    model.outbox.queued > 0
      ? html`<p>Outbox: ${plural(model.outbox.queued, 'notification')} waiting${model.outbox.oldest ? html` since <time datetime="${model.outbox.oldest}">${t.time(model.outbox.oldest)}</time>` : ''}; they are retried on the next check.</p>`
      : html`<p>Outbox: empty, every notification was delivered.</p>`;
  const page = html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta name="color-scheme" content="light dark">
<title>${title}</title>
<link rel="icon" href="${favicon(tone)}">
<style>${trustedConstant(REPORT_CSS)}</style>
</head>
<body>
${headerSection(model, summary, t)}
<main class="wrap">
${alertsSection(model, t)}
${watchesSection(model, t)}
${deploymentsSection(model)}
<footer>
${outbox}
<p>Generated <time datetime="${model.generatedAt}">${t.time(model.generatedAt)}</time>; times in ${t.timeZone}. ${headline(summary)}.</p>
</footer>
</main>
<script>${trustedConstant(REPORT_SCRIPT)}</script>
</body>
</html>
`;
  return page.value;
}
