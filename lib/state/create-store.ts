import type { StateConfig } from '../config/types';
import type { Clock } from '../runtime/clock';
import type { Logger } from '../runtime/logger';
import { StateConfigError } from './errors';
import { createFileStore, type FileStoreOptions } from './file-store';
import { createMemoryStore } from './memory-store';
import type { OssCredentials } from './oss-bucket';
import { createOssStore, type OssStoreOptions } from './oss-store';
import type { StateStore } from './types';

export interface StateStoreDeps {
  /** Function Compute's `context.credentials` (the function role's STS credentials); `{}` without a role. */
  contextCredentials?: { accessKeyId?: string; accessKeySecret?: string; securityToken?: string };
  /** Where `ALIBABA_CLOUD_ACCESS_KEY_ID` / `_SECRET` / `_SECURITY_TOKEN` are read; defaults to the process environment. */
  env?: Readonly<Record<string, string | undefined>>;
  logger?: Logger;
  clock?: Clock;
}

const filled = (value: string | undefined): value is string => typeof value === 'string' && value.trim() !== '';

function credentialsFrom(id: string | undefined, secret: string | undefined, token: string | undefined) {
  if (!filled(id) || !filled(secret)) return null;
  const out: OssCredentials = { accessKeyId: id.trim(), accessKeySecret: secret.trim() };
  if (filled(token)) out.securityToken = token.trim();
  return out;
}

/** The configuration's credentials, then the function role's (context), then the standard environment variables. */
function resolveOssCredentials(
  configured: Extract<StateConfig, { type: 'oss' }>['credentials'],
  deps: StateStoreDeps,
): OssCredentials {
  if (configured) {
    const explicit = credentialsFrom(configured.accessKeyId, configured.accessKeySecret, configured.securityToken);
    if (explicit) return explicit;
    throw new StateConfigError(
      `state.credentials is set but its accessKeyId or accessKeySecret is empty; fill both (through \${env:NAME} ` +
        'references) or remove state.credentials to use the function role',
    );
  }
  const context = deps.contextCredentials;
  const fromContext = credentialsFrom(context?.accessKeyId, context?.accessKeySecret, context?.securityToken);
  if (fromContext) return fromContext;
  const env = deps.env ?? process.env;
  const fromEnv = credentialsFrom(
    env.ALIBABA_CLOUD_ACCESS_KEY_ID,
    env.ALIBABA_CLOUD_ACCESS_KEY_SECRET,
    env.ALIBABA_CLOUD_SECURITY_TOKEN,
  );
  if (fromEnv) return fromEnv;
  throw new StateConfigError(
    'the OSS state store has no credentials: set state.credentials in the configuration, give the function a role ' +
      'with access to the bucket (Function Compute passes its credentials to each invocation), or set ' +
      'ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET',
  );
}

/** The store the configuration asks for. Throws `StateConfigError` when it cannot work (e.g. OSS without credentials). */
export function createStateStore(config: StateConfig, deps: StateStoreDeps = {}): StateStore {
  const shared = { ...(deps.logger ? { logger: deps.logger } : {}), ...(deps.clock ? { clock: deps.clock } : {}) };
  switch (config.type) {
    case 'memory':
      return createMemoryStore();
    case 'file': {
      if (!filled(config.path))
        throw new StateConfigError('state.path is empty; set it to a file, e.g. .flink-watch/state.json');
      const options: FileStoreOptions = { path: config.path, ...shared };
      return createFileStore(options);
    }
    case 'oss': {
      if (!filled(config.bucket))
        throw new StateConfigError('state.bucket is empty; name the OSS bucket that keeps the state');
      if (!filled(config.region))
        throw new StateConfigError('state.region is empty; set the bucket region, e.g. cn-hangzhou');
      const options: OssStoreOptions = {
        bucket: config.bucket,
        region: config.region,
        prefix: config.prefix,
        credentials: resolveOssCredentials(config.credentials, deps),
        secure: config.secure,
        ...shared,
      };
      if (config.endpoint) options.endpoint = config.endpoint;
      return createOssStore(options);
    }
  }
}
