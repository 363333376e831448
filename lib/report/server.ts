import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { HttpRequest, HttpResponse } from '../runtime/fc-event';
import type { Logger } from '../runtime/logger';
import { ReportServerStartError, RequestBodyTooLargeError } from './errors';
import { errorResponse } from './http-response';

/** The report endpoint takes no real bodies (`POST /digest` has none); anything bigger is refused with 413. */
export const MAX_BODY_BYTES = 64 * 1024;

export interface ReportServerOptions {
  host: string;
  /** 0 picks a free port. */
  port: number;
  handle: (request: HttpRequest) => Promise<HttpResponse>;
  logger: Logger;
  maxBodyBytes?: number;
}

export interface ReportServer {
  /** `http://host:port/`. */
  url: string;
  close(): Promise<void>;
}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
      reject(new RequestBodyTooLargeError(limit));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new RequestBodyTooLargeError(limit));
        req.pause();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Node's request → the `HttpRequest` the router takes (the same shape the FC HTTP trigger event is parsed into). */
export async function toHttpRequest(req: IncomingMessage, maxBodyBytes: number): Promise<HttpRequest> {
  // Prefixing (not resolving) keeps a path such as `//x/y` a path instead of a host.
  const raw = req.url ?? '/';
  const url = new URL(`http://report.invalid${raw.startsWith('/') ? raw : `/${raw}`}`);
  let path: string;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    path = url.pathname;
  }
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  const query: Record<string, string> = {};
  for (const [name, value] of url.searchParams) if (!(name in query)) query[name] = value;
  return { method: (req.method ?? 'GET').toUpperCase(), path, headers, query, body: await readBody(req, maxBodyBytes) };
}

function write(res: ServerResponse, response: HttpResponse): void {
  const body = response.isBase64Encoded ? Buffer.from(response.body, 'base64') : Buffer.from(response.body, 'utf8');
  res.writeHead(response.statusCode, { ...response.headers, 'content-length': String(body.length) });
  res.end(body);
}

/**
 * A node:http adapter around the report router, for `flink-watch serve` and the demo. Requests become `HttpRequest`
 * (lower-case headers, decoded path, first value of each query parameter, body capped at 64 KiB → 413).
 */
export function startReportServer(options: ReportServerOptions): Promise<ReportServer> {
  const limit = options.maxBodyBytes ?? MAX_BODY_BYTES;
  const server = createServer((req, res) => {
    toHttpRequest(req, limit)
      .then((request) => options.handle(request))
      .then((response) => write(res, response))
      .catch((err: unknown) => {
        if (err instanceof RequestBodyTooLargeError) {
          res.setHeader('connection', 'close');
          write(res, errorResponse(413, err.message, 'send the request without a body'));
          return;
        }
        options.logger.error('report server failed to answer', { error: err instanceof Error ? err.name : 'unknown' });
        if (!res.headersSent) write(res, errorResponse(500, 'the report server hit an internal error', 'see the log'));
        else res.destroy();
      });
  });
  server.requestTimeout = 30_000;
  server.headersTimeout = 15_000;
  return new Promise((resolve, reject) => {
    server.once('error', (err) => reject(new ReportServerStartError(options.host, options.port, err)));
    server.listen(options.port, options.host, () => {
      const address = server.address() as AddressInfo;
      const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
      const url = `http://${host}:${address.port}/`;
      options.logger.info('report server listening', { url });
      resolve({
        url,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
