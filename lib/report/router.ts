import type { HttpRequest, HttpResponse } from '../runtime/fc-event';
import { redactSecrets } from '../runtime/redact';
import { AUTH_CHALLENGE, checkToken } from './auth';
import { ReportRequestError } from './errors';
import { errorResponse } from './http-response';
import { type ReportDeps, ROUTES, type RouteSpec } from './report-routes';
import { configSecrets } from './secrets';

export type { ReportDeps } from './report-routes';

/** `/report/` and `/report` are the same route; the root stays `/`. */
function normalisePath(path: string): string {
  const trimmed = path.replace(/\/+$/, '');
  return trimmed === '' ? '/' : trimmed;
}

function allowHeader(route: RouteSpec): string {
  return route.methods.join(', ');
}

function authFailure(request: HttpRequest, deps: ReportDeps): HttpResponse | undefined {
  const settings = deps.config.report;
  if (settings.auth === 'none') return undefined;
  if (settings.token === undefined || settings.token === '') {
    return errorResponse(
      500,
      'the report endpoint requires a token but report.token is not set',
      'set report.token (through an environment reference), or set report.auth: none to serve the report openly',
    );
  }
  const outcome = checkToken(request.headers.authorization, settings.token);
  if (outcome.ok) return undefined;
  if (outcome.status === 401) {
    return errorResponse(
      401,
      `authentication required: ${outcome.reason}`,
      'send Authorization: Bearer <report token>',
      {
        'www-authenticate': AUTH_CHALLENGE,
      },
    );
  }
  return errorResponse(403, outcome.reason, 'use the token set in report.token of the configuration');
}

/** Why a route's data could not be produced, in words that name the failing part and hold no secret. */
function failureResponse(err: unknown, what: string, secrets: readonly string[]): HttpResponse {
  const name = err instanceof Error ? err.name : 'Error';
  const message = redactSecrets(err instanceof Error ? err.message : String(err), secrets).split('\n')[0] ?? '';
  const upstream = name.startsWith('Flink');
  return errorResponse(
    upstream ? 502 : 503,
    `${what} failed: ${name}: ${message}`,
    upstream
      ? 'the Flink API did not answer as expected; check the endpoint, credentials and the function log'
      : 'try again shortly; the function log has the details',
    { 'retry-after': '30' },
  );
}

const WHAT: Record<string, string> = {
  '/': 'loading the report',
  '/report': 'loading the report',
  '/alerts': 'listing the alerts',
  '/digest': 'pushing the digest',
};

function methodNotAllowed(method: string, path: string, route: RouteSpec): HttpResponse {
  const shown = /^[A-Z]{1,12}$/.test(method) ? method : 'this method';
  return errorResponse(405, `${shown} is not allowed on ${path}`, `use ${allowHeader(route)}`, {
    allow: allowHeader(route),
  });
}

async function dispatch(
  request: HttpRequest,
  path: string,
  deps: ReportDeps,
  secrets: readonly string[],
): Promise<HttpResponse> {
  const route = Object.hasOwn(ROUTES, path) ? ROUTES[path] : undefined;
  const method = request.method.toUpperCase();
  if (route?.public) {
    return route.methods.includes(method) ? route.handle(request, deps) : methodNotAllowed(method, path, route);
  }
  const denied = authFailure(request, deps);
  if (denied) return denied;
  if (!route) {
    return errorResponse(404, 'no such page', `the report serves ${Object.keys(ROUTES).join(', ')}`);
  }
  if (!route.methods.includes(method)) return methodNotAllowed(method, path, route);
  try {
    return await route.handle(request, deps);
  } catch (err) {
    if (err instanceof ReportRequestError) {
      return errorResponse(err.statusCode, redactSecrets(err.message, secrets), redactSecrets(err.hint, secrets));
    }
    const response = failureResponse(err, WHAT[path] ?? 'the request', secrets);
    deps.logger.error('report request failed', {
      path: redactSecrets(path, secrets).slice(0, 200),
      error: redactSecrets(err instanceof Error ? `${err.name}: ${err.message}` : String(err), secrets),
    });
    return response;
  }
}

/**
 * The report endpoint, shared by the Function Compute HTTP handler, `flink-watch serve` and the demo.
 * `GET /` HTML · `GET /report?format=json|csv|md[&watch=NAME]` · `GET /alerts` · `GET /healthz` (no token) ·
 * `POST /digest`. Every route but `/healthz` needs the report token unless `report.auth` is `none`. Never throws.
 */
export async function handleReportRequest(request: HttpRequest, deps: ReportDeps): Promise<HttpResponse> {
  const started = deps.now();
  const secrets = configSecrets(deps.config);
  const path = normalisePath(request.path);
  let response: HttpResponse;
  try {
    response = await dispatch(request, path, deps, secrets);
  } catch (err) {
    deps.logger.error('report request crashed', {
      path: redactSecrets(path, secrets).slice(0, 200),
      error: err instanceof Error ? err.name : 'unknown',
    });
    response = errorResponse(500, 'the report endpoint hit an internal error', 'the function log has the details');
  }
  if (request.method.toUpperCase() === 'HEAD') response = { ...response, body: '' };
  deps.logger.info('report request', {
    method: request.method.slice(0, 12),
    // The path is the client's text: it could carry anything, so it is redacted and kept short.
    path: redactSecrets(path, secrets).slice(0, 200),
    status: response.statusCode,
    durationMs: deps.now() - started,
  });
  return response;
}
