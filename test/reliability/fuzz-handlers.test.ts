import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMonitorHandler } from '../../functions/monitor';
import { createReportHandler } from '../../functions/report';
import { type Sandbox, startSandbox } from '../../lib/sandbox/server';
import { createFunctionRuntime } from '../../lib/service/function-runtime';
import { type ReceiverWorld, startReceiverWorld } from './harness/fault-gate';
import { worldConfigYaml, worldEnv, worldScenario } from './harness/fault-world';
import { describeError, fuzzParams } from './harness/fuzz';
import { leaksIn, SECRETS } from './harness/secrets';

const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
const GOOD_AUTH = [
  `Bearer ${SECRETS.reportToken}`,
  basic('anyone', SECRETS.reportToken),
  `bearer ${SECRETS.reportToken}`,
];
const BAD_AUTH = [
  'Bearer wrong',
  'Bearer',
  basic('u', 'wrong'),
  'Basic !!!',
  SECRETS.reportToken,
  `Token ${SECRETS.reportToken}`,
];

const path = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.constantFrom('/', '/report', '/report/', '/alerts', '/healthz', '/healthz/', '/digest', ''),
  },
  fc.constantFrom('//report', '/report/../alerts', '/%2e%2e/etc/passwd', '/%ZZ', '/report%00', `/${'a'.repeat(5_000)}`),
  fc.webPath(),
  fc.string({ maxLength: 30 }),
);
const method = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('GET', 'GET', 'GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'get', '') },
  fc.string({ maxLength: 20 }),
);
const queryValue = fc.oneof(
  fc.constantFrom('json', 'csv', 'md', 'MD', 'xml', 'payments', 'risk', 'nope', ''),
  fc.string(),
);
const query = fc.dictionary(fc.oneof(fc.constantFrom('format', 'watch'), fc.string({ maxLength: 8 })), queryValue, {
  maxKeys: 3,
});
const authorization = fc.oneof(
  fc.constant(undefined),
  { weight: 3, arbitrary: fc.constantFrom(...GOOD_AUTH) },
  fc.constantFrom(...BAD_AUTH),
  fc.string({ maxLength: 40 }),
);
const loose = fc.oneof(fc.boolean(), fc.constantFrom('true', 1, null), fc.string({ maxLength: 5 }));

interface FuzzEvent {
  bytes: Buffer;
  authorized: boolean;
  path: string;
}

const httpEvent: fc.Arbitrary<FuzzEvent> = fc.oneof(
  {
    weight: 9,
    arbitrary: fc
      .record({
        path,
        method,
        query,
        authorization,
        extraHeaders: fc.dictionary(fc.string({ maxLength: 10 }), fc.string({ maxLength: 20 }), { maxKeys: 3 }),
        body: fc.oneof(
          fc.string({ maxLength: 100 }),
          fc.uint8Array({ maxLength: 100 }).map((b) => Buffer.from(b).toString('base64')),
        ),
        isBase64Encoded: loose,
        contextPath: fc.boolean(),
      })
      .map((e) => {
        const headers: Record<string, unknown> = { ...e.extraHeaders };
        for (const key of Object.keys(headers)) if (key.toLowerCase() === 'authorization') delete headers[key];
        if (e.authorization !== undefined) headers.Authorization = e.authorization;
        const event = {
          version: 'v1',
          rawPath: e.path,
          headers,
          queryParameters: e.query,
          body: e.body,
          isBase64Encoded: e.isBase64Encoded,
          requestContext: { http: { method: e.method, ...(e.contextPath ? { path: e.path } : {}) } },
        };
        return {
          bytes: Buffer.from(JSON.stringify(event)),
          authorized: e.authorization !== undefined && GOOD_AUTH.includes(e.authorization),
          path: e.path,
        };
      }),
  },
  {
    weight: 1,
    arbitrary: fc
      .oneof(
        fc.uint8Array({ maxLength: 60 }),
        fc.string().map((s) => new TextEncoder().encode(s)),
      )
      .map((b) => ({ bytes: Buffer.from(b), authorized: false, path: '?' })),
  },
);

