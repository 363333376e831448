import { describe, expect, it } from 'vitest';
import { resolveFlinkCredentials } from '../../lib/flink/credentials';
import { FlinkCredentialsError } from '../../lib/flink/errors';

function errorOf(fn: () => unknown): Error {
  try {
    fn();
  } catch (err) {
    if (err instanceof Error) return err;
  }
  throw new Error('expected an error');
}

const ENV = {
  ALIBABA_CLOUD_ACCESS_KEY_ID: 'env-id',
  ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'env-secret',
  ALIBABA_CLOUD_SECURITY_TOKEN: 'env-token',
};

describe('credential resolution', () => {
  it('uses explicit configuration first', () => {
    const c = resolveFlinkCredentials({
      configured: { accessKeyId: 'cfg-id', accessKeySecret: 'cfg-secret' },
      context: { accessKeyId: 'ctx-id', accessKeySecret: 'ctx-secret', securityToken: 'ctx-token' },
      env: ENV,
    });
    expect(c).toEqual({ accessKeyId: 'cfg-id', accessKeySecret: 'cfg-secret', source: 'config' });
  });

  it('then the Function Compute context (with its STS token), ignoring an empty context', () => {
    const ctx = { accessKeyId: 'ctx-id', accessKeySecret: 'ctx-secret', securityToken: 'ctx-token' };
    expect(resolveFlinkCredentials({ context: ctx, env: ENV })).toEqual({ ...ctx, source: 'context' });
    expect(resolveFlinkCredentials({ context: {}, env: ENV }).source).toBe('env');
    expect(resolveFlinkCredentials({ context: { accessKeyId: 'only-id' }, env: ENV }).source).toBe('env');
  });

  it('then the standard environment variables, the token optional', () => {
    expect(resolveFlinkCredentials({ env: ENV })).toEqual({
      accessKeyId: 'env-id',
      accessKeySecret: 'env-secret',
      securityToken: 'env-token',
      source: 'env',
    });
    const noToken = resolveFlinkCredentials({ env: { ...ENV, ALIBABA_CLOUD_SECURITY_TOKEN: '' } });
    expect(noToken).not.toHaveProperty('securityToken');
  });

  it('lists the three ways to provide credentials when none are found', () => {
    const err = errorOf(() => resolveFlinkCredentials({ env: {}, context: {} }));
    expect(err).toBeInstanceOf(FlinkCredentialsError);
    expect(err.name).toBe('FlinkCredentialsError');
    expect(err.message).toContain('(1) set flink.credentials');
    expect(err.message).toContain('(2) on Function Compute, give the function a role');
    expect(err.message).toContain(
      '(3) set the environment variables ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET',
    );
  });

  it('says which half is missing, and never repeats a value', () => {
    const err = errorOf(() => resolveFlinkCredentials({ env: { ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'lonely-secret' } }));
    expect(err.message).toMatch(/ALIBABA_CLOUD_ACCESS_KEY_SECRET is set but its partner is not/);
    expect(err.message).not.toContain('lonely-secret');
  });

  it('refuses configured credentials whose values resolved to empty strings', () => {
    const empty = () => resolveFlinkCredentials({ configured: { accessKeyId: 'id', accessKeySecret: ' ' }, env: ENV });
    expect(empty).toThrow(/flink\.credentials\.accessKeySecret is empty/);
  });
});
