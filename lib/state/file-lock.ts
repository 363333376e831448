import { createHash } from 'node:crypto';
import type { Logger } from '../runtime/logger';
import {
  createFileExclusively,
  readFileIfExists,
  replaceFileAtomically,
  uniqueSuffix,
  unlinkIfExists,
} from './file-io';
import { encodeLeaseRecord, parseLeaseRecord, sameLease } from './lease-record';
import type { Lease } from './types';

/** How long a takeover marker protects a takeover in progress; a takeover itself takes milliseconds. */
const MARKER_TTL_MS = 30_000;
/** A holder can release between our create attempt and our read; retry the create that many times. */
const CREATE_ROUNDS = 3;

/** A lock file holding `{owner, expiresAt}` that expires, so a killed holder does not block others forever. */
export interface FileLock {
  /** The lock, or `null` when another live holder has it. */
  acquire(owner: string, ttlMs: number, now: number): Promise<Lease | null>;
  /** Removes the lock file only while it still holds exactly `lease`; `false` when it did not. */
  release(lease: Lease): Promise<boolean>;
}

/**
 * Exclusive creation decides who gets a free lock. Taking over an expired one is the delicate part: several
 * contenders can see the same expired content at once. Each expired instance (identified by its exact bytes) gets
 * one takeover marker, created exclusively; only the marker's creator may replace the lock file, and it does so
 * with an atomic rename over it only after checking, under the marker, that the file still holds those bytes.
 * The lock file never disappears during a takeover, so a newcomer cannot slip in through a gap.
 */
export function createFileLock(lockPath: string, logger: Logger): FileLock {
  async function claimMarker(markerPath: string, claim: Lease, now: number): Promise<boolean> {
    const bytes = encodeLeaseRecord(claim);
    if (await createFileExclusively(markerPath, bytes)) return true;
    const existing = await readFileIfExists(markerPath);
    if (existing !== null) {
      const holder = parseLeaseRecord(existing);
      if (holder !== null && holder.expiresAt > now) return false;
      // A contender died within the milliseconds of its takeover; clear its marker (only if unchanged) once.
      const again = await readFileIfExists(markerPath);
      if (again?.equals(existing)) await unlinkIfExists(markerPath);
    }
    return createFileExclusively(markerPath, bytes);
  }

  async function takeOver(seen: Buffer, mine: Lease, now: number): Promise<Lease | null> {
    const markerPath = `${lockPath}.takeover-${createHash('sha256').update(seen).digest('hex').slice(0, 16)}`;
    if (!(await claimMarker(markerPath, { owner: mine.owner, expiresAt: now + MARKER_TTL_MS }, now))) return null;
    try {
      const current = await readFileIfExists(lockPath);
      if (current === null) return (await createFileExclusively(lockPath, encodeLeaseRecord(mine))) ? mine : null;
      if (!current.equals(seen)) return null;
      await replaceFileAtomically(lockPath, encodeLeaseRecord(mine), `${lockPath}.tmp-${uniqueSuffix()}`, false);
      const previous = parseLeaseRecord(seen);
      logger.info('took over an expired lock', {
        lock: lockPath,
        previousOwner: previous?.owner ?? '(unreadable)',
        expiredAt: previous ? new Date(previous.expiresAt).toISOString() : null,
      });
      return mine;
    } finally {
      await unlinkIfExists(markerPath);
    }
  }

  return {
    async acquire(owner, ttlMs, now) {
      const mine: Lease = { owner, expiresAt: now + ttlMs };
      for (let round = 0; round < CREATE_ROUNDS; round++) {
        if (await createFileExclusively(lockPath, encodeLeaseRecord(mine))) return mine;
        const seen = await readFileIfExists(lockPath);
        if (seen === null) continue;
        const holder = parseLeaseRecord(seen);
        if (holder !== null && holder.expiresAt > now) return null;
        if (holder === null) logger.warn('lock file is unreadable; treating it as expired', { lock: lockPath });
        return takeOver(seen, mine, now);
      }
      return null;
    },

    async release(lease) {
      const seen = await readFileIfExists(lockPath);
      if (seen === null) return false;
      const holder = parseLeaseRecord(seen);
      if (holder === null || !sameLease(holder, lease)) return false;
      return unlinkIfExists(lockPath);
    },
  };
}
