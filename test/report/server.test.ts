import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReportServerStartError } from '../../lib/report/errors';
import { handleReportRequest } from '../../lib/report/router';
import { MAX_BODY_BYTES, type ReportServer, startReportServer } from '../../lib/report/server';
import type { HttpRequest } from '../../lib/runtime/fc-event';
import { silentLogger } from '../../lib/runtime/logger';
import { REPORT_TOKEN } from './fixtures';
import { harness } from './router-harness';

/** Raw request (fetch would normalise the path and refuse some methods). */
function send(
  url: string,
  options: { method?: string; path: string; headers?: Record<string, string>; body?: Buffer },
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const req = httpRequest(
      {
        host: target.hostname,
        port: target.port,
        method: options.method ?? 'GET',
        path: options.path,
        headers: options.headers,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
        );
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

describe('startReportServer', () => {
  const seen: HttpRequest[] = [];
  let echo: ReportServer;

  beforeAll(async () => {
    echo = await startReportServer({
      host: '127.0.0.1',
      port: 0,
      logger: silentLogger,
      handle: async (request) => {
        seen.push(request);
        return {
          statusCode: 200,
          headers: { 'content-type': 'application/json', 'x-custom': 'yes' },
          body: JSON.stringify({ ...request, body: request.body.toString('utf8') }),
          isBase64Encoded: false,
        };
      },
    });
  });
  afterAll(async () => {
    await echo.close();
  });

  it('listens on loopback and reports its URL', () => {
    expect(echo.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  });

  it('turns a request into the HttpRequest shape', async () => {
    const response = await send(echo.url, {
      method: 'POST',
      path: '/some%20path/x?format=csv&watch=pay%20ments&watch=second',
      headers: { 'X-Mixed-Case': 'Value', Authorization: 'Bearer t' },
      body: Buffer.from('hello'),
    });
    expect(response.status).toBe(200);
    expect(response.headers['x-custom']).toBe('yes');
    const request = JSON.parse(response.body);
    expect(request).toMatchObject({
      method: 'POST',
      path: '/some path/x',
      query: { format: 'csv', watch: 'pay ments' },
      body: 'hello',
    });
    expect(request.headers['x-mixed-case']).toBe('Value');
    expect(request.headers.authorization).toBe('Bearer t');
    expect(Buffer.isBuffer(seen.at(-1)?.body)).toBe(true);
  });

  it('keeps a path that starts with two slashes a path', async () => {
    const response = await send(echo.url, { path: '//evil.example/x' });
    expect(JSON.parse(response.body).path).toBe('//evil.example/x');
  });

  it('refuses a body over 64 KiB with 413 before calling the handler', async () => {
    const before = seen.length;
    const response = await send(echo.url, {
      method: 'POST',
      path: '/digest',
      body: Buffer.alloc(MAX_BODY_BYTES + 1, 97),
    });
    expect(response.status).toBe(413);
    expect(JSON.parse(response.body).error).toMatch(/larger than 65536 bytes/);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(seen.length).toBe(before);
  });

  it('says which address it could not take', async () => {
    const port = Number(new URL(echo.url).port);
    const attempt = startReportServer({
      host: '127.0.0.1',
      port,
      logger: silentLogger,
      handle: async () => ({ statusCode: 200, headers: {}, body: '', isBase64Encoded: false }),
    });
    await expect(attempt).rejects.toBeInstanceOf(ReportServerStartError);
    await expect(attempt).rejects.toThrow(`127.0.0.1:${port} (EADDRINUSE)`);
  });

  it('serves the report router end to end', async () => {
    const { deps } = harness();
    const server = await startReportServer({
      host: '127.0.0.1',
      port: 0,
      logger: silentLogger,
      handle: (r) => handleReportRequest(r, deps),
    });
    try {
      const page = await fetch(server.url, { headers: { authorization: `Bearer ${REPORT_TOKEN}` } });
      expect(page.status).toBe(200);
      expect(page.headers.get('content-security-policy')).toMatch(/script-src 'sha256-/);
      expect(await page.text()).toContain('<h1 id="headline">');
      const head = await fetch(server.url, { method: 'HEAD', headers: { authorization: `Bearer ${REPORT_TOKEN}` } });
      expect(head.status).toBe(200);
      expect(await head.text()).toBe('');
      const denied = await fetch(`${server.url}report`);
      expect(denied.status).toBe(401);
      expect(denied.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect((await fetch(`${server.url}healthz`)).status).toBe(200);
    } finally {
      await server.close();
    }
  });
});
