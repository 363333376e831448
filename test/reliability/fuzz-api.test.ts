import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFlinkClient } from '../../lib/flink/client';
import { fetchWatches } from '../../lib/flink/fetch-watches';
import { normaliseDeployment } from '../../lib/flink/normalise';
import { planQueries } from '../../lib/flink/plan';
import { parseSelector } from '../../lib/flink/selector';
import { JOB_STATES } from '../../lib/flink/types';
import { systemClock } from '../../lib/runtime/clock';
import { createDeadline } from '../../lib/runtime/deadline';
import { createLogger } from '../../lib/runtime/logger';
import { describeError, fuzzParams } from './harness/fuzz';
import { leaksIn, SECRETS } from './harness/secrets';

/** Values of the loose types real answers carry: numbers as strings, `"\"\""`, trailing newlines, nulls, nesting. */
const loose = fc.oneof(
  fc.constantFrom(null, '', '""', '"\\"\\""', '1', 'x\n', 'NaN', '-1', '1e400', true, false, 0, -1, 1.5, 2 ** 53),
  fc.string({ maxLength: 10 }),
  fc.integer(),
  fc.double(),
  fc.jsonValue({ maxDepth: 2 }),
);

/** A deployment-shaped object whose every field may have any type, or be missing. */
const deploymentLike = fc.record(
  {
    deploymentId: fc.oneof(fc.string({ maxLength: 8 }), loose),
    name: loose,
    namespace: loose,
    workspace: loose,
    labels: fc.oneof(fc.dictionary(fc.string({ maxLength: 6 }), loose, { maxKeys: 4 }), loose),
    executionMode: fc.oneof(fc.constantFrom('STREAMING', 'batch', 'Streaming\n'), loose),
    engineVersion: loose,
    deploymentHasChanged: loose,
    createdAt: fc.oneof(fc.constantFrom('1714058507\n', '2024-04-25T15:21:47Z', 1714058507), loose),
    modifiedAt: loose,
    jobSummary: fc.oneof(fc.dictionary(fc.constantFrom(...JOB_STATES, 'other'), loose), loose),
  },
  { requiredKeys: [] },
);

describe('fuzzing API answers: normaliseDeployment', () => {
  it('never throws; a usable deployment has strings, string labels and counts that are whole numbers ≥ 0', () => {
    fc.assert(
      fc.property(fc.oneof(deploymentLike, fc.anything()), (raw) => {
        let result: ReturnType<typeof normaliseDeployment>;
        try {
          result = normaliseDeployment(raw, { workspace: 'ws', namespace: 'ns' });
        } catch (err) {
          throw new Error(`normaliseDeployment crashed: ${describeError(err)}`);
        }
        if (!result.ok) {
          expect(result.skipped.reason.length).toBeGreaterThan(0);
          return;
        }
        const d = result.deployment;
        for (const text of [d.deploymentId, d.name, d.namespace, d.workspace, d.executionMode, d.engineVersion]) {
          expect(typeof text).toBe('string');
        }
        expect(d.deploymentId).not.toBe('');
        for (const value of Object.values(d.labels)) expect(typeof value).toBe('string');
        if (d.jobSummary === null) expect(d.jobSummaryProblem?.length ?? 0).toBeGreaterThan(0);
        else
          for (const s of JOB_STATES) expect(Number.isSafeInteger(d.jobSummary[s]) && d.jobSummary[s] >= 0).toBe(true);
      }),
      fuzzParams(3_000),
    );
  });
});

interface Answer {
  status: number;
  contentType: string;
  body: string;
}

/** Whole answers: random JSON shapes around the real envelope, junk, and gateway echoes of the credentials. */
const answer: fc.Arbitrary<Answer> = fc.record({
  status: fc.constantFrom(200, 200, 200, 400, 403, 404, 429, 500, 503),
  contentType: fc.constantFrom('application/json;charset=utf-8', 'text/html', 'text/plain'),
  body: fc.oneof(
    fc
      .record(
        {
          requestId: loose,
          success: fc.oneof(fc.boolean(), loose),
          httpCode: loose,
          data: fc.oneof(fc.array(fc.oneof(deploymentLike, loose), { maxLength: 4 }), loose),
          errorCode: fc.oneof(fc.constantFrom('Throttling.User', 'NoPermission', '""'), loose),
          errorMessage: fc.oneof(fc.constant(`echo ${SECRETS.accessKeySecret}`), loose),
          Message: loose,
        },
        { requiredKeys: [] },
      )
      .map((v) => JSON.stringify(v)),
    fc.jsonValue().map((v) => JSON.stringify(v)),
    fc.string({ maxLength: 60 }),
    fc.constant(`<html>gateway error for key ${SECRETS.accessKeyId} secret ${SECRETS.accessKeySecret}</html>`),
    fc.constant('{"requestId":"x","success":true,"data":[{"deploymentId":'),
  ),
});

describe('fuzzing API answers: the client and the normaliser over HTTP', () => {
  let server: Server;
  let endpoint: string;
  let next: Answer = { status: 200, contentType: 'application/json', body: '{}' };
  beforeAll(async () => {
    server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        res.writeHead(next.status, { 'content-type': next.contentType });
        res.end(next.body);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    endpoint = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('every answer becomes deployments or a watch failure with a clear error, never a crash or a leaked secret', async () => {
    const watches = [
      { name: 'pay', workspace: 'ws', namespace: 'ns', selector: parseSelector('team = payments, env != dev') },
      { name: 'risk', workspace: 'ws', namespace: 'ns', selector: parseSelector('team in (risk)') },
    ];
    await fc.assert(
      fc.asyncProperty(answer, async (a) => {
        next = a;
        const lines: string[] = [];
        const logger = createLogger({ level: 'debug', sink: (l) => lines.push(l) });
        const client = createFlinkClient({
          flink: {
            region: 'cn-hangzhou',
            endpoint,
            protocol: 'http',
            credentials: { accessKeyId: SECRETS.accessKeyId, accessKeySecret: SECRETS.accessKeySecret },
            timeoutMs: 2_000,
            concurrency: 2,
            maxAttempts: 2,
            includeResourceSetting: false,
          },
          logger,
          random: () => 0,
        });
        let results: Awaited<ReturnType<typeof fetchWatches>>;
        try {
          results = await fetchWatches({
            plan: planQueries(watches, endpoint),
            watches,
            client,
            concurrency: 2,
            deadline: createDeadline(5_000, systemClock),
            logger,
          });
        } catch (err) {
          throw new Error(`fetchWatches crashed: ${describeError(err)}`);
        }
        expect([...results.keys()]).toEqual(['pay', 'risk']);
        const texts: string[] = [...lines];
        for (const r of results.values()) {
          if (r.ok) {
            for (const d of r.deployments) expect(typeof d.deploymentId).toBe('string');
            texts.push(JSON.stringify(r.skipped));
          } else {
            expect(r.error).toBeInstanceOf(Error);
            expect(r.error.message.length).toBeGreaterThan(10);
            texts.push(r.error.message, String((r.error as { cause?: unknown }).cause ?? ''));
          }
        }
        // A 200 with success:false or junk must never read as an empty selection.
        if (a.status !== 200) for (const r of results.values()) expect(r.ok).toBe(false);
        expect(leaksIn(texts.join('\n'), [SECRETS.accessKeySecret])).toEqual([]);
      }),
      fuzzParams(150),
    );
  });
});
