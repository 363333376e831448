import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../lib/runtime/clock';
import { createLogger } from '../../lib/runtime/logger';
import { StateConflictError, StateStoreError } from '../../lib/state/errors';
import { createOssStore, type OssStoreOptions } from '../../lib/state/oss-store';
import { type OssTestServer, startOssServer } from '../helpers/oss-server';
import { describeStoreContract } from './store-contract';

const BUCKET = 'fw-state-test';
const CREDENTIALS = {
  accessKeyId: 'test-access-key-id',
  accessKeySecret: 'TestAccessKeySecretValue0123456789',
  securityToken: 'CAIS.TestStsSecurityToken.abcdefghijklmnop',
};

function storeOptions(server: OssTestServer, overrides: Partial<OssStoreOptions> = {}): OssStoreOptions {
  return {
    bucket: BUCKET,
    region: 'cn-hangzhou',
    prefix: 'flink-watch/test',
    endpoint: server.endpoint,
    credentials: CREDENTIALS,
    secure: false,
    timeoutMs: 5_000,
    ...overrides,
  };
}

let contractPrefix = 0;
let shared: OssTestServer;
beforeAll(async () => {
  shared = await startOssServer({ bucket: BUCKET, ...CREDENTIALS });
});
afterAll(async () => {
  await shared.close();
});

describeStoreContract('OSS', async () => {
  // One server for the whole contract; each case gets its own prefix, as separate deployments would.
  const prefix = `contract-${++contractPrefix}/`;
  return { open: () => createOssStore(storeOptions(shared, { prefix })), cleanup: async () => {} };
});

