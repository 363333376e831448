import { beforeEach, describe, expect, it, vi } from 'vitest';
import { handleReportRequest } from '../../lib/report/router';
import type { HttpResponse } from '../../lib/runtime/fc-event';
import { REPORT_TOKEN, SIGNING_SECRET, WEBHOOK_TOKEN, WEBHOOK_URL } from './fixtures';
import { BEARER, harness, request } from './router-harness';

const crypto = vi.hoisted(() => ({ timingSafeEqualCalls: [] as Array<[number, number]> }));
vi.mock('node:crypto', async (importOriginal) => {
  const original = await importOriginal<typeof import('node:crypto')>();
  return {
    ...original,
    timingSafeEqual: (a: NodeJS.ArrayBufferView, b: NodeJS.ArrayBufferView) => {
      crypto.timingSafeEqualCalls.push([a.byteLength, b.byteLength]);
      return original.timingSafeEqual(a, b);
    },
  };
});

const NO_AUTH = {};
const WRONG = { authorization: 'Bearer not-the-token' };
const basic = (password: string) => ({
  authorization: `Basic ${Buffer.from(`oncall:${password}`).toString('base64')}`,
});

function expectSecurityHeaders(response: HttpResponse): void {
  expect(response.headers['content-security-policy']).toMatch(/default-src 'none'/);
  expect(response.headers['x-content-type-options']).toBe('nosniff');
  expect(response.headers['referrer-policy']).toBe('no-referrer');
  expect(response.headers['cache-control']).toBe('no-store');
}

describe('handleReportRequest routing table', () => {
  it.each([
    ['GET', '/', BEARER, 200],
    ['HEAD', '/', BEARER, 200],
    ['GET', '/report', BEARER, 200],
    ['GET', '/report/', BEARER, 200],
    ['GET', '/report?format=csv', BEARER, 200],
    ['GET', '/report?format=md&watch=payments', BEARER, 200],
    ['GET', '/report?format=xml', BEARER, 400],
    ['GET', '/report?watch=nope', BEARER, 400],
    ['GET', '/alerts', BEARER, 200],
    ['POST', '/digest', BEARER, 200],
    ['GET', '/digest', BEARER, 405],
    ['POST', '/report', BEARER, 405],
    ['DELETE', '/', BEARER, 405],
    ['GET', '/nope', BEARER, 404],
    ['GET', '/healthz', undefined, 200],
    ['HEAD', '/healthz', undefined, 200],
    ['POST', '/healthz', undefined, 405],
    ['GET', '/', undefined, 401],
    ['GET', '/report', undefined, 401],
    ['GET', '/alerts', undefined, 401],
    ['POST', '/digest', undefined, 401],
    ['GET', '/nope', undefined, 401],
    ['GET', '/', 'Bearer', 401],
    ['GET', '/', 'Token abc', 401],
    ['GET', '/', 'Bearer wrong', 403],
    ['POST', '/digest', 'Bearer wrong', 403],
    ['GET', '/', `bearer ${REPORT_TOKEN}`, 200],
  ])('%s %s (auth %s) → %i', async (method, path, authorization, status) => {
    const { deps } = harness();
    const headers: Record<string, string> = authorization === undefined ? {} : { authorization };
    const response = await handleReportRequest(request(method, path, headers), deps);
    expect(response.statusCode).toBe(status);
    expectSecurityHeaders(response);
    if (method === 'HEAD') expect(response.body).toBe('');
  });
});

