import { EventParseError } from './errors';

/** What a timer trigger may ask for, in its `payload` (a JSON string). */
export interface TimerRequest {
  job: 'tick' | 'digest';
  /** Only these watches; empty means all. */
  watches: string[];
  triggerTime?: Date;
}

export interface HttpRequest {
  method: string;
  /** Decoded path, always starting with `/`. */
  path: string;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  query: Record<string, string>;
  body: Buffer;
}

export interface HttpResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
  isBase64Encoded: boolean;
}

function eventText(event: unknown): string {
  if (Buffer.isBuffer(event)) return event.toString('utf8');
  if (typeof event === 'string') return event;
  if (event instanceof Uint8Array) return Buffer.from(event).toString('utf8');
  if (event && typeof event === 'object') return JSON.stringify(event);
  return '';
}

function parseJsonObject(text: string, what: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new EventParseError(`${what} is not JSON`, { cause: err });
  }
  if (!value || typeof value !== 'object' || Array.isArray(value))
    throw new EventParseError(`${what} is not a JSON object`);
  return value as Record<string, unknown>;
}

/**
 * FC 3.0 hands the timer event as a Buffer holding `{triggerTime, triggerName, payload}`; `payload` is the trigger's
 * configured string, which we read as JSON `{"job":"tick"|"digest","watches":[…]}`. An empty event (manual invoke)
 * means a tick of every watch.
 */
export function parseTimerEvent(event: unknown): TimerRequest {
  const text = eventText(event).trim();
  if (!text) return { job: 'tick', watches: [] };
  const outer = parseJsonObject(text, 'the timer event');
  const request: TimerRequest = { job: 'tick', watches: [] };
  if (typeof outer.triggerTime === 'string' && !Number.isNaN(Date.parse(outer.triggerTime))) {
    request.triggerTime = new Date(outer.triggerTime);
  }
  const payloadSource = typeof outer.payload === 'string' ? outer.payload.trim() : 'payload' in outer ? '' : text;
  if (!payloadSource) return request;
  const payload = payloadSource === text ? outer : parseJsonObject(payloadSource, 'the timer payload');
  if (payload.job !== undefined) {
    if (payload.job !== 'tick' && payload.job !== 'digest') {
      throw new EventParseError(`timer payload "job" must be "tick" or "digest", got ${JSON.stringify(payload.job)}`);
    }
    request.job = payload.job;
  }
  if (payload.watches !== undefined) {
    if (!Array.isArray(payload.watches) || !payload.watches.every((w) => typeof w === 'string')) {
      throw new EventParseError('timer payload "watches" must be a list of watch names');
    }
    request.watches = payload.watches as string[];
  }
  return request;
}

function stringRecord(value: unknown, lowerKeys: boolean): Record<string, string> {
  const out: Record<string, string> = {};
  if (!value || typeof value !== 'object') return out;
  for (const [k, v] of Object.entries(value)) {
    if (v === undefined || v === null) continue;
    out[lowerKeys ? k.toLowerCase() : k] = Array.isArray(v) ? v.map(String).join(',') : String(v);
  }
  return out;
}

/** FC 3.0 HTTP trigger event (a Buffer of JSON): `{version, rawPath, headers, queryParameters, body, isBase64Encoded, requestContext}`. */
export function parseHttpEvent(event: unknown): HttpRequest {
  const outer = parseJsonObject(eventText(event), 'the HTTP trigger event');
  const context = (outer.requestContext ?? {}) as { http?: { method?: unknown; path?: unknown } };
  const method = String(context.http?.method ?? outer.httpMethod ?? 'GET').toUpperCase();
  let path = typeof context.http?.path === 'string' ? context.http.path : '';
  if (!path && typeof outer.rawPath === 'string') {
    try {
      path = decodeURIComponent(outer.rawPath);
    } catch {
      throw new EventParseError('the HTTP trigger event has a rawPath that is not valid URL encoding');
    }
  }
  if (!path.startsWith('/')) path = `/${path}`;
  const rawBody = typeof outer.body === 'string' ? outer.body : '';
  const body = outer.isBase64Encoded === true ? Buffer.from(rawBody, 'base64') : Buffer.from(rawBody, 'utf8');
  return {
    method,
    path,
    headers: stringRecord(outer.headers, true),
    query: stringRecord(outer.queryParameters, false),
    body,
  };
}
