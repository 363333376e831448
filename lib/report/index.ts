/** The report area: model, renderers, the HTTP router of the report endpoint and a local server adapter. */
export { checkToken, presentedToken, tokensMatch } from './auth';
export { buildReportModel, REPORT_TITLE, type ReportModelInput } from './build-model';
export { consoleUrl } from './console-link';
export { DATA_POLICY, htmlPagePolicy, securityHeaders } from './content-security';
export { ReportError, ReportRequestError, ReportServerStartError, RequestBodyTooLargeError } from './errors';
export { classifyHealth, expectsRunningJob, HEALTH_ORDER } from './health';
export { HISTORY_WINDOW_MS, watchHistory } from './history';
export type * from './model';
export { renderCsv } from './render-csv';
export { renderHtml } from './render-html';
export { renderJson } from './render-json';
export { type MarkdownOptions, renderMarkdown } from './render-markdown';
export { compareReportAlerts, RESOLVED_VISIBLE_MS, selectReportAlerts, toReportAlert } from './report-alerts';
export { REPORT_FORMATS, type ReportDeps, type ReportFormat, ROUTES } from './report-routes';
export { headline, type ReportSummary, summariseReport } from './report-summary';
export { handleReportRequest } from './router';
export { configSecrets, scrubSecrets } from './secrets';
export {
  MAX_BODY_BYTES,
  type ReportServer,
  type ReportServerOptions,
  startReportServer,
  toHttpRequest,
} from './server';
