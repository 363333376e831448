import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { FlinkConfig } from '../../lib/config/types';
import { createFlinkClient, type FlinkClientOptions } from '../../lib/flink/client';
import { FlinkApiError } from '../../lib/flink/errors';
import { systemClock } from '../../lib/runtime/clock';
import { createDeadline } from '../../lib/runtime/deadline';
import { createLogger, silentLogger } from '../../lib/runtime/logger';
import type { Sandbox } from '../../lib/sandbox/server';
import {
  labelQuery,
  SANDBOX_ACCESS_KEY_SECRET,
  sandboxEnv,
  sandboxFlinkConfig,
  startTestSandbox,
} from '../helpers/sandbox';

const STS_SECRET = 'sts-secret-4f9a1c';
const STS_TOKEN = 'CAIS-sts-token-8d7e6f5a4b3c';

async function failure(promise: Promise<unknown>): Promise<FlinkApiError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof FlinkApiError)) throw new Error(`expected a FlinkApiError, got ${String(err)}`);
  return err;
}

describe('Flink client against the sandbox', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startTestSandbox({
      accessKeys: {
        'sandbox-access-key': SANDBOX_ACCESS_KEY_SECRET,
        'sts-key': { secret: STS_SECRET, securityToken: STS_TOKEN },
      },
    });
  });
  afterAll(() => sandbox.close());
  beforeEach(() => {
    sandbox.setFaults([]);
    sandbox.setStep(0);
    sandbox.requests.length = 0;
  });

  const client = (flink: Partial<FlinkConfig> = {}, extra: Partial<FlinkClientOptions> = {}) =>
    createFlinkClient({
      flink: sandboxFlinkConfig(sandbox, flink),
      env: sandboxEnv(),
      logger: silentLogger,
      random: () => 0.5,
      ...extra,
    });
  const deadline = (ms = 5_000) => createDeadline(ms, systemClock);

  it('gets deployments with a signature the sandbox accepts, sending what the official SDKs send', async () => {
    const answer = await client().getDeploymentsByLabel(
      labelQuery(sandbox, { labelValues: ['payments', 'risk'] }),
      deadline(),
    );
    expect(answer.attempts).toBe(1);
    expect(answer.entries.map((e) => (e.ok ? e.deployment.name : e.skipped.reason)).sort()).toEqual([
      'pay-ingest',
      'risk-score',
    ]);
    expect(sandbox.requests).toHaveLength(1);
    const seen = sandbox.requests[0]!;
    expect(seen).toMatchObject({ signatureOk: true, status: 200, workspace: 'ws-a', securityToken: false });
    expect(answer.requestId).toBe(seen.requestId);
    // workspace travels as a header, never in the query; every query value is a string.
    expect(seen.query).toEqual({ labelKey: 'team', labelValue: 'payments,risk', ignoreResourceSetting: 'true' });
    expect(seen.path).toBe('/api/v2/namespaces/default-namespace/deployments/getDeployments/byLabel');
  });

  it('asks for resource settings only when configured to', async () => {
    const answer = await client({ includeResourceSetting: true }).getDeploymentsByLabel(
      labelQuery(sandbox),
      deadline(),
    );
    expect(sandbox.requests[0]?.query).toEqual({ labelKey: 'team', labelValue: 'payments' });
    // The larger answer (resource settings included) reads just the same.
    expect(answer.entries).toEqual([expect.objectContaining({ ok: true, notes: [] })]);
  });

  it('percent-encodes the namespace in the path and still signs correctly', async () => {
    const answer = await client().getDeploymentsByLabel(
      labelQuery(sandbox, { namespace: "ns with space(1)'*" }),
      deadline(),
    );
    expect(answer.entries).toEqual([]);
    expect(sandbox.requests[0]).toMatchObject({ signatureOk: true, status: 200 });
    expect(sandbox.requests[0]?.path).toContain('ns%20with%20space%281%29%27%2A');
  });

  it('reports a wrong secret as an authentication failure, without retrying and without the secret', async () => {
    const wrongSecret = 'wrong-secret-value-123';
    const err = await failure(
      client({}, { env: sandboxEnv(wrongSecret) }).getDeploymentsByLabel(labelQuery(sandbox), deadline()),
    );
    expect(err).toMatchObject({ code: 'SignatureDoesNotMatch', httpStatus: 400, attempts: 1, retryable: false });
    expect(err.requestId).toBe(sandbox.requests[0]?.requestId);
    expect(err.message).toMatch(
      /^GetDeploymentsByLabel\(workspace=ws-a, namespace=default-namespace, labelKey=team\) failed: authentication failed: check the access key id\/secret \(credentials from environment variables/,
    );
    expect(sandbox.requests).toHaveLength(1);
    expect(`${err.message} ${String(err.cause)}`).not.toContain(wrongSecret);
  });

  it('reports an unknown access key id as an authentication failure', async () => {
    const err = await failure(
      client({}, { env: sandboxEnv('s3cret-x', 'LTAI-unknown') }).getDeploymentsByLabel(
        labelQuery(sandbox),
        deadline(),
      ),
    );
    expect(err).toMatchObject({ code: 'InvalidAccessKeyId.NotFound', httpStatus: 404, attempts: 1 });
    expect(err.message).toContain('authentication failed: check the access key id/secret');
  });

  it('retries throttling and succeeds on the third attempt', async () => {
    sandbox.setFaults([{ kind: 'throttle', times: 2 }]);
    const delays: number[] = [];
    const sleep = (ms: number) => {
      delays.push(ms);
      return new Promise<void>((r) => setTimeout(r, ms));
    };
    const answer = await client({}, { sleep }).getDeploymentsByLabel(labelQuery(sandbox), deadline());
    expect(answer.attempts).toBe(3);
    expect(sandbox.requests.map((r) => r.status)).toEqual([429, 429, 200]);
    expect(delays).toEqual([100, 200]); // full jitter at random()=0.5 of 200 ms, then 400 ms
  });

  it('gives up on persistent 5xx inside the deadline, with the last requestId', async () => {
    sandbox.setFaults([{ kind: 'server-error' }]);
    const started = Date.now();
    const err = await failure(
      client({ maxAttempts: 50, timeoutMs: 1_000 }, { random: () => 1 }).getDeploymentsByLabel(
        labelQuery(sandbox),
        deadline(1_500),
      ),
    );
    expect(Date.now() - started).toBeLessThanOrEqual(1_500);
    expect(err).toMatchObject({ code: 'ServiceUnavailable', httpStatus: 503, retryable: true });
    expect(err.attempts).toBeGreaterThanOrEqual(3);
    expect(err.attempts).toBe(sandbox.requests.length);
    expect(err.requestId).toBe(sandbox.requests.at(-1)?.requestId);
    expect(err.message).toContain(
      `failed after ${err.attempts} attempts: ServiceUnavailable (HTTP 503, requestId ${err.requestId})`,
    );
  });

  it('stops after maxAttempts', async () => {
    sandbox.setFaults([{ kind: 'throttle' }]);
    const err = await failure(client({ maxAttempts: 2 }).getDeploymentsByLabel(labelQuery(sandbox), deadline()));
    expect(err).toMatchObject({ code: 'Throttling.User', httpStatus: 429, attempts: 2 });
    expect(err.message).toContain('failed after 2 attempts: Throttling.User (HTTP 429, requestId ');
    expect(err.message).toContain('Request was denied due to user flow control.');
  });

  it('retries a malformed (non-JSON) answer once, then reports MalformedResponse', async () => {
    sandbox.setFaults([{ kind: 'malformed-json' }]);
    const err = await failure(client({ maxAttempts: 5 }).getDeploymentsByLabel(labelQuery(sandbox), deadline()));
    expect(err).toMatchObject({ code: 'MalformedResponse', attempts: 2 });
    expect(err.message).toMatch(/not JSON/);
    sandbox.setFaults([{ kind: 'malformed-json', times: 1 }]);
    expect((await client().getDeploymentsByLabel(labelQuery(sandbox), deadline())).attempts).toBe(2);
  });

  it('treats a 2xx with success:false as an error with the code and message from the body', async () => {
    sandbox.setFaults([{ kind: 'success-false' }]);
    const err = await failure(client().getDeploymentsByLabel(labelQuery(sandbox), deadline()));
    expect(err).toMatchObject({ code: 'NoPermission', httpStatus: 200, attempts: 1, retryable: false });
    expect(err.requestId).toBe(sandbox.requests[0]?.requestId);
    expect(err.message).toContain('no permission to read deployments in namespace default-namespace');
  });

  it('reads the Ververica error code from the body (the library reports "undefined")', async () => {
    const err = await failure(client().getDeploymentsByLabel(labelQuery(sandbox, { workspace: '' }), deadline()));
    expect(err).toMatchObject({ code: 'MissingParameter', httpStatus: 400, attempts: 1, retryable: false });
    expect(err.message).toContain('workspace header is required');
    expect(err.message).not.toMatch(/undefined/);
  });

  it('gives up on a hung request at its timeout and retries', async () => {
    sandbox.setFaults([{ kind: 'hang', times: 1 }]);
    const started = Date.now();
    const answer = await client({ timeoutMs: 300 }).getDeploymentsByLabel(labelQuery(sandbox), deadline());
    expect(answer.attempts).toBe(2);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it("reuses its connection after the library's read timer of an earlier call has run out", async () => {
    const c = client({ timeoutMs: 200 });
    expect((await c.getDeploymentsByLabel(labelQuery(sandbox), deadline())).attempts).toBe(1);
    // The body is read here, not by the library, so its read timer is still armed when the answer is complete.
    await new Promise((resolve) => setTimeout(resolve, 350));
    expect((await c.getDeploymentsByLabel(labelQuery(sandbox), deadline())).attempts).toBe(1);
    expect(sandbox.requests.map((r) => r.status)).toEqual([200, 200]);
  });

  it('never waits past the deadline on a hung request', async () => {
    sandbox.setFaults([{ kind: 'hang' }]);
    const started = Date.now();
    const err = await failure(client({ timeoutMs: 5_000 }).getDeploymentsByLabel(labelQuery(sandbox), deadline(600)));
    expect(err.code).toBe('RequestTimeout');
    expect(Date.now() - started).toBeLessThan(900);
  });

  it('does not start a call when the deadline has passed', async () => {
    const err = await failure(client().getDeploymentsByLabel(labelQuery(sandbox), createDeadline(0, systemClock)));
    expect(err).toMatchObject({ code: 'DeadlineExceeded', attempts: 0 });
    expect(sandbox.requests).toHaveLength(0);
  });

  it('signs with STS credentials, and keeps the secret and token out of errors and logs', async () => {
    const env = {
      ALIBABA_CLOUD_ACCESS_KEY_ID: 'sts-key',
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: STS_SECRET,
      ALIBABA_CLOUD_SECURITY_TOKEN: STS_TOKEN,
    };
    await client({}, { env }).getDeploymentsByLabel(labelQuery(sandbox), deadline());
    expect(sandbox.requests[0]).toMatchObject({ signatureOk: true, securityToken: true });

    const lines: string[] = [];
    const logger = createLogger({ level: 'debug', sink: (l) => lines.push(l) });
    const badSecret = 'bad-sts-secret-77';
    const err = await failure(
      client({}, { env: { ...env, ALIBABA_CLOUD_ACCESS_KEY_SECRET: badSecret }, logger }).getDeploymentsByLabel(
        labelQuery(sandbox),
        deadline(),
      ),
    );
    expect(err.code).toBe('SignatureDoesNotMatch');
    // The gateway echoes the canonical request, which holds the token; it must arrive redacted.
    expect(err.detail).toContain('<redacted>');
    expect(err.message).not.toContain('\n');
    const everything = [err.message, err.detail, String(err.cause), JSON.stringify(err), ...lines].join('\n');
    for (const secret of [STS_TOKEN, badSecret, STS_SECRET]) expect(everything).not.toContain(secret);
    expect(lines.length).toBeGreaterThan(0);
  });

  it('prefers configured credentials over the FC context and the environment; ignores an empty context', async () => {
    const configured = client(
      { credentials: { accessKeyId: 'sandbox-access-key', accessKeySecret: SANDBOX_ACCESS_KEY_SECRET } },
      { env: sandboxEnv('wrong'), contextCredentials: { accessKeyId: 'x', accessKeySecret: 'y' } },
    );
    expect((await configured.getDeploymentsByLabel(labelQuery(sandbox), deadline())).attempts).toBe(1);
    const fromContext = client(
      {},
      {
        env: sandboxEnv('wrong'),
        contextCredentials: { accessKeyId: 'sandbox-access-key', accessKeySecret: SANDBOX_ACCESS_KEY_SECRET },
      },
    );
    expect((await fromContext.getDeploymentsByLabel(labelQuery(sandbox), deadline())).attempts).toBe(1);
    const emptyContext = client({}, { contextCredentials: {} });
    expect((await emptyContext.getDeploymentsByLabel(labelQuery(sandbox), deadline())).attempts).toBe(1);
  });
});

describe('Flink client network failures', () => {
  it('retries a refused connection and reports ECONNREFUSED', async () => {
    const sandbox = await startTestSandbox();
    const flink = sandboxFlinkConfig(sandbox);
    await sandbox.close();
    const c = createFlinkClient({ flink, env: sandboxEnv(), logger: silentLogger, random: () => 0 });
    const err = await failure(c.getDeploymentsByLabel(labelQuery(sandbox), createDeadline(3_000, systemClock)));
    expect(err).toMatchObject({ code: 'ECONNREFUSED', attempts: 3, retryable: true, httpStatus: undefined });
    expect(err.message).toContain('failed after 3 attempts: ECONNREFUSED: ');
  });
});

describe('Flink client with a large answer', () => {
  const COUNT = 3_000;
  let sandbox: Sandbox;
  beforeAll(async () => {
    const deployments = Array.from({ length: COUNT }, (_, i) => ({
      id: `00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`,
      name: `job-${i}`,
      workspace: 'ws-a',
      namespace: 'default-namespace',
      labels: { team: 'payments', shard: i },
      executionMode: 'STREAMING' as const,
      engineVersion: 'vvr-8.0.9-flink-1.17',
      createdAt: 1714058507 + i,
      deploymentHasChanged: false,
      timeline: [{ at: 0, counts: { running: 1, failed: i % 5 } }],
    }));
    sandbox = await startTestSandbox({
      scenario: { name: 'large', description: '', source: 'test', loop: false, steps: 1, deployments },
    });
  });
  afterAll(() => sandbox.close());

  it('reads every deployment of an answer that arrives in many chunks, in answer order', async () => {
    const answer = await createFlinkClient({
      flink: sandboxFlinkConfig(sandbox, { timeoutMs: 10_000 }),
      env: sandboxEnv(),
      logger: silentLogger,
    }).getDeploymentsByLabel(labelQuery(sandbox), createDeadline(10_000, systemClock));
    expect(answer.entries).toHaveLength(COUNT);
    const names = answer.entries.map((e) => (e.ok ? e.deployment.name : 'skipped'));
    expect(names).toEqual(Array.from({ length: COUNT }, (_, i) => `job-${i}`));
    const last = answer.entries[COUNT - 1];
    expect(last?.ok && last.deployment).toMatchObject({ labels: { team: 'payments', shard: String(COUNT - 1) } });
    expect(last?.ok && last.deployment.jobSummary).toMatchObject({ running: 1, failed: (COUNT - 1) % 5 });
  });
});