describe('OSS store', () => {
  let server: OssTestServer;
  afterEach(async () => {
    await server?.close();
  });

  async function start(options: { echoCredentialsInErrors?: boolean; versioning?: boolean } = {}) {
    server = await startOssServer({ bucket: BUCKET, ...CREDENTIALS, ...options });
    return server;
  }

  it('keeps versions as create-only objects, newest listed first, and collects old ones', async () => {
    await start();
    const store = createOssStore(storeOptions(server, { keepVersions: 3 }));
    let version: string | null = null;
    for (let i = 1; i <= 6; i++) version = await store.save({ i }, version);
    expect(version).toBe('6');
    expect(server.keys()).toEqual([
      'flink-watch/test/state/999999999999993-6.json',
      'flink-watch/test/state/999999999999994-5.json',
      'flink-watch/test/state/999999999999995-4.json',
    ]);
    const versionPuts = server.requests.filter((r) => r.method === 'PUT' && r.key.includes('/state/'));
    expect(versionPuts).toHaveLength(6);
    expect(await store.load()).toEqual({ data: { i: 6 }, version: '6' });
    expect(store.description).toBe(`oss://${BUCKET}/flink-watch/test/`);
  });

  it('turns a lost forbid-overwrite race into a StateConflictError', async () => {
    await start();
    const a = createOssStore(storeOptions(server));
    const b = createOssStore(storeOptions(server));
    const base = await a.save({ n: 0 }, null);
    await a.save({ by: 'a' }, base);
    await expect(b.save({ by: 'b' }, base)).rejects.toBeInstanceOf(StateConflictError);
    expect(server.requests.filter((r) => r.status === 409)).toHaveLength(1);
    expect((await b.load()).data).toEqual({ by: 'a' });
  });

  it('rejects a writer so stale that its next version was already collected', async () => {
    await start();
    const store = createOssStore(storeOptions(server, { keepVersions: 2 }));
    let version: string | null = null;
    for (let i = 1; i <= 6; i++) version = await store.save({ i }, version);
    await expect(store.save({ stale: true }, '1')).rejects.toBeInstanceOf(StateConflictError);
    expect(server.keys().some((key) => key.endsWith('-2.json'))).toBe(false);
    expect(await store.load()).toEqual({ data: { i: 6 }, version: '6' });
  });

  it('keeps a copy of an unreadable version and lets the next save supersede it', async () => {
    await start();
    const store = createOssStore(storeOptions(server, { clock: fixedClock(1_700_000_000_000) }));
    const v1 = await store.save({ ok: 1 }, null);
    await store.save({ ok: 2 }, v1);
    const damaged = 'flink-watch/test/state/999999999999997-2.json';
    server.putObject(damaged, '{"formatVersion":1,"alerts":{');
    const loaded = await store.load();
    expect(loaded.data).toBeNull();
    expect(loaded.version).toBe('2');
    expect(loaded.corrupt?.reason).toMatch(/not valid JSON/);
    expect(loaded.corrupt?.keptAs).toBe('flink-watch/test/corrupt/999999999999997-2.json-1700000000000');
    expect(server.object(loaded.corrupt!.keptAs)?.toString()).toBe('{"formatVersion":1,"alerts":{');
    const v3 = await store.save({ fresh: true }, loaded.version);
    expect(await store.load()).toEqual({ data: { fresh: true }, version: v3 });
  });

  it('records the lease as create-only generations and marks a release', async () => {
    await start();
    const store = createOssStore(storeOptions(server));
    const lease = await store.acquire('tick-1', 60_000, 0);
    await store.release(lease!);
    const leaseKeys = server.keys().filter((key) => key.includes('/lease/'));
    expect(leaseKeys).toEqual([
      'flink-watch/test/lease/999999999999997-2.json',
      'flink-watch/test/lease/999999999999998-1.json',
    ]);
    expect(JSON.parse(server.object(leaseKeys[0]!)!.toString())).toEqual({
      owner: 'tick-1',
      expiresAt: 60_000,
      released: true,
    });
    for (let i = 0; i < 5; i++) await store.release((await store.acquire(`t${i}`, 1_000, 10))!);
    expect(server.keys().filter((key) => key.includes('/lease/'))).toHaveLength(3);
  });

  it('still saves when collecting old versions fails', async () => {
    await start();
    const lines: string[] = [];
    const store = createOssStore(
      storeOptions(server, { keepVersions: 2, logger: createLogger({ sink: (line) => lines.push(line) }) }),
    );
    let version: string | null = null;
    for (let i = 1; i <= 2; i++) version = await store.save({ i }, version);
    server.failNext('DELETE', 500, 'InternalError');
    expect(await store.save({ i: 3 }, version)).toBe('3');
    expect(lines.some((line) => line.includes('could not delete an old generation'))).toBe(true);
  });

  it('warns once that a bucket with versioning cannot detect concurrent writers', async () => {
    await start({ versioning: true });
    const lines: string[] = [];
    const store = createOssStore(storeOptions(server, { logger: createLogger({ sink: (line) => lines.push(line) }) }));
    const version = await store.save({ n: 1 }, null);
    await store.save({ n: 2 }, version);
    const warnings = lines.filter((line) => line.includes('versioning enabled or suspended'));
    expect(warnings).toHaveLength(1);
    expect(JSON.parse(warnings[0]!)).toMatchObject({ level: 'error', bucket: BUCKET });
  });

  it('never puts credentials into its errors, even when the server echoes them', async () => {
    await start({ echoCredentialsInErrors: true });
    const wrongSecret = { ...CREDENTIALS, accessKeySecret: 'WrongSecretValue9876543210' };
    const store = createOssStore(storeOptions(server, { credentials: wrongSecret }));
    const error = await store.load().then(
      () => null,
      (err: unknown) => err,
    );
    expect(error).toBeInstanceOf(StateStoreError);
    const err = error as StateStoreError;
    expect(err.message).toContain('SignatureDoesNotMatch');
    expect(err.message).toContain('HTTP 403');
    const echoed = server.requests.at(-1);
    expect(echoed?.status).toBe(403);
    const everything = [err.message, String(err.cause), JSON.stringify(err), err.stack ?? ''].join('\n');
    for (const secret of [wrongSecret.accessKeySecret, CREDENTIALS.securityToken, CREDENTIALS.accessKeyId]) {
      expect(everything).not.toContain(secret);
    }
    expect(everything).not.toMatch(/OSS [^<\s]+:[A-Za-z0-9+/=]{20,}/);
  });

  it('reports a bad security token without repeating it', async () => {
    await start({ echoCredentialsInErrors: true });
    const store = createOssStore(
      storeOptions(server, { credentials: { ...CREDENTIALS, securityToken: 'CAIS.ExpiredTokenValue.zyxw' } }),
    );
    const err = await store.acquire('t', 1_000, 0).catch((e: unknown) => e as Error);
    expect(err).toBeInstanceOf(StateStoreError);
    expect((err as Error).message).toContain('InvalidSecurityToken');
    expect((err as Error).message).not.toContain('CAIS.ExpiredTokenValue.zyxw');
  });

  it('reports an unreachable endpoint as a StateStoreError without credentials', async () => {
    await start();
    const gone = await startOssServer({ bucket: BUCKET, ...CREDENTIALS });
    await gone.close();
    const store = createOssStore(storeOptions(server, { endpoint: gone.endpoint }));
    const err = await store.save({ n: 1 }, null).catch((e: unknown) => e as Error);
    expect(err).toBeInstanceOf(StateStoreError);
    expect((err as Error).message).toMatch(/ECONNREFUSED/);
    expect((err as Error).message).not.toContain(CREDENTIALS.accessKeyId);
  });

  it('rejects a version token it did not issue', async () => {
    await start();
    const store = createOssStore(storeOptions(server));
    await expect(store.save({}, 'sha256:abc')).rejects.toThrow(/not a version of this OSS store/);
  });
});
