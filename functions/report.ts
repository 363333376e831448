/**
 * Function Compute 3.0 HTTP handler: the report endpoint. It only adapts the FC HTTP event to lib/report's router
 * and maps failures to a JSON error answer without internals.
 */
import { ConfigError } from '../lib/config';
import { handleReportRequest } from '../lib/report';
import { EventParseError } from '../lib/runtime/errors';
import type { FcContext } from '../lib/runtime/fc-context';
import { type HttpResponse, parseHttpEvent } from '../lib/runtime/fc-event';
import { runDigest } from '../lib/service/digest';
import { createFunctionRuntime, type FunctionRuntime } from '../lib/service/function-runtime';
import { listReportAlerts, loadReportModel } from '../lib/service/report-service';

function jsonError(statusCode: number, error: string, hint: string): HttpResponse {
  return {
    statusCode,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    },
    body: JSON.stringify({ error, hint }),
    isBase64Encoded: false,
  };
}

export function createReportHandler(runtime: FunctionRuntime) {
  return async function handler(event: unknown, context: FcContext): Promise<HttpResponse> {
    let logger = runtime.bareLogger(context);
    try {
      const request = parseHttpEvent(event);
      const { deps, deadline, logger: invocationLogger, loaded } = await runtime.invocation(context);
      logger = invocationLogger;
      return await handleReportRequest(request, {
        config: loaded.config,
        loadModel: (o) => runtime.reportModels.get(o.watch ?? '', () => loadReportModel(deps, { ...o, deadline })),
        listAlerts: () => listReportAlerts(deps, deps.clock.now()),
        pushDigest: () => runDigest(deps, { deadline }),
        now: () => deps.clock.now(),
        logger,
      });
    } catch (err) {
      if (err instanceof EventParseError) return jsonError(400, err.message, 'send an FC 3.0 HTTP trigger event');
      if (err instanceof ConfigError) {
        logger.error('configuration problem', { error: err });
        return jsonError(500, 'the report is not configured correctly', 'see the function log for the problems');
      }
      logger.error('report request failed', { error: err });
      return jsonError(500, 'the report failed', 'see the function log');
    }
  };
}

export const handler = createReportHandler(createFunctionRuntime({ env: process.env }));
