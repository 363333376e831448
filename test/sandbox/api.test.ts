import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../lib/sandbox/server';
import { type HandBuiltRequest, sendRaw, signedRequest, startTestSandbox } from '../helpers/sandbox';

type Row = Record<string, unknown>;

describe('sandbox GetDeploymentsByLabel answers', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startTestSandbox();
  });
  afterAll(() => sandbox.close());
  beforeEach(() => {
    sandbox.setStep(0);
    sandbox.setFaults([]);
  });

  const ask = async (r: HandBuiltRequest) => sendRaw(sandbox, signedRequest(sandbox, r));
  const names = (json: Row) => (json['data'] as Row[]).map((d) => d['name']).sort();

  it('answers in the real API shape: quoted empty error fields, createdAt with a newline, numeric labels', async () => {
    const res = await ask({ query: { labelKey: 'team', labelValue: 'risk' } });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ success: true, httpCode: 200, errorCode: '""', errorMessage: '""' });
    const [d] = res.json['data'] as Row[];
    expect(d).toMatchObject({ deploymentId: 'dep-risk-1', workspace: 'ws-a', namespace: 'default-namespace' });
    expect(d?.['labels']).toEqual({ team: 'risk', env: 'prod', shard: 1 });
    expect(d?.['createdAt']).toMatch(/^\d+\n$/);
    expect(d?.['jobSummary']).toEqual({ starting: 0, running: 1, cancelling: 0, cancelled: 0, finished: 0, failed: 0 });
    expect(typeof res.json['requestId']).toBe('string');
  });

  it('treats comma-separated values as OR with exact matches, and compares label values as strings', async () => {
    const both = await ask({ query: { labelKey: 'team', labelValue: 'payments,risk' } });
    expect(names(both.json)).toEqual(['pay-ingest', 'risk-score']);
    const partial = await ask({ query: { labelKey: 'team', labelValue: 'pay' } });
    expect(names(partial.json)).toEqual([]);
    const numeric = await ask({ query: { labelKey: 'shard', labelValue: '1' } });
    expect(names(numeric.json)).toEqual(['risk-score']);
  });

  it('answers only the workspace in the header; an unknown workspace or namespace gets an empty list', async () => {
    const wsB = await ask({ workspace: 'ws-b', query: { labelKey: 'team', labelValue: 'payments,search' } });
    expect(names(wsB.json)).toEqual(['search-batch']);
    const unknown = await ask({ workspace: 'ws-nope', query: { labelKey: 'team', labelValue: 'payments' } });
    expect(unknown.json).toMatchObject({ success: true, data: [] });
    const otherNs = await ask({ namespace: 'other', query: { labelKey: 'team', labelValue: 'payments' } });
    expect(otherNs.json['data']).toEqual([]);
  });

  it('drops resource settings and job summaries when asked', async () => {
    const full = await ask({ query: { labelKey: 'team', labelValue: 'payments' } });
    const d0 = (full.json['data'] as Row[])[0] ?? {};
    expect(d0).toHaveProperty('streamingResourceSetting');
    expect(d0).toHaveProperty('batchResourceSetting');
    const lean = await ask({
      query: { labelKey: 'team', labelValue: 'payments', ignoreResourceSetting: 'true', ignoreJobSummary: 'true' },
    });
    const d1 = (lean.json['data'] as Row[])[0] ?? {};
    expect(d1).not.toHaveProperty('streamingResourceSetting');
    expect(d1).not.toHaveProperty('batchResourceSetting');
    expect(d1).not.toHaveProperty('jobSummary');
    expect(d1['deploymentId']).toBe('dep-pay-1');
  });

  it('answers missing parameters with the Ververica error body', async () => {
    const noWorkspace = await ask({ omitWorkspace: true });
    expect(noWorkspace.status).toBe(400);
    expect(noWorkspace.json).toMatchObject({
      success: false,
      httpCode: 400,
      errorCode: 'MissingParameter',
      data: null,
    });
    expect(String(noWorkspace.json['errorMessage'])).toContain('workspace');
    const noValue = await ask({ query: { labelKey: 'team' } });
    expect(noValue.json['errorMessage']).toMatch(/labelValue/);
    const noKey = await ask({ query: { labelValue: 'x' } });
    expect(noKey.json['errorMessage']).toMatch(/labelKey/);
  });

  it('steps through the timeline: counts change, deployments disappear and return with changed labels', async () => {
    const payments = async () => ((await ask({})).json['data'] as Row[])[0]?.['jobSummary'];
    expect(await payments()).toMatchObject({ running: 1, failed: 1 });
    sandbox.advance();
    sandbox.advance();
    expect(sandbox.step()).toBe(2);
    expect(await payments()).toMatchObject({ running: 0, failed: 2 });
    sandbox.setStep(3);
    expect(await payments()).toMatchObject({ starting: 1, running: 0, failed: 2 });
    const risk = async () => (await ask({ query: { labelKey: 'team', labelValue: 'risk' } })).json['data'] as Row[];
    expect(await risk()).toEqual([]);
    sandbox.setStep(5);
    expect((await risk())[0]?.['labels']).toEqual({ team: 'risk', env: 'staging', shard: 1 });
    expect(sandbox.requests.at(-1)?.step).toBe(5);
  });
});