describe('authentication', () => {
  beforeEach(() => {
    crypto.timingSafeEqualCalls.length = 0;
  });

  it('asks for a bearer token with 401 and WWW-Authenticate when none is sent', async () => {
    const response = await handleReportRequest(request('GET', '/', NO_AUTH), harness().deps);
    expect(response.statusCode).toBe(401);
    expect(response.headers['www-authenticate']).toMatch(/^Bearer realm=/);
    expect(JSON.parse(response.body)).toEqual({
      error: 'authentication required: the Authorization header is missing',
      hint: 'send Authorization: Bearer <report token>',
    });
  });

  it('refuses a wrong token with 403 and no challenge', async () => {
    const response = await handleReportRequest(request('GET', '/alerts', WRONG), harness().deps);
    expect(response.statusCode).toBe(403);
    expect(response.headers['www-authenticate']).toBeUndefined();
    expect(JSON.parse(response.body).error).toBe('the report token is wrong');
  });

  it('accepts the token as the Basic password so a browser can prompt for it', async () => {
    const { deps } = harness();
    expect((await handleReportRequest(request('GET', '/', basic(REPORT_TOKEN)), deps)).statusCode).toBe(200);
    expect((await handleReportRequest(request('GET', '/', basic('wrong')), deps)).statusCode).toBe(403);
  });

  it('compares with timingSafeEqual over equal-length SHA-256 digests, whatever the token length', async () => {
    const { deps } = harness();
    for (const token of ['x', REPORT_TOKEN, REPORT_TOKEN.repeat(5)]) {
      await handleReportRequest(request('GET', '/alerts', { authorization: `Bearer ${token}` }), deps);
    }
    expect(crypto.timingSafeEqualCalls).toEqual([
      [32, 32],
      [32, 32],
      [32, 32],
    ]);
  });

  it('needs no token when report.auth is none', async () => {
    const { deps } = harness({}, { auth: 'none' });
    expect((await handleReportRequest(request('GET', '/report', NO_AUTH), deps)).statusCode).toBe(200);
    expect(crypto.timingSafeEqualCalls).toEqual([]);
  });

  it('answers 500 with a fix when auth is token but no token is configured', async () => {
    const { deps } = harness({}, { auth: 'token', token: '' });
    const response = await handleReportRequest(request('GET', '/', { authorization: 'Bearer ' }), deps);
    expect(response.statusCode).toBe(500);
    expect(JSON.parse(response.body).hint).toMatch(/report\.token.*report\.auth: none/);
  });
});

describe('routes', () => {
  it('serves the HTML page with its hash-based policy', async () => {
    const response = await handleReportRequest(request('GET', '/'), harness().deps);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.headers['content-security-policy']).toMatch(/script-src 'sha256-[A-Za-z0-9+/=]+'/);
    expect(response.body).toMatch(/^<!doctype html>/);
  });

  it('serves JSON by default and passes the watch on', async () => {
    const { deps, calls } = harness();
    const response = await handleReportRequest(request('GET', '/report?watch=batch-nightly'), deps);
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(JSON.parse(response.body).watches.map((w: { name: string }) => w.name)).toEqual(['batch-nightly']);
    expect(calls.loadModel).toEqual([{ watch: 'batch-nightly' }]);
  });

  it('serves CSV as a download and Markdown as text', async () => {
    const { deps } = harness();
    const csv = await handleReportRequest(request('GET', '/report?format=csv'), deps);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['content-disposition']).toBe('attachment; filename="flink-watch-report.csv"');
    expect(csv.body.startsWith('watch,name,deploymentId')).toBe(true);
    const md = await handleReportRequest(request('GET', '/report?format=md'), deps);
    expect(md.headers['content-type']).toBe('text/markdown; charset=utf-8');
    expect(md.body.startsWith('# flink-watch report')).toBe(true);
  });

  it('names the allowed formats and the known watches in 400s', async () => {
    const { deps, calls } = harness();
    const format = JSON.parse((await handleReportRequest(request('GET', '/report?format=xml'), deps)).body);
    expect(format).toEqual({
      error: 'unknown format "xml"',
      hint: 'use format=json, format=csv, format=md (default json)',
    });
    const watch = JSON.parse((await handleReportRequest(request('GET', '/report?watch=pay'), deps)).body);
    expect(watch).toEqual({ error: 'unknown watch "pay"', hint: 'use one of: payments, risk, batch-nightly' });
    expect(calls.loadModel).toEqual([]);
  });

  it('lists the current alerts', async () => {
    const body = JSON.parse((await handleReportRequest(request('GET', '/alerts'), harness().deps)).body);
    expect(body.generatedAt).toBe('2030-01-01T02:00:00.000Z');
    expect(body.alerts.map((a: { status: string }) => a.status)).toEqual([
      'firing',
      'firing',
      'firing',
      'pending',
      'resolved',
    ]);
  });

  it('answers /healthz with a fixed body and no data, without calling anything', async () => {
    const { deps, calls } = harness();
    const response = await handleReportRequest(request('GET', '/healthz', NO_AUTH), deps);
    expect(JSON.parse(response.body)).toEqual({ status: 'ok' });
    expect(calls.loadModel).toEqual([]);
  });

  it.each([
    [{ sent: 2, queued: 0, failed: 0 }, 200],
    [{ sent: 1, queued: 1, failed: 0 }, 202],
    [{ sent: 0, queued: 0, failed: 2 }, 502],
  ])('pushes a digest %j → %i with the counts', async (counts, status) => {
    const { deps } = harness({ pushDigest: async () => counts });
    const response = await handleReportRequest(request('POST', '/digest'), deps);
    expect(response.statusCode).toBe(status);
    expect(JSON.parse(response.body)).toMatchObject(counts);
  });

  it('sends Allow with a 405', async () => {
    const { deps } = harness();
    expect((await handleReportRequest(request('PUT', '/report'), deps)).headers.allow).toBe('GET, HEAD');
    expect((await handleReportRequest(request('GET', '/digest'), deps)).headers.allow).toBe('POST');
  });

  it('turns a failing loadModel into 503 naming what failed, without a stack', async () => {
    const failure = new Error('state store unreachable: OSS GetObject timed out after 3000 ms');
    failure.name = 'StateStoreError';
    const { deps, lines } = harness({ loadModel: async () => Promise.reject(failure) });
    const response = await handleReportRequest(request('GET', '/'), deps);
    expect(response.statusCode).toBe(503);
    expect(response.headers['retry-after']).toBe('30');
    const body = JSON.parse(response.body);
    expect(body.error).toBe(
      'loading the report failed: StateStoreError: state store unreachable: OSS GetObject timed out after 3000 ms',
    );
    expect(response.body).not.toMatch(/\bat .*\.ts:\d+/);
    expect(lines.some((l) => l.includes('"level":"error"') && l.includes('StateStoreError'))).toBe(true);
  });

  it('answers 502 when the Flink API is what failed', async () => {
    const failure = new Error('GetDeploymentsByLabel failed: Throttling.User');
    failure.name = 'FlinkApiError';
    const { deps } = harness({ loadModel: async () => Promise.reject(failure) });
    expect((await handleReportRequest(request('GET', '/report'), deps)).statusCode).toBe(502);
  });

  it('logs one line per request with method, path and status', async () => {
    const { deps, lines } = harness();
    await handleReportRequest(request('GET', '/alerts'), deps);
    const entry = JSON.parse(lines.at(-1) ?? '{}');
    expect(entry).toMatchObject({ level: 'info', msg: 'report request', method: 'GET', path: '/alerts', status: 200 });
  });
});

