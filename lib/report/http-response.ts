import type { HttpResponse } from '../runtime/fc-event';
import { DATA_POLICY, securityHeaders } from './content-security';

export const CONTENT_TYPES = {
  html: 'text/html; charset=utf-8',
  json: 'application/json; charset=utf-8',
  csv: 'text/csv; charset=utf-8; header=present',
  md: 'text/markdown; charset=utf-8',
} as const;

/** Header names are lower-case, like those of `HttpRequest`. */
export function textResponse(
  statusCode: number,
  body: string,
  contentType: string,
  options: { policy?: string; headers?: Record<string, string> } = {},
): HttpResponse {
  return {
    statusCode,
    headers: { 'content-type': contentType, ...securityHeaders(options.policy ?? DATA_POLICY), ...options.headers },
    body,
    isBase64Encoded: false,
  };
}

export function jsonResponse(statusCode: number, value: unknown, headers: Record<string, string> = {}): HttpResponse {
  return textResponse(statusCode, `${JSON.stringify(value, null, 2)}\n`, CONTENT_TYPES.json, { headers });
}

/** Every error is `{error, hint}`: what was wrong and what to do about it; never a stack trace. */
export function errorResponse(
  statusCode: number,
  error: string,
  hint: string,
  headers: Record<string, string> = {},
): HttpResponse {
  return jsonResponse(statusCode, { error, hint }, headers);
}
