import type OSS from 'ali-oss';
import type { Logger } from '../runtime/logger';
import { redactSecrets } from '../runtime/redact';
import { StateStoreError } from './errors';

export interface OssCredentials {
  accessKeyId: string;
  accessKeySecret: string;
  securityToken?: string;
}

export interface OssBucketOptions {
  bucket: string;
  /** `cn-hangzhou` or `oss-cn-hangzhou`. */
  region: string;
  /** Overrides the region's public endpoint, e.g. `oss-cn-hangzhou-internal.aliyuncs.com` or a full URL. */
  endpoint?: string;
  credentials: OssCredentials;
  secure: boolean;
  timeoutMs: number;
  logger: Logger;
}

/** The few object operations the OSS store needs, with OSS's answers turned into plain results or typed errors. */
export interface OssBucket {
  /** Creates `key` only if absent (`x-oss-forbid-overwrite`); `false` when it already existed. */
  create(key: string, body: Buffer): Promise<boolean>;
  put(key: string, body: Buffer): Promise<void>;
  /** The object's bytes, or `null` when there is no such key. */
  get(key: string): Promise<Buffer | null>;
  /** One page of keys under `prefix`, in ascending name order (OSS lists that way). */
  list(prefix: string, maxKeys: number): Promise<string[]>;
  remove(key: string): Promise<void>;
}

function field(err: unknown, name: string): unknown {
  return typeof err === 'object' && err !== null ? Reflect.get(err, name) : undefined;
}

/** `OSS <accessKeyId>:<signature>`: a signature replays for minutes, so it is hidden along with the keys. */
const AUTHORIZATION_VALUE = /OSS [^\s:]+:[A-Za-z0-9+/=]+/g;

/**
 * ali-oss errors carry the request they came from (headers, parameters); only a redacted summary survives, and
 * the cause is rebuilt from it rather than kept, so no credential can leak through `cause` either.
 */
export function toStoreError(operation: string, key: string, err: unknown, credentials: OssCredentials): Error {
  const secrets = [credentials.accessKeySecret, credentials.securityToken ?? '', credentials.accessKeyId];
  const clean = (text: string) => redactSecrets(text, secrets).replace(AUTHORIZATION_VALUE, 'OSS <redacted>');
  const code = field(err, 'code');
  const status = field(err, 'status');
  const requestId = field(err, 'requestId');
  const name = clean(String(field(err, 'name') ?? 'Error'));
  // urllib appends socket-agent statistics and response headers to network errors: keep the first clause only.
  const firstLine = (err instanceof Error ? err.message : String(err)).split('\n')[0] ?? '';
  const message = clean(firstLine.replace(/ \(connected: .*$/, '')).slice(0, 500);
  const parts = [
    typeof code === 'string' && code ? code : name,
    typeof status === 'number' && status > 0 ? `HTTP ${status}` : '',
    typeof requestId === 'string' && requestId ? `request ${clean(requestId)}` : '',
  ].filter(Boolean);
  const cause = new Error(message);
  cause.name = name;
  return new StateStoreError(`OSS ${operation} of ${key} failed (${parts.join(', ')}): ${message}`, { cause });
}

function ossRegion(region: string): string {
  return region.startsWith('oss-') ? region : `oss-${region}`;
}

/** ali-oss is loaded on first use, so a function that keeps its state in a file never pays for it at cold start. */
export function createOssBucket(options: OssBucketOptions): OssBucket {
  const { credentials } = options;
  let client: Promise<OSS> | undefined;
  let versioningWarned = false;

  /** OSS ignores `x-oss-forbid-overwrite` in a bucket with versioning; its answers then carry a version id. */
  function checkVersioning(headers: unknown): void {
    if (versioningWarned || field(headers, 'x-oss-version-id') === undefined) return;
    versioningWarned = true;
    options.logger.error(
      'the state bucket has versioning enabled or suspended; OSS then overwrites instead of refusing, so ' +
        'concurrent ticks are not detected: keep the state in a bucket without versioning',
      { bucket: options.bucket },
    );
  }

  function connect(): Promise<OSS> {
    client ??= import('ali-oss').then(({ default: Client }) => {
      const clientOptions: OSS.Options = {
        bucket: options.bucket,
        region: ossRegion(options.region),
        accessKeyId: credentials.accessKeyId,
        accessKeySecret: credentials.accessKeySecret,
        secure: options.secure,
        timeout: options.timeoutMs,
      };
      if (options.endpoint) clientOptions.endpoint = options.endpoint;
      if (credentials.securityToken) {
        clientOptions.stsToken = credentials.securityToken;
        // Credentials are fresh per invocation; this only silences ali-oss's advice to refresh them itself.
        clientOptions.refreshSTSTokenInterval = 3_600_000;
      }
      return new Client(clientOptions);
    });
    return client;
  }

  async function run<T>(operation: string, key: string, work: (oss: OSS) => Promise<T>): Promise<T> {
    try {
      return await work(await connect());
    } catch (err) {
      throw toStoreError(operation, key, err, credentials);
    }
  }

  return {
    async create(key, body) {
      try {
        const result = await (await connect()).put(key, body, {
          headers: { 'x-oss-forbid-overwrite': 'true' },
          mime: 'application/json',
        });
        checkVersioning(result.res.headers);
        return true;
      } catch (err) {
        if (field(err, 'status') === 409 && field(err, 'code') === 'FileAlreadyExists') return false;
        throw toStoreError('create-only put', key, err, credentials);
      }
    },

    put: (key, body) =>
      run('put', key, async (oss) => {
        await oss.put(key, body, { mime: 'application/json' });
      }),

    async get(key) {
      try {
        const result = await (await connect()).get(key);
        const content: unknown = result.content;
        return Buffer.isBuffer(content) ? content : Buffer.from(String(content ?? ''));
      } catch (err) {
        if (field(err, 'status') === 404 && field(err, 'code') === 'NoSuchKey') return null;
        throw toStoreError('get', key, err, credentials);
      }
    },

    list: (prefix, maxKeys) =>
      run('list', prefix, async (oss) => {
        const result = await oss.list({ prefix, 'max-keys': maxKeys }, {});
        return (result.objects ?? []).map((object) => object.name);
      }),

    remove: (key) =>
      run('delete', key, async (oss) => {
        await oss.delete(key);
      }),
  };
}