describe('fuzzing the Function Compute handlers with random events', () => {
  let sandbox: Sandbox;
  let receivers: ReceiverWorld;
  let dir: string;
  let env: Record<string, string>;
  const lines: string[] = [];
  beforeAll(async () => {
    sandbox = await startSandbox({
      scenario: worldScenario(),
      accessKeys: { [SECRETS.accessKeyId]: SECRETS.accessKeySecret },
    });
    sandbox.setStep(2);
    receivers = await startReceiverWorld();
    dir = await mkdtemp(join(tmpdir(), 'flink-watch-fuzz-fc-'));
    const config = join(dir, 'flink-watch.yaml');
    await writeFile(config, worldConfigYaml({ endpoint: sandbox.endpoint, statePath: join(dir, 'state.json') }));
    env = {
      ...worldEnv({ hookUrl: receivers.hook.url, dingUrl: receivers.ding.url }),
      FLINK_WATCH_CONFIG: config,
    };
  });
  afterAll(async () => {
    await receivers?.close();
    await sandbox?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('the report handler answers every event without a crash, a 5xx or a secret; only /healthz without the token', async () => {
    const handler = createReportHandler(createFunctionRuntime({ env, sink: (l) => lines.push(l) }));
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(httpEvent, async (e) => {
        const before = lines.length;
        let response: Awaited<ReturnType<typeof handler>>;
        try {
          response = await handler(e.bytes, { requestId: 'fuzz', credentials: {}, function: { timeout: 30 } });
        } catch (err) {
          throw new Error(`the report handler threw: ${describeError(err)}`);
        }
        statuses.set(response.statusCode, (statuses.get(response.statusCode) ?? 0) + 1);
        expect(Number.isInteger(response.statusCode)).toBe(true);
        expect(response.statusCode, response.body).toBeLessThan(500);
        expect(response.statusCode).toBeGreaterThanOrEqual(200);
        expect(typeof response.body).toBe('string');
        for (const value of Object.values(response.headers)) expect(typeof value).toBe('string');
        if (!e.authorized && response.statusCode < 300) {
          // Without the token only the health check answers with data.
          expect(response.body, `${e.path} answered ${response.statusCode} without the token`).toMatch(
            /^$|^\{\s*"status": "ok"\s*\}\s*$/,
          );
        }
        const output = [response.body, JSON.stringify(response.headers), ...lines.slice(before)].join('\n');
        expect(leaksIn(output)).toEqual([]);
      }),
      fuzzParams(150),
    );
    // The fuzzer must have reached the authenticated routes, the refusals and the bad events alike.
    console.log(`report handler fuzz: status counts ${JSON.stringify(Object.fromEntries(statuses))}`);
    for (const status of [200, 400, 401, 403]) expect(statuses.get(status) ?? 0, `status ${status}`).toBeGreaterThan(0);
  });

  it('the timer handler turns every event into a JSON answer, never a crash or a secret', async () => {
    const handler = createMonitorHandler(createFunctionRuntime({ env, sink: (l) => lines.push(l) }));
    const payload = fc.oneof(
      fc
        .record(
          {
            job: fc.oneof(fc.constantFrom('tick', 'digest', 'x'), loose),
            watches: fc.oneof(fc.array(fc.constantFrom('payments', 'risk', 'nope')), loose),
          },
          { requiredKeys: [] },
        )
        .map((p) => JSON.stringify(p)),
      fc.string({ maxLength: 30 }),
    );
    const timerEvent = fc.oneof(
      fc
        .record(
          {
            triggerTime: fc.oneof(fc.constant('2025-06-02T08:00:00Z'), fc.string()),
            triggerName: fc.string(),
            payload: fc.oneof(payload, loose),
          },
          { requiredKeys: [] },
        )
        .map((e) => Buffer.from(JSON.stringify(e))),
      fc.uint8Array({ maxLength: 40 }).map((b) => Buffer.from(b)),
      fc.constant(Buffer.alloc(0)),
    );
    await fc.assert(
      fc.asyncProperty(timerEvent, async (event) => {
        const before = lines.length;
        let answer: string;
        try {
          answer = await handler(event, { requestId: 'fuzz-timer', credentials: {}, function: { timeout: 30 } });
        } catch (err) {
          throw new Error(`the timer handler threw: ${describeError(err)}`);
        }
        const parsed = JSON.parse(answer) as { ok?: unknown };
        expect(typeof parsed.ok).toBe('boolean');
        expect(leaksIn([answer, ...lines.slice(before)].join('\n'))).toEqual([]);
      }),
      fuzzParams(40),
    );
  });
});
