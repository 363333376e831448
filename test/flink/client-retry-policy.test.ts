import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  backoffDelayMs,
  DEFAULT_BACKOFF,
  decideRetry,
  isRetryableFailure,
  MIN_ATTEMPT_MS,
} from '../../lib/flink/retry-policy';

describe('retry classification', () => {
  it('retries network failures, throttling, 5xx and 429', () => {
    for (const code of ['RequestTimeout', 'ECONNRESET', 'ECONNREFUSED', 'EAI_AGAIN', 'SocketHangUp']) {
      expect(isRetryableFailure(code, undefined), code).toBe(true);
    }
    for (const code of ['Throttling', 'Throttling.User', 'Throttling.Api', 'ServiceUnavailable', 'InternalError']) {
      expect(isRetryableFailure(code, 400), code).toBe(true);
    }
    expect(isRetryableFailure('Http502', 502)).toBe(true);
    expect(isRetryableFailure('SomethingElse', 429)).toBe(true);
  });

  it('never retries signature, authentication or parameter errors, whatever the status', () => {
    for (const code of [
      'SignatureDoesNotMatch',
      'IncompleteSignature',
      'InvalidAccessKeyId.NotFound',
      'InvalidAccessKeyId.Inactive',
      'InvalidSecurityToken.Expired',
      'InvalidTimeStamp.Expired',
      'SignatureNonceUsed',
      'MissingParameter',
      'InvalidParameter',
    ]) {
      expect(isRetryableFailure(code, 400), code).toBe(false);
      expect(isRetryableFailure(code, 503), code).toBe(false);
    }
    expect(isRetryableFailure('NoPermission', 200)).toBe(false);
    expect(isRetryableFailure('Http404', 404)).toBe(false);
  });
});

describe('backoff', () => {
  it('is full jitter under an exponential ceiling capped at 5 s', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 30 }), fc.double({ min: 0, max: 1, noNaN: true }), (retry, r) => {
        const ceiling = Math.min(5_000, 200 * 2 ** retry);
        const delay = backoffDelayMs(retry, DEFAULT_BACKOFF, () => r);
        return delay >= 0 && delay <= ceiling;
      }),
    );
    expect([0, 1, 2, 3, 10].map((n) => backoffDelayMs(n, DEFAULT_BACKOFF, () => 1))).toEqual([
      200, 400, 800, 1600, 5000,
    ]);
  });

  it('never plans a sleep that leaves less than one useful attempt before the deadline', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10 }),
        fc.integer({ min: 0, max: 10_000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (attempts, remainingMs, r) => {
          const d = decideRetry({
            retryable: true,
            attempts,
            maxAttempts: 5,
            remainingMs,
            policy: DEFAULT_BACKOFF,
            random: () => r,
          });
          if (!d.retry) return true;
          return attempts < 5 && remainingMs - d.delayMs >= MIN_ATTEMPT_MS;
        },
      ),
    );
    expect(
      decideRetry({
        retryable: false,
        attempts: 1,
        maxAttempts: 5,
        remainingMs: 9_999,
        policy: DEFAULT_BACKOFF,
        random: () => 0,
      }),
    ).toEqual({
      retry: false,
      reason: 'not retryable',
    });
  });
});
