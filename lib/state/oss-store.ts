import { type Clock, systemClock } from '../runtime/clock';
import { type Logger, silentLogger } from '../runtime/logger';
import { StateConflictError, StateStoreError } from './errors';
import { createOssBucket, type OssCredentials } from './oss-bucket';
import { createGenerationLog, type Generation } from './oss-generations';
import { createOssLease } from './oss-lease';
import type { StateStore, StoredDocument } from './types';

export interface OssStoreOptions {
  bucket: string;
  region: string;
  /** Key prefix, e.g. `flink-watch/prod/`; a missing trailing `/` is added. */
  prefix: string;
  endpoint?: string;
  credentials: OssCredentials;
  secure: boolean;
  /** Per request; default 10 s. */
  timeoutMs?: number;
  logger?: Logger;
  /** Names the copies of unreadable versions. */
  clock?: Clock;
  /** State versions kept for inspection and rollback (default 5, at least 2). */
  keepVersions?: number;
}

export function normalisePrefix(prefix: string): string {
  const trimmed = prefix.replace(/^\/+/, '');
  return trimmed === '' || trimmed.endsWith('/') ? trimmed : `${trimmed}/`;
}

/**
 * The state in an OSS bucket as immutable, create-only versions (`<prefix>state/…`), the lease as a log of
 * create-only lease records (`<prefix>lease/…`). `x-oss-forbid-overwrite` makes a create fail when the name exists,
 * which is the only compare-and-set OSS offers; everything here is built on it. See docs/state.md.
 */
export function createOssStore(options: OssStoreOptions): StateStore {
  const prefix = normalisePrefix(options.prefix);
  const logger = (options.logger ?? silentLogger).child({ store: 'oss', bucket: options.bucket, prefix });
  const clock = options.clock ?? systemClock;
  const bucketOptions = {
    bucket: options.bucket,
    region: options.region,
    credentials: options.credentials,
    secure: options.secure,
    timeoutMs: options.timeoutMs ?? 10_000,
    logger,
  };
  const bucket = createOssBucket(options.endpoint ? { ...bucketOptions, endpoint: options.endpoint } : bucketOptions);
  const versions = createGenerationLog(bucket, `${prefix}state/`, Math.max(2, options.keepVersions ?? 5), logger);
  const lease = createOssLease(createGenerationLog(bucket, `${prefix}lease/`, 3, logger), logger);

  async function keepAside(generation: Generation, bytes: Buffer, reason: string): Promise<StoredDocument> {
    const name = generation.key.slice(versions.folder.length);
    const keptAs = `${prefix}corrupt/${name}-${clock.now()}`;
    await bucket.put(keptAs, bytes);
    logger.warn('state version was unreadable; kept a copy and starting from an empty state', { reason, keptAs });
    // The version token stays that of the unreadable object, so the next save supersedes it normally.
    return { data: null, version: String(generation.n), corrupt: { reason, keptAs } };
  }

  return {
    description: `oss://${options.bucket}/${prefix}`,

    async load() {
      const newest = await versions.newest();
      if (newest === null) return { data: null, version: null };
      const bytes = await versions.read(newest);
      if (bytes === null) {
        throw new StateStoreError(`state version ${newest.key} disappeared while it was being read; try again`);
      }
      try {
        return { data: JSON.parse(bytes.toString('utf8')), version: String(newest.n) };
      } catch (err) {
        const detail =
          bytes.length === 0
            ? 'the object is empty'
            : `not valid JSON: ${err instanceof Error ? err.message : String(err)}`;
        return keepAside(newest, bytes, detail);
      }
    },

    async save(data, expectedVersion) {
      const expected = expectedVersion === null ? 0 : Number(expectedVersion);
      if (expectedVersion !== null && !(/^\d{1,15}$/.test(expectedVersion) && expected >= 1)) {
        throw new StateStoreError(`"${expectedVersion}" is not a version of this OSS store; pass what load returned`);
      }
      const text = JSON.stringify(data);
      if (text === undefined) throw new StateStoreError('cannot save the state: the document is not JSON-serialisable');
      const next = expected + 1;
      const outcome = await versions.append(next, Buffer.from(text));
      if (outcome !== 'created') {
        throw new StateConflictError(
          `state in oss://${options.bucket}/${prefix} changed since it was loaded (expected version ` +
            `${expectedVersion ?? 'none'}, ${outcome === 'exists' ? `version ${next} exists` : 'newer versions exist'}); ` +
            'another tick saved first',
          { expectedVersion },
        );
      }
      return String(next);
    },

    acquire: (owner, ttlMs, now) => lease.acquire(owner, ttlMs, now),
    release: (held) => lease.release(held),
  };
}
