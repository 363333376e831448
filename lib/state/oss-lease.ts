import type { Logger } from '../runtime/logger';
import { encodeLeaseRecord, parseLeaseRecord, sameLease } from './lease-record';
import type { GenerationLog } from './oss-generations';
import type { Lease } from './types';

export interface OssLease {
  acquire(owner: string, ttlMs: number, now: number): Promise<Lease | null>;
  release(lease: Lease): Promise<void>;
}

/**
 * The lease as a generation log: the newest generation says who holds it until when (or that it was released).
 * Taking it, taking it over when expired, and releasing it all create the next generation, create-only, so of
 * any number of contenders that saw the same generation exactly one succeeds; nothing is ever overwritten.
 */
export function createOssLease(log: GenerationLog, logger: Logger): OssLease {
  return {
    async acquire(owner, ttlMs, now) {
      const newest = await log.newest();
      if (newest !== null) {
        const holder = parseLeaseRecord(await log.read(newest));
        if (holder !== null && !holder.released && holder.expiresAt > now) return null;
        if (holder === null) logger.warn('lease object is unreadable; treating it as expired', { key: newest.key });
        else if (!holder.released) {
          logger.info('taking over an expired lease', {
            previousOwner: holder.owner,
            expiredAt: new Date(holder.expiresAt).toISOString(),
          });
        }
      }
      const mine: Lease = { owner, expiresAt: now + ttlMs };
      const outcome = await log.append((newest?.n ?? 0) + 1, encodeLeaseRecord(mine));
      return outcome === 'created' ? mine : null;
    },

    async release(lease) {
      const newest = await log.newest();
      if (newest === null) return;
      const holder = parseLeaseRecord(await log.read(newest));
      if (holder === null || holder.released) return;
      if (!sameLease(holder, lease)) return;
      // `exists`/`superseded` mean someone took it over after it expired: nothing left to release.
      await log.append(
        newest.n + 1,
        encodeLeaseRecord({ owner: lease.owner, expiresAt: lease.expiresAt, released: true }),
      );
    },
  };
}
