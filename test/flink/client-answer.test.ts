import { describe, expect, it } from 'vitest';
import { checkAnswer, classifyThrown, cleanText } from '../../lib/flink/client-failure';

describe('answer checks', () => {
  it('accepts success with a data list, taking the requestId from the body', () => {
    expect(
      checkAnswer({ statusCode: 200, headers: {}, body: { requestId: 'R1', success: true, data: [{ a: 1 }] } }),
    ).toEqual({
      ok: true,
      requestId: 'R1',
      data: [{ a: 1 }],
    });
  });

  it('turns success:false into a failure with the body code, treating "\\"\\"" as empty', () => {
    const res = checkAnswer({
      statusCode: 200,
      headers: {},
      body: { requestId: 'R2', success: false, errorCode: '""', errorMessage: '""' },
    });
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(res.failure).toMatchObject({ code: 'UnspecifiedError', requestId: 'R2', httpStatus: 200, retryable: false });
    const throttled = checkAnswer({
      statusCode: 200,
      headers: {},
      body: { success: false, errorCode: 'Throttling.User', errorMessage: 'slow down' },
    });
    expect(throttled.ok === false && throttled.failure.retryable).toBe(true);
  });

  it('names what is wrong with a 2xx whose data is not a list', () => {
    for (const [data, words] of [
      [undefined, 'missing'],
      [null, 'null'],
      [{ items: [] }, 'of type object'],
    ] as const) {
      const res = checkAnswer({ statusCode: 200, headers: {}, body: { success: true, data } });
      expect(res.ok).toBe(false);
      if (res.ok) continue;
      expect(res.failure.code).toBe('MalformedResponse');
      expect(res.failure.malformed).toBe(true);
      expect(res.failure.detail).toContain(`"data" is ${words}`);
    }
  });

  it('reads codes from the error body, not from the library\'s "undefined" code', () => {
    const err = Object.assign(new Error('undefined: code: 400, undefined request id: R3'), {
      code: 'undefined',
      statusCode: 400,
      data: {
        requestId: 'R3',
        success: false,
        httpCode: 400,
        errorCode: 'InvalidParameter',
        errorMessage: 'bad label',
        statusCode: 400,
      },
    });
    expect(classifyThrown(err, 1000)).toMatchObject({
      code: 'InvalidParameter',
      httpStatus: 400,
      requestId: 'R3',
      detail: 'bad label',
      retryable: false,
    });
    const gateway = Object.assign(new Error('x'), {
      data: { RequestId: 'R4', Code: 'Throttling.User', Message: 'denied', statusCode: 400 },
    });
    expect(classifyThrown(gateway, 1000)).toMatchObject({
      code: 'Throttling.User',
      httpStatus: 400,
      requestId: 'R4',
      retryable: true,
    });
  });

  it('classifies timeouts, network codes and non-JSON bodies', () => {
    const timeout = Object.assign(new Error('ReadTimeout(300). GET http://x failed.'), { name: 'RequestTimeoutError' });
    expect(classifyThrown(timeout, 300)).toMatchObject({ code: 'RequestTimeout', retryable: true });
    expect(classifyThrown(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }), 1)).toMatchObject({
      code: 'ECONNRESET',
      retryable: true,
    });
    const refused = Object.assign(
      new Error('connect ECONNREFUSED 127.0.0.1:1GET http://127.0.0.1:1/api/x?labelKey=a failed.'),
      {
        code: 'ECONNREFUSED',
      },
    );
    expect(classifyThrown(refused, 1)).toMatchObject({
      code: 'ECONNREFUSED',
      detail: 'connect ECONNREFUSED 127.0.0.1:1 (GET http://127.0.0.1:1/api/x)',
    });
    expect(classifyThrown(timeout, 300).detail).toBe('no answer within 300 ms (ReadTimeout(300) (GET http://x))');
    expect(classifyThrown(new SyntaxError('Unexpected token <'), 1)).toMatchObject({
      code: 'MalformedResponse',
      malformed: true,
    });
    expect(classifyThrown(new Error('something odd'), 1)).toMatchObject({ code: 'Error', retryable: false });
  });

  it('cleans loosely typed text fields', () => {
    expect(cleanText('""')).toBeUndefined();
    expect(cleanText('undefined')).toBeUndefined();
    expect(cleanText(' x ')).toBe('x');
    expect(cleanText(42)).toBe('42');
    expect(cleanText({})).toBeUndefined();
  });
});
