import type { Config } from '../../lib/config/types';
import { buildReportModel } from '../../lib/report/build-model';
import type { ReportDeps } from '../../lib/report/report-routes';
import type { HttpRequest } from '../../lib/runtime/fc-event';
import { createLogger } from '../../lib/runtime/logger';
import { NOW, REPORT_TOKEN, sampleInput } from './fixtures';

export interface Harness {
  deps: ReportDeps;
  /** Every log line written, raw (the logger is given no secrets to redact: the router must not log them at all). */
  lines: string[];
  calls: { loadModel: Array<{ watch?: string }>; digest: number };
}

export function harness(
  overrides: Partial<Omit<ReportDeps, 'logger'>> = {},
  report: Partial<Config['report']> = {},
): Harness {
  const lines: string[] = [];
  const calls: Harness['calls'] = { loadModel: [], digest: 0 };
  const input = sampleInput();
  const config: Config = { ...input.config, report: { ...input.config.report, ...report } };
  const deps: ReportDeps = {
    config,
    loadModel: async (options) => {
      calls.loadModel.push(options);
      const results = options.watch
        ? new Map([...input.results].filter(([name]) => name === options.watch))
        : input.results;
      return buildReportModel({ ...input, config, results });
    },
    listAlerts: async () => buildReportModel(input).alerts,
    pushDigest: async () => {
      calls.digest += 1;
      return { sent: 1, queued: 0, failed: 0 };
    },
    now: () => NOW,
    logger: createLogger({ level: 'debug', sink: (line) => lines.push(line), now: () => NOW }),
    ...overrides,
  };
  return { deps, lines, calls };
}

export const BEARER = `Bearer ${REPORT_TOKEN}`;

export function request(
  method: string,
  pathAndQuery: string,
  headers: Record<string, string> = { authorization: BEARER },
  body = '',
): HttpRequest {
  const url = new URL(pathAndQuery, 'http://127.0.0.1');
  return {
    method,
    path: decodeURIComponent(url.pathname),
    headers,
    query: Object.fromEntries(url.searchParams),
    body: Buffer.from(body),
  };
}
