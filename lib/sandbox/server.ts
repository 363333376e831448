import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Clock, systemClock } from '../runtime/clock';
import { SandboxStartError } from './errors';
import { FaultBook, type FaultKind, type FaultRule } from './faults';
import { type HandlerState, handleSandboxRequest, type Outcome } from './handle-request';
import { NonceRegistry } from './nonce-registry';
import type { Scenario } from './scenario';
import type { AccessKeys } from './verify-signature';

export const SANDBOX_ACCESS_KEY_ID = 'sandbox-access-key';
export const SANDBOX_ACCESS_KEY_SECRET = 'sandbox-secret';

export interface SandboxOptions {
  scenario: Scenario;
  /** 0 or absent: a free port. */
  port?: number;
  /** Access key id → secret, or `{ secret, securityToken }` for an STS key. Default: the sandbox key pair. */
  accessKeys?: AccessKeys;
  /** Allowed distance between `x-acs-date` and the sandbox clock; default 15 minutes. */
  maxClockSkewMs?: number;
  /** Added to every answer (emulates API latency for benchmarks). */
  latencyMs?: number;
  clock?: Clock;
}

/** One request as the sandbox saw it. Secrets are never logged; `securityToken` only says whether one came. */
export interface SandboxRequest {
  time: number;
  step: number;
  method: string;
  path: string;
  query: Record<string, string>;
  /** The `workspace` HTTP header. */
  workspace?: string;
  /** 0 while the answer is pending (latency, hang); the HTTP status once sent. */
  status: number;
  signatureOk: boolean;
  rejectedBecause?: string;
  /** The error code answered, if any. */
  code?: string;
  fault?: FaultKind;
  accessKeyId?: string;
  securityToken: boolean;
  requestId: string;
}

export interface Sandbox {
  /** `127.0.0.1:PORT`, for `flink.endpoint` (with `protocol: http`). */
  endpoint: string;
  port: number;
  scenario: Scenario;
  step(): number;
  setStep(n: number): void;
  advance(): void;
  /** Replaces the active fault rules (each with a fresh `times` count). */
  setFaults(rules: FaultRule[]): void;
  /** Most recent requests first-in-first-out, at most 10 000. */
  requests: SandboxRequest[];
  close(): Promise<void>;
}

const MAX_LOGGED_REQUESTS = 10_000;
const MAX_BODY_BYTES = 1 << 20;
const HANG_LIMIT_MS = 60_000;

function splitUrl(url: string): { rawPath: string; rawQuery: string } {
  const q = url.indexOf('?');
  return q < 0 ? { rawPath: url, rawQuery: '' } : { rawPath: url.slice(0, q), rawQuery: url.slice(q + 1) };
}

function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > MAX_BODY_BYTES ? undefined : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Starts the API emulator on 127.0.0.1 only. */
export async function startSandbox(options: SandboxOptions): Promise<Sandbox> {
  const clock = options.clock ?? systemClock;
  const maxClockSkewMs = options.maxClockSkewMs ?? 15 * 60_000;
  const state: HandlerState = {
    scenario: options.scenario,
    step: 0,
    faults: new FaultBook([]),
    nonces: new NonceRegistry(50_000, 2 * maxClockSkewMs),
    accessKeys: options.accessKeys ?? { [SANDBOX_ACCESS_KEY_ID]: SANDBOX_ACCESS_KEY_SECRET },
    maxClockSkewMs,
  };
  const requests: SandboxRequest[] = [];
  const pending = new Set<{ timer: NodeJS.Timeout; res: ServerResponse }>();

  /**
   * Answers `outcome.delayMs` after the request arrived (monotonic time), not after the answer was built: a real
   * service's latency includes its own work, and concurrent requests do not queue behind each other's latency.
   */
  const deliver = (res: ServerResponse, entry: SandboxRequest, outcome: Outcome, arrivedAt: number) => {
    const finish = () => {
      if (res.destroyed || res.writableEnded) return;
      if (outcome.kind === 'hang') {
        res.destroy();
        return;
      }
      entry.status = outcome.status;
      res.writeHead(outcome.status, {
        'content-type': 'application/json;charset=utf-8',
        'x-acs-request-id': entry.requestId,
      });
      res.end(outcome.body);
    };
    const waitMs = outcome.kind === 'hang' ? HANG_LIMIT_MS : outcome.delayMs - (performance.now() - arrivedAt);
    if (waitMs <= 0) return finish();
    const item = {
      res,
      timer: setTimeout(() => {
        pending.delete(item);
        finish();
      }, waitMs),
    };
    pending.add(item);
    res.on('close', () => {
      clearTimeout(item.timer);
      pending.delete(item);
    });
  };

  const onRequest = async (req: IncomingMessage, res: ServerResponse) => {
    const arrivedAt = performance.now();
    const { rawPath, rawQuery } = splitUrl(req.url ?? '/');
    const body = await readBody(req).catch(() => undefined);
    const now = clock.now();
    const signed = {
      method: req.method ?? 'GET',
      rawPath,
      rawQuery,
      headers: req.headers,
      body: body ?? Buffer.alloc(0),
    };
    const { outcome, notes } = handleSandboxRequest(signed, state, now, options.latencyMs ?? 0);
    const workspace = req.headers['workspace'];
    const entry: SandboxRequest = {
      time: now,
      step: state.step,
      method: signed.method,
      path: rawPath,
      query: Object.fromEntries(new URLSearchParams(rawQuery)),
      status: 0,
      securityToken: req.headers['x-acs-security-token'] !== undefined,
      ...notes,
      ...(typeof workspace === 'string' ? { workspace } : {}),
    };
    requests.push(entry);
    if (requests.length > MAX_LOGGED_REQUESTS) requests.splice(0, requests.length - MAX_LOGGED_REQUESTS);
    deliver(res, entry, outcome, arrivedAt);
  };

  const server = createServer((req, res) => {
    onRequest(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err) =>
      reject(
        new SandboxStartError(`sandbox cannot listen on 127.0.0.1:${options.port ?? 0}: ${err.message}`, {
          cause: err,
        }),
      ),
    );
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  return {
    endpoint: `127.0.0.1:${port}`,
    port,
    scenario: options.scenario,
    requests,
    step: () => state.step,
    setStep: (n) => {
      if (!Number.isInteger(n) || n < 0) throw new RangeError(`sandbox step must be a whole number ≥ 0 (got ${n})`);
      state.step = n;
    },
    advance: () => {
      state.step += 1;
    },
    setFaults: (rules) => {
      state.faults = new FaultBook(rules);
    },
    close: async () => {
      for (const item of pending) {
        clearTimeout(item.timer);
        item.res.destroy();
      }
      pending.clear();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}