describe('sandbox faults', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startTestSandbox();
  });
  afterAll(() => sandbox.close());
  beforeEach(() => sandbox.setFaults([]));
  const ask = async (r: HandBuiltRequest = {}) => sendRaw(sandbox, signedRequest(sandbox, r));

  it('throttles with the gateway body for `times` requests, then answers normally', async () => {
    sandbox.setFaults([{ kind: 'throttle', times: 2 }]);
    const first = await ask();
    expect(first.status).toBe(429);
    expect(first.json).toMatchObject({
      Code: 'Throttling.User',
      Message: 'Request was denied due to user flow control.',
    });
    expect((await ask()).status).toBe(429);
    expect((await ask()).status).toBe(200);
    expect(sandbox.requests.slice(-3).map((r) => r.fault)).toEqual(['throttle', 'throttle', undefined]);
  });

  it('applies a fault only to matching requests, and can use HTTP 400 for throttling', async () => {
    sandbox.setFaults([{ kind: 'throttle', httpStatus: 400, match: { workspace: 'ws-b' } }]);
    expect((await ask()).status).toBe(200);
    const b = await ask({ workspace: 'ws-b' });
    expect(b.status).toBe(400);
    expect(b.json['Code']).toBe('Throttling.User');
  });

  it('answers server errors, malformed JSON, success:false and missing job summaries', async () => {
    sandbox.setFaults([{ kind: 'server-error', times: 1 }]);
    const err = await ask();
    expect(err.status).toBe(503);
    expect(err.json['Code']).toBe('ServiceUnavailable');
    sandbox.setFaults([{ kind: 'malformed-json', times: 1 }]);
    const bad = await ask();
    expect(bad.status).toBe(200);
    expect(() => JSON.parse(bad.body)).toThrow();
    sandbox.setFaults([{ kind: 'success-false', times: 1, errorCode: 'Custom.Code', errorMessage: 'nope' }]);
    expect((await ask()).json).toMatchObject({
      success: false,
      errorCode: 'Custom.Code',
      errorMessage: 'nope',
      data: null,
    });
    sandbox.setFaults([{ kind: 'missing-job-summary', times: 1 }]);
    const noSummary = await ask();
    expect((noSummary.json['data'] as Row[])[0]).not.toHaveProperty('jobSummary');
  });

  it('adds latency, and holds a hung request until the client gives up', async () => {
    sandbox.setFaults([{ kind: 'latency', latencyMs: 150, times: 1 }]);
    const started = Date.now();
    expect((await ask()).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    sandbox.setFaults([{ kind: 'hang', times: 1 }]);
    const hung = sendRaw(sandbox, signedRequest(sandbox));
    await new Promise((r) => setTimeout(r, 100));
    expect(sandbox.requests.at(-1)).toMatchObject({ fault: 'hang', status: 0 });
    await sandbox.close();
    await expect(hung).rejects.toThrow();
    sandbox = await startTestSandbox();
  });

  it('rejects an unknown fault kind with a message naming it', () => {
    expect(() => sandbox.setFaults([{ kind: 'explode' as 'hang' }])).toThrow(/faults\[0\]\.kind: "explode"/);
  });
});