describe('secrets', () => {
  it('never puts the report token or a webhook URL in any response or log line, on any route', async () => {
    const leaky = new Error(`POST ${WEBHOOK_URL} failed; token ${REPORT_TOKEN}; secret ${SIGNING_SECRET}`);
    const requests = [
      request('GET', '/'),
      request('HEAD', '/'),
      request('GET', '/report'),
      request('GET', '/report?format=csv'),
      request('GET', '/report?format=md'),
      request('GET', `/report?format=${REPORT_TOKEN}`),
      request('GET', `/report?watch=${WEBHOOK_TOKEN}`),
      request('GET', '/alerts'),
      request('POST', '/digest'),
      request('GET', '/healthz', {}),
      request('GET', `/${REPORT_TOKEN}`),
      request('GET', `/${WEBHOOK_TOKEN}`, {}),
      request('GET', '/', {}),
      request('GET', '/', { authorization: `Bearer ${REPORT_TOKEN}x` }),
      request('GET', '/', { authorization: `Bearer ${WEBHOOK_URL}` }),
      request('PATCH', '/report'),
    ];
    const seen: string[] = [];
    for (const failing of [false, true]) {
      const overrides = failing
        ? {
            loadModel: async () => Promise.reject(leaky),
            listAlerts: async () => Promise.reject(leaky),
            pushDigest: async () => Promise.reject(leaky),
          }
        : {};
      const { deps, lines } = harness(overrides);
      for (const r of requests) {
        const response = await handleReportRequest(r, deps);
        seen.push(response.body, JSON.stringify(response.headers));
      }
      seen.push(...lines);
    }
    expect(seen.join('\n')).toContain('<redacted>');
    for (const secret of [REPORT_TOKEN, WEBHOOK_TOKEN, WEBHOOK_URL, SIGNING_SECRET]) {
      expect(seen.filter((text) => text.includes(secret))).toEqual([]);
    }
  });
});
