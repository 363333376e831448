import type { Config } from '../config/types';
import type { HttpRequest, HttpResponse } from '../runtime/fc-event';
import type { Logger } from '../runtime/logger';
import { htmlPagePolicy } from './content-security';
import { ReportRequestError } from './errors';
import { CONTENT_TYPES, jsonResponse, textResponse } from './http-response';
import type { ReportAlert, ReportModel } from './model';
import { renderCsv } from './render-csv';
import { renderHtml } from './render-html';
import { renderJson } from './render-json';
import { renderMarkdown } from './render-markdown';

/** What the report endpoint needs from the rest of the program; the composition root builds it. */
export interface ReportDeps {
  config: Config;
  /** Live data plus state, for all watches or only `watch`. Rejects with an error whose message names what failed. */
  loadModel: (options: { watch?: string }) => Promise<ReportModel>;
  listAlerts: () => Promise<ReportAlert[]>;
  pushDigest: () => Promise<{ sent: number; queued: number; failed: number }>;
  now: () => number;
  logger: Logger;
}

export const REPORT_FORMATS = ['json', 'csv', 'md'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface RouteSpec {
  methods: readonly string[];
  /** `/healthz` answers without a token so load balancers and uptime checks can use it. */
  public: boolean;
  handle: (request: HttpRequest, deps: ReportDeps) => Promise<HttpResponse>;
}

function watchOption(request: HttpRequest, config: Config): { watch?: string } {
  const watch = request.query.watch;
  if (watch === undefined || watch === '') return {};
  const known = config.watches.map((w) => w.name);
  if (!known.includes(watch)) {
    throw new ReportRequestError(
      400,
      `unknown watch ${JSON.stringify(watch)}`,
      known.length > 0 ? `use one of: ${known.join(', ')}` : 'the configuration has no watch',
    );
  }
  return { watch };
}

function formatOption(request: HttpRequest): ReportFormat {
  const format = request.query.format ?? 'json';
  const known = REPORT_FORMATS.find((f) => f === format.toLowerCase());
  if (known === undefined) {
    throw new ReportRequestError(
      400,
      `unknown format ${JSON.stringify(format)}`,
      `use format=${REPORT_FORMATS.join(', format=')} (default json)`,
    );
  }
  return known;
}

async function htmlPage(request: HttpRequest, deps: ReportDeps): Promise<HttpResponse> {
  const model = await deps.loadModel(watchOption(request, deps.config));
  return textResponse(200, renderHtml(model), CONTENT_TYPES.html, { policy: htmlPagePolicy() });
}

async function report(request: HttpRequest, deps: ReportDeps): Promise<HttpResponse> {
  const format = formatOption(request);
  const model = await deps.loadModel(watchOption(request, deps.config));
  if (format === 'csv') {
    const headers = { 'content-disposition': 'attachment; filename="flink-watch-report.csv"' };
    return textResponse(200, renderCsv(model), CONTENT_TYPES.csv, { headers });
  }
  if (format === 'md') {
    const options = deps.config.report.url ? { reportUrl: deps.config.report.url } : {};
    return textResponse(200, renderMarkdown(model, options), CONTENT_TYPES.md);
  }
  return textResponse(200, renderJson(model), CONTENT_TYPES.json);
}

async function alerts(_request: HttpRequest, deps: ReportDeps): Promise<HttpResponse> {
  const list = await deps.listAlerts();
  return jsonResponse(200, { generatedAt: new Date(deps.now()).toISOString(), alerts: list });
}

async function digest(_request: HttpRequest, deps: ReportDeps): Promise<HttpResponse> {
  const counts = await deps.pushDigest();
  const body = { sent: counts.sent, queued: counts.queued, failed: counts.failed };
  if (counts.failed > 0 && counts.sent === 0 && counts.queued === 0) {
    return jsonResponse(502, {
      ...body,
      error: 'the digest could not be delivered to any receiver',
      hint: 'check the receivers with `flink-watch test-receiver`; the function log names the failures',
    });
  }
  // 202: some of it waits in the outbox and goes out on the next tick.
  return jsonResponse(counts.queued > 0 ? 202 : 200, body);
}

async function healthz(): Promise<HttpResponse> {
  return jsonResponse(200, { status: 'ok' });
}

const READ = ['GET', 'HEAD'] as const;

export const ROUTES: Readonly<Record<string, RouteSpec>> = {
  '/': { methods: READ, public: false, handle: htmlPage },
  '/report': { methods: READ, public: false, handle: report },
  '/alerts': { methods: READ, public: false, handle: alerts },
  '/healthz': { methods: READ, public: true, handle: healthz },
  '/digest': { methods: ['POST'], public: false, handle: digest },
};
