import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StateConfig } from '../../lib/config/types';
import { createStateStore } from '../../lib/state/create-store';
import { StateConfigError, StateStoreError } from '../../lib/state/errors';
import { type OssTestServer, startOssServer } from '../helpers/oss-server';

const GOOD = { accessKeyId: 'test-good-key-id', accessKeySecret: 'GoodSecretValue0123456789' };
const WRONG = { accessKeyId: 'test-wrong-key-id', accessKeySecret: 'WrongSecretValue0123456789' };

describe('createStateStore', () => {
  let server: OssTestServer;
  let dir: string;
  beforeAll(async () => {
    server = await startOssServer({ bucket: 'fw-factory', ...GOOD });
    dir = await mkdtemp(join(tmpdir(), 'fw-factory-'));
  });
  afterAll(async () => {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  });

  const oss = (extra: Partial<Extract<StateConfig, { type: 'oss' }>> = {}): StateConfig => ({
    type: 'oss',
    bucket: 'fw-factory',
    region: 'cn-hangzhou',
    prefix: `p${Math.random().toString(36).slice(2)}/`,
    endpoint: server.endpoint,
    secure: false,
    ...extra,
  });

  it('builds the memory and file stores', async () => {
    expect(createStateStore({ type: 'memory' }).description).toBe('memory');
    const file = createStateStore({ type: 'file', path: join(dir, 'state.json') });
    expect(file.description).toBe(`file ${join(dir, 'state.json')}`);
    await file.save({ ok: true }, null);
    expect((await file.load()).data).toEqual({ ok: true });
  });

  it('uses configured OSS credentials before the context and the environment', async () => {
    const store = createStateStore(oss({ credentials: GOOD }), { contextCredentials: WRONG, env: envOf(WRONG) });
    await store.save({ via: 'config' }, null);
    const wrong = createStateStore(oss({ credentials: WRONG }), { contextCredentials: GOOD, env: envOf(GOOD) });
    await expect(wrong.load()).rejects.toThrow(/InvalidAccessKeyId/);
  });

  it('uses the function context before the environment', async () => {
    const store = createStateStore(oss(), { contextCredentials: { ...GOOD, securityToken: '' }, env: envOf(WRONG) });
    await store.save({ via: 'context' }, null);
  });

  it('falls back to the ALIBABA_CLOUD_* environment variables', async () => {
    const store = createStateStore(oss(), { contextCredentials: {}, env: envOf(GOOD) });
    expect(await store.save({ via: 'env' }, null)).toBe('1');
  });

  it('says how to provide OSS credentials when there are none', () => {
    expect(() => createStateStore(oss(), { env: {} })).toThrow(StateConfigError);
    expect(() => createStateStore(oss(), { env: {} })).toThrow(/ALIBABA_CLOUD_ACCESS_KEY_ID/);
    expect(() =>
      createStateStore(oss({ credentials: { accessKeyId: 'x', accessKeySecret: ' ' } }), { env: envOf(GOOD) }),
    ).toThrow(/state.credentials is set but/);
  });

  it('rejects an empty bucket or path', () => {
    expect(() => createStateStore(oss({ bucket: '' }), { env: envOf(GOOD) })).toThrow(/state.bucket is empty/);
    expect(() => createStateStore({ type: 'file', path: '' })).toThrow(/state.path is empty/);
  });

  it('reports a bucket name OSS would refuse as a store error', async () => {
    const store = createStateStore(oss({ bucket: 'Not_A_Bucket' }), { env: envOf(GOOD) });
    await expect(store.load()).rejects.toBeInstanceOf(StateStoreError);
  });
});

function envOf(credentials: { accessKeyId: string; accessKeySecret: string }) {
  return {
    ALIBABA_CLOUD_ACCESS_KEY_ID: credentials.accessKeyId,
    ALIBABA_CLOUD_ACCESS_KEY_SECRET: credentials.accessKeySecret,
  };
}
