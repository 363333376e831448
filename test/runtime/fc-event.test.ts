import { describe, expect, it } from 'vitest';
import { budgetFromContext, contextCredentials } from '../../lib/runtime/fc-context';
import { parseHttpEvent, parseTimerEvent } from '../../lib/runtime/fc-event';

const buf = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value));

describe('parseTimerEvent', () => {
  it.each([
    [buf({ triggerTime: '2026-11-28T01:00:00Z', triggerName: 't', payload: '{"job":"digest"}' }), 'digest', []],
    [buf({ triggerName: 't', payload: '{"watches":["payments"]}' }), 'tick', ['payments']],
    [buf({ triggerName: 't', payload: '' }), 'tick', []],
    [Buffer.alloc(0), 'tick', []],
    [buf({ job: 'tick', watches: ['a', 'b'] }), 'tick', ['a', 'b']],
  ])('reads %s', (event, job, watches) => {
    const request = parseTimerEvent(event);
    expect(request.job).toBe(job);
    expect(request.watches).toEqual(watches);
  });

  it.each([
    [buf('{"triggerName":'), 'the timer event is not JSON'],
    [buf({ payload: 'tick please' }), 'the timer payload is not JSON'],
    [buf({ payload: '{"job":"report"}' }), 'timer payload "job" must be "tick" or "digest", got "report"'],
    [buf({ payload: '{"watches":"payments"}' }), 'timer payload "watches" must be a list of watch names'],
  ])('rejects %s with a message that names the problem', (event, message) => {
    expect(() => parseTimerEvent(event)).toThrow(message);
  });
});

describe('parseHttpEvent', () => {
  it('reads method, decoded path, lower-cased headers, query and a base64 body', () => {
    const request = parseHttpEvent(
      buf({
        version: 'v1',
        rawPath: '/report%20x',
        headers: { Authorization: 'Bearer t', 'X-Multi': ['a', 'b'] },
        queryParameters: { format: 'csv' },
        body: Buffer.from('{"x":1}').toString('base64'),
        isBase64Encoded: true,
        requestContext: { http: { method: 'post', path: '/report x' } },
      }),
    );
    expect(request).toEqual({
      method: 'POST',
      path: '/report x',
      headers: { authorization: 'Bearer t', 'x-multi': 'a,b' },
      query: { format: 'csv' },
      body: Buffer.from('{"x":1}'),
    });
  });

  it('falls back to rawPath and rejects what is not an event', () => {
    expect(parseHttpEvent(buf({ rawPath: '/alerts' })).path).toBe('/alerts');
    expect(() => parseHttpEvent(buf('not json'))).toThrow('the HTTP trigger event is not JSON');
    expect(() => parseHttpEvent(buf({ rawPath: '/%E0%A4%A' }))).toThrow('not valid URL encoding');
  });
});

describe('function context', () => {
  it('keeps a safety margin of 10 % or 5 s from the function timeout, capped by the configured budget', () => {
    expect(budgetFromContext({ function: { timeout: 60 } }, 120_000)).toBe(54_000);
    expect(budgetFromContext({ function: { timeout: 30 } }, 120_000)).toBe(25_000);
    expect(budgetFromContext({ function: { timeout: 60 } }, 20_000)).toBe(20_000);
    expect(budgetFromContext({ function: { timeout: 2 } }, 20_000)).toBe(1_000);
    expect(budgetFromContext(undefined, 20_000)).toBe(20_000);
  });

  it('treats the `{}` credentials of a function without a role as none', () => {
    expect(contextCredentials({ credentials: {} })).toBeUndefined();
    expect(contextCredentials({ credentials: { accessKeyId: 'id', accessKeySecret: 's' } })).toEqual({
      accessKeyId: 'id',
      accessKeySecret: 's',
    });
  });
});
