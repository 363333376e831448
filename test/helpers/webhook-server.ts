import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** One request as the stand-in saw it. Header names are lower-case. */
export interface RecordedRequest {
  method: string;
  /** Path and query, e.g. `/robot/send?access_token=…`. */
  url: string;
  headers: Record<string, string>;
  body: string;
  /** Epoch ms from the server's `now` (tests that simulate ticks pass their own). */
  receivedAt: number;
}

/** How the stand-in answers one request. */
export interface ServerAnswer {
  status: number;
  body: string;
  headers?: Record<string, string>;
  /** Wait this long before answering (a slow or hanging platform). */
  delayMs?: number;
}

export type RequestHandler = (request: RecordedRequest) => ServerAnswer | Promise<ServerAnswer>;

/** What the receiver contract suite needs from a platform stand-in. */
export interface TestServerControl {
  /** Answer the next request (queued: several calls answer several requests in order) with this. */
  respondNext(answer: ServerAnswer): void;
  /** Every request received so far, oldest first. */
  readonly requests: readonly RecordedRequest[];
  /** Stop listening and drop open connections: later requests get "connection refused". Idempotent. */
  stop(): Promise<void>;
}

export interface WebhookServer extends TestServerControl {
  /** `http://127.0.0.1:<port>` (no trailing slash). */
  readonly url: string;
  readonly port: number;
  /** Answers requests when nothing is queued by `respondNext`; `undefined` restores the default answer. */
  setHandler(handler: RequestHandler | undefined): void;
  /** Forget recorded requests and queued answers. */
  reset(): void;
  /** Resolves once `count` requests were received; rejects after `timeoutMs`. */
  waitForRequests(count: number, timeoutMs?: number): Promise<readonly RecordedRequest[]>;
  /** Same as `stop`; for afterEach/afterAll. */
  close(): Promise<void>;
}

export interface WebhookServerOptions {
  handler?: RequestHandler;
  /** Answer when no queued answer and no handler: 200 `ok`. */
  defaultAnswer?: ServerAnswer;
  /** Clock for `receivedAt`; defaults to the real time. */
  now?: () => number;
}

function flatHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/**
 * A real HTTP server on 127.0.0.1 (random port) that records every request and answers from a queue, a handler or
 * a default. It stands in for a chat platform or any webhook endpoint in tests.
 */
export async function startWebhookServer(options: WebhookServerOptions = {}): Promise<WebhookServer> {
  const now = options.now ?? (() => Date.now());
  const defaultAnswer: ServerAnswer = options.defaultAnswer ?? { status: 200, body: 'ok' };
  let handler = options.handler;
  const queue: ServerAnswer[] = [];
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const waiters = new Set<() => void>();
  let stopped: Promise<void> | undefined;

  const answer = async (req: IncomingMessage, res: ServerResponse) => {
    const body = await readBody(req);
    const recorded: RecordedRequest = {
      method: req.method ?? '',
      url: req.url ?? '',
      headers: flatHeaders(req),
      body,
      receivedAt: now(),
    };
    requests.push(recorded);
    for (const wake of waiters) wake();
    const planned = queue.shift() ?? (handler ? await handler(recorded) : defaultAnswer);
    if (planned.delayMs !== undefined && planned.delayMs > 0) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          timers.delete(timer);
          resolve();
        }, planned.delayMs);
        timers.add(timer);
      });
    }
    // The client may have given up while we waited (timeout tests).
    if (res.destroyed || res.writableEnded) return;
    res.writeHead(planned.status, { 'content-type': 'text/plain; charset=utf-8', ...planned.headers });
    res.end(planned.body);
  };

  const server = createServer((req, res) => {
    answer(req, res).catch((err: unknown) => {
      if (!res.headersSent && !res.destroyed) {
        res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(`stand-in failed: ${err instanceof Error ? err.message : String(err)}`);
      }
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  const stop = (): Promise<void> => {
    stopped ??= new Promise<void>((resolve) => {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      server.close(() => resolve());
      for (const socket of sockets) socket.destroy();
      server.closeAllConnections();
    });
    return stopped;
  };

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    respondNext: (next) => {
      queue.push(next);
    },
    setHandler: (next) => {
      handler = next;
    },
    reset: () => {
      requests.length = 0;
      queue.length = 0;
    },
    waitForRequests: (count, timeoutMs = 5_000) =>
      new Promise((resolve, reject) => {
        if (requests.length >= count) {
          resolve(requests);
          return;
        }
        const check = () => {
          if (requests.length < count) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(requests);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`expected ${count} requests within ${timeoutMs} ms, got ${requests.length}`));
        }, timeoutMs);
        waiters.add(check);
      }),
    stop,
    close: stop,
  };
}
