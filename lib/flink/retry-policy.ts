/**
 * When a failed API attempt is worth repeating, and how long to wait first. The client library itself never
 * retries, so these decisions are ours. Pure: the caller supplies the random source and the remaining time.
 */
export interface BackoffPolicy {
  baseMs: number;
  capMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 200, capMs: 5_000 };

/** An attempt gets at least this much time; with less left it is not worth starting. */
export const MIN_ATTEMPT_MS = 100;

const RETRYABLE_NETWORK_CODES = new Set([
  'RequestTimeout',
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'SocketHangUp',
]);

const RETRYABLE_API_CODE = /^(Throttling($|\.)|ServiceUnavailable($|\.)|InternalError($|\.)|InternalServerError$)/;

/** Codes that mean the request itself is wrong or unauthorised: repeating it cannot help. */
const AUTHENTICATION_CODE =
  /^(SignatureDoesNotMatch|IncompleteSignature|InvalidAccessKeyId(\.|$)|InvalidSecurityToken(\.|$)|InvalidAccessKeySecret)/;
const PERMANENT_CODE =
  /^(InvalidTimeStamp(\.|$)|SignatureNonceUsed|Forbidden|NoPermission|InvalidParameter|MissingParameter|InvalidAction|InvalidVersion)/;

export function isAuthenticationCode(code: string): boolean {
  return AUTHENTICATION_CODE.test(code);
}

export function isNetworkCode(code: string): boolean {
  return RETRYABLE_NETWORK_CODES.has(code);
}

/** Retry network failures, throttling and server-side failures; never signature, auth or parameter errors. */
export function isRetryableFailure(code: string, httpStatus: number | undefined): boolean {
  if (AUTHENTICATION_CODE.test(code) || PERMANENT_CODE.test(code)) return false;
  if (RETRYABLE_NETWORK_CODES.has(code) || RETRYABLE_API_CODE.test(code)) return true;
  return httpStatus !== undefined && (httpStatus >= 500 || httpStatus === 429);
}

/** Full jitter: uniformly random in [0, min(cap, base·2^retry)), `retry` counting from 0 for the first retry. */
export function backoffDelayMs(retry: number, policy: BackoffPolicy, random: () => number): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** Math.max(0, retry));
  const r = Math.min(Math.max(random(), 0), 1);
  return Math.floor(ceiling * r);
}

export type RetryDecision = { retry: true; delayMs: number } | { retry: false; reason: string };

export interface RetryInputs {
  retryable: boolean;
  /** Attempts made so far (≥ 1). */
  attempts: number;
  maxAttempts: number;
  remainingMs: number;
  policy: BackoffPolicy;
  random: () => number;
}

/** Whether to try again, never sleeping past the deadline. */
export function decideRetry(inputs: RetryInputs): RetryDecision {
  if (!inputs.retryable) return { retry: false, reason: 'not retryable' };
  if (inputs.attempts >= inputs.maxAttempts) return { retry: false, reason: `${inputs.maxAttempts} attempts made` };
  const delayMs = backoffDelayMs(inputs.attempts - 1, inputs.policy, inputs.random);
  if (inputs.remainingMs - delayMs < MIN_ATTEMPT_MS) {
    return { retry: false, reason: `deadline too close (${inputs.remainingMs} ms left)` };
  }
  return { retry: true, delayMs };
}
