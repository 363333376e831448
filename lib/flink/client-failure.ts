import { MalformedAnswerError } from './errors';
import { isNetworkCode, isRetryableFailure } from './retry-policy';

/** One failed attempt, before secrets are removed and the call is described. */
export interface AttemptFailure {
  code: string;
  httpStatus: number | undefined;
  requestId: string | undefined;
  detail: string;
  retryable: boolean;
  /** The answer arrived but could not be used (not JSON, no `data` list). */
  malformed: boolean;
  cause: unknown;
}

/** A loosely typed text field: the API answers `"\"\""` or `""` for "no value"; the client says `"undefined"`. */
export function cleanText(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  if (trimmed === '' || trimmed === '""' || trimmed === 'undefined' || trimmed === 'null') return undefined;
  return trimmed;
}

function cleanNumber(value: unknown): number | undefined {
  const n = typeof value === 'string' ? Number(value) : value;
  return typeof n === 'number' && Number.isInteger(n) && n > 0 ? n : undefined;
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
}

function failure(
  code: string,
  detail: string,
  cause: unknown,
  extra: { httpStatus?: number | undefined; requestId?: string | undefined; malformed?: boolean } = {},
): AttemptFailure {
  return {
    code,
    detail,
    cause,
    httpStatus: extra.httpStatus,
    requestId: extra.requestId,
    malformed: extra.malformed ?? false,
    retryable: extra.malformed ? true : isRetryableFailure(code, extra.httpStatus),
  };
}

/** The HTTP library glues `GET <url> failed.` to the end of its messages; keep the cause, shorten the URL. */
export function tidyLibraryMessage(message: string): string {
  const m = /^(.*?)\.?\s*(GET|POST|PUT|DELETE|HEAD) (\S+) failed\.$/s.exec(message);
  if (!m) return message;
  const head = (m[1] ?? '').trim();
  const request = `${m[2]} ${(m[3] ?? '').split('?')[0]}`;
  return head === '' ? `${request} failed` : `${head} (${request})`;
}

/** What the client library threw, in our terms. `err.code` is useless for this API; the body is in `err.data`. */
export function classifyThrown(err: unknown, timeoutMs: number): AttemptFailure {
  const e = asRecord(err) ?? {};
  const message = tidyLibraryMessage(cleanText(e['message']) ?? String(err));
  const data = asRecord(e['data']);
  if (data) {
    const httpStatus = cleanNumber(e['statusCode']) ?? cleanNumber(data['statusCode']) ?? cleanNumber(data['httpCode']);
    const code =
      cleanText(data['errorCode']) ?? cleanText(data['Code']) ?? cleanText(data['code']) ?? `Http${httpStatus ?? ''}`;
    const detail =
      cleanText(data['errorMessage']) ??
      cleanText(data['Message']) ??
      cleanText(data['message']) ??
      `the API answered HTTP ${httpStatus ?? '?'} without an error message`;
    const requestId = cleanText(data['requestId']) ?? cleanText(data['RequestId']);
    return failure(code, detail, err, { httpStatus, requestId });
  }
  if (e['name'] === 'RequestTimeoutError') {
    return failure('RequestTimeout', `no answer within ${timeoutMs} ms (${message})`, err);
  }
  const code = cleanText(e['code']);
  if (code && (isNetworkCode(code) || /^E[A-Z_]+$/.test(code))) return failure(code, message, err);
  if (/socket hang up/i.test(message)) return failure('SocketHangUp', message, err);
  if (err instanceof MalformedAnswerError) {
    const parser = err.cause instanceof Error && err.cause !== err ? `: ${err.cause.message}` : '';
    return failure('MalformedResponse', `${err.message}${parser}`, err, { malformed: true });
  }
  if (err instanceof SyntaxError) {
    return failure('MalformedResponse', `the answer body is not JSON (${message})`, err, { malformed: true });
  }
  if (/value is not a object/i.test(message)) {
    return failure('MalformedResponse', 'the answer body is JSON but not an object', err, { malformed: true });
  }
  return failure(code ?? (cleanText(e['name']) || 'UnknownError'), message, err);
}

export type CheckedAnswer<T = unknown> =
  | { ok: true; requestId: string; data: T[] }
  | { ok: false; failure: AttemptFailure };

function describeValue(value: unknown): string {
  if (value === undefined) return 'missing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return `of type ${typeof value}`;
}

/** A 2xx answer is only a success when it says so and carries a `data` list. */
export function checkAnswer<T = unknown>(response: unknown): CheckedAnswer<T> {
  const res = asRecord(response) ?? {};
  const httpStatus = cleanNumber(res['statusCode']);
  const headers = asRecord(res['headers']) ?? {};
  const body = asRecord(res['body']);
  if (!body) {
    const failed = failure('MalformedResponse', 'the answer body is empty or not a JSON object', response, {
      httpStatus,
      malformed: true,
    });
    return { ok: false, failure: failed };
  }
  const requestId =
    cleanText(body['requestId']) ?? cleanText(body['RequestId']) ?? cleanText(headers['x-acs-request-id']);
  if (body['success'] === false || body['success'] === 'false') {
    const code = cleanText(body['errorCode']) ?? cleanText(body['Code']) ?? 'UnspecifiedError';
    const detail =
      cleanText(body['errorMessage']) ??
      cleanText(body['Message']) ??
      'the answer said success:false without a message';
    const failed = failure(code, detail, undefined, { httpStatus, requestId });
    const bodyHttpCode = cleanNumber(body['httpCode']);
    if (!failed.retryable && bodyHttpCode !== undefined && bodyHttpCode >= 500) failed.retryable = true;
    return { ok: false, failure: failed };
  }
  const data = body['data'];
  if (!Array.isArray(data)) {
    const detail = `the answer has success:${String(body['success'])} but its "data" is ${describeValue(data)}, not a list of deployments`;
    return {
      ok: false,
      failure: failure('MalformedResponse', detail, undefined, { httpStatus, requestId, malformed: true }),
    };
  }
  return { ok: true, requestId: requestId ?? '', data: data as T[] };
}
