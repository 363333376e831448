import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildFunctions,
  captureStdout,
  type FcHandler,
  fcContext,
  type HttpEventInput,
  httpEvent,
  loadHandler,
} from './fc-harness';
import { type FcWorld, leakedSecrets, REPORT_TOKEN, startFcWorld } from './fc-world';

interface FcHttpResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
  isBase64Encoded: boolean;
}

const AUTH = { Authorization: `Bearer ${REPORT_TOKEN}` };

describe('report handler, bundled, invoked through the FC 3.0 HTTP trigger event', () => {
  let world: FcWorld;
  let build: Awaited<ReturnType<typeof buildFunctions>>;
  let handler: FcHandler;
  let stdout: ReturnType<typeof captureStdout>;
  const responses: FcHttpResponse[] = [];
  /** Requests that reached the report's router (each logs one `report request` line). */
  let routed = 0;

  const request = async (input: HttpEventInput, context = world.context()): Promise<FcHttpResponse> => {
    routed += 1;
    const response = (await handler(httpEvent(input), context)) as FcHttpResponse;
    expect(response).toMatchObject({
      statusCode: expect.any(Number),
      body: expect.any(String),
      isBase64Encoded: false,
    });
    responses.push(response);
    return response;
  };
  const json = (r: FcHttpResponse) => JSON.parse(r.body) as Record<string, unknown>;

  beforeAll(async () => {
    // One after the other, so that afterAll can close whatever was started if the other fails.
    world = await startFcWorld();
    build = await buildFunctions(['report']);
    stdout = captureStdout();
    handler = loadHandler(join(build.dir, 'report', 'index.js'));
  });
  afterAll(async () => {
    stdout?.restore();
    await world?.close();
    await build?.remove();
  });

  it('GET / serves the HTML report of live data', async () => {
    const r = await request({ path: '/', headers: AUTH });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(r.headers['content-security-policy']).toBeTruthy();
    expect(r.body).toMatch(/^<!doctype html>/i);
    for (const name of ['pay-ingest', 'risk-score', 'search-batch']) expect(r.body).toContain(name);
    // The page came from a dry-run tick against the API with the role's credentials.
    expect(world.sandbox.requests.length).toBeGreaterThan(0);
    expect(world.sandbox.requests.every((q) => q.signatureOk && q.securityToken)).toBe(true);
  });

  it('GET /report answers JSON, CSV and Markdown, for all watches or one', async () => {
    const all = await request({ path: '/report', query: { format: 'json' }, headers: AUTH });
    expect(all.statusCode).toBe(200);
    expect(all.headers['content-type']).toBe('application/json; charset=utf-8');
    const names = (json(all).deployments as Array<{ name: string }>).map((d) => d.name).sort();
    expect(names).toEqual(['pay-ingest', 'risk-score', 'search-batch']);

    const one = await request({ path: '/report', query: { format: 'json', watch: 'search' }, headers: AUTH });
    expect((json(one).deployments as Array<{ name: string }>).map((d) => d.name)).toEqual(['search-batch']);

    const csv = await request({ path: '/report/', query: { format: 'csv' }, headers: AUTH });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.body.split('\r\n')[0]).toMatch(/^watch,/);
    expect(csv.body).toContain('pay-ingest');

    const md = await request({ path: '/report', query: { format: 'md' }, headers: AUTH });
    expect(md.statusCode).toBe(200);
    expect(md.headers['content-type']).toBe('text/markdown; charset=utf-8');
    expect(md.body).toMatch(/^# flink-watch report\n/);
    expect(md.body).toContain('3 deployments in 2 watches');
  });

  it('GET /alerts lists alerts from the saved state, GET /healthz needs no token', async () => {
    const alerts = await request({ path: '/alerts', headers: AUTH });
    expect(alerts.statusCode).toBe(200);
    expect(json(alerts)).toEqual({ generatedAt: expect.any(String), alerts: [] });

    const health = await request({ path: '/healthz' });
    expect(health.statusCode).toBe(200);
    expect(json(health)).toEqual({ status: 'ok' });
  });

  it('POST /digest pushes the digest to the receivers, with a plain or a base64 body', async () => {
    for (const base64 of [false, true]) {
      const before = world.hook.requests.length;
      const r = await request({ method: 'POST', path: '/digest', headers: AUTH, body: '{}', base64 });
      expect(r.statusCode).toBe(200);
      expect(json(r)).toEqual({ sent: 1, queued: 0, failed: 0 });
      expect(world.hook.requests).toHaveLength(before + 1);
      expect(JSON.parse(world.hook.requests.at(-1)?.body ?? '')).toMatchObject({ kind: 'digest' });
    }
  });

  it('refuses bad requests with a status and a hint', async () => {
    const cases: Array<[HttpEventInput, number, RegExp]> = [
      [{ path: '/report', query: { format: 'xml' }, headers: AUTH }, 400, /unknown format "xml"/],
      [{ path: '/report', query: { watch: 'nope' }, headers: AUTH }, 400, /unknown watch "nope"/],
      [{ method: 'DELETE', path: '/report', headers: AUTH }, 405, /DELETE is not allowed on \/report/],
      [{ method: 'GET', path: '/digest', headers: AUTH }, 405, /GET is not allowed on \/digest/],
      [{ path: '/admin', headers: AUTH }, 404, /no such page/],
      [{ path: '/report' }, 401, /^authentication required: the Authorization header is missing$/],
      [{ path: '/report', headers: { Authorization: 'Bearer not-the-token' } }, 403, /^the report token is wrong$/],
    ];
    for (const [input, status, error] of cases) {
      const r = await request(input);
      expect([input.path, r.statusCode]).toEqual([input.path, status]);
      const body = json(r);
      expect(body.error).toMatch(error);
      expect(body.hint).toEqual(expect.any(String));
    }
    const unauthorised = responses.find((r) => r.statusCode === 401);
    expect(unauthorised?.headers['www-authenticate']).toMatch(/^Bearer/);
    const notAllowed = responses.find((r) => r.statusCode === 405);
    expect(notAllowed?.headers.allow).toBe('GET, HEAD');
  });

  it('answers inside the function timeout when the API hangs, naming the blind watches', async () => {
    world.sandbox.setFaults([{ kind: 'hang' }]);
    try {
      const started = performance.now();
      // timeout 6 s → budget 1 s; the configured per-call timeout (5 s, two attempts) would outlast the function.
      const r = await request(
        { path: '/report', query: { format: 'json' }, headers: AUTH },
        world.context({ timeout: 6 }),
      );
      expect(performance.now() - started).toBeLessThan(6_000);
      expect(r.statusCode).toBe(200);
      const watches = json(r).watches as Array<{ name: string; ok: boolean; error?: string }>;
      expect(watches.map((w) => [w.name, w.ok])).toEqual([
        ['payments', false],
        ['search', false],
      ]);
      expect(watches[0]?.error).toMatch(/RequestTimeout|DeadlineExceeded/);
    } finally {
      world.sandbox.setFaults([]);
    }
  });

  it('answers 500 without internals when the function has no role, and logs why', async () => {
    const r = (await handler(
      httpEvent({ path: '/report', headers: AUTH }),
      fcContext({ credentials: {} }),
    )) as FcHttpResponse;
    responses.push(r);
    expect(r.statusCode).toBe(500);
    expect(JSON.parse(r.body)).toEqual({ error: 'the report failed', hint: 'see the function log' });
    const logged = stdout.lines.map((l) => JSON.parse(l) as { msg: string; error?: { message?: string } }).at(-1);
    expect(logged?.msg).toBe('report request failed');
    expect(logged?.error?.message).toMatch(/^the OSS state store has no credentials: .*give the function a role/);
  });

  it('answers an event that is not an HTTP trigger event with 400', async () => {
    const r = (await handler(Buffer.from('not json'), world.context())) as FcHttpResponse;
    responses.push(r);
    expect(r.statusCode).toBe(400);
    expect(JSON.parse(r.body)).toEqual({
      error: 'the HTTP trigger event is not JSON',
      hint: 'send an FC 3.0 HTTP trigger event',
    });
  });

  it('logs one JSON line per request and no secret in any answer or line', () => {
    const requests = stdout.lines
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .filter((e) => e.msg === 'report request');
    expect(requests).toHaveLength(routed);
    expect(requests.find((e) => e.status === 403)).toMatchObject({ method: 'GET', path: '/report' });
    const everything = [...stdout.lines, ...responses.map((r) => JSON.stringify(r))].join('\n');
    expect(leakedSecrets(everything)).toEqual([]);
    expect(everything).not.toMatch(/\n\s+at .+:\d+:\d+/);
  });
});
