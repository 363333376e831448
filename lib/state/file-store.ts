import { createHash } from 'node:crypto';
import { link, readdir, unlink } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { type Clock, systemClock } from '../runtime/clock';
import { type Logger, silentLogger } from '../runtime/logger';
import { StateConflictError, StateStoreError } from './errors';
import {
  ensureDirectory,
  errnoCode,
  readFileIfExists,
  replaceFileAtomically,
  uniqueSuffix,
  unlinkIfExists,
} from './file-io';
import { createFileLock } from './file-lock';
import { createFileMutex } from './file-mutex';
import type { StateStore, StoredDocument } from './types';

export interface FileStoreOptions {
  path: string;
  logger?: Logger;
  /** Names corrupt copies and times the short save lock; the lease uses the `now` its caller passes. */
  clock?: Clock;
  /** How long `save` waits for another process's save to finish before it gives up. */
  saveLockWaitMs?: number;
}

/** The version of a state file is the SHA-256 of its bytes: no envelope, the file stays plain JSON. */
function versionOf(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function describeIoError(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Typed errors pass through; raw I/O errors become a `StateStoreError` that says what was being done. */
async function asStoreError<T>(action: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof StateConflictError || err instanceof StateStoreError) throw err;
    throw new StateStoreError(`${action} failed: ${describeIoError(err)}`, { cause: err });
  }
}

/**
 * The state as one JSON file. Writes go to a temp file in the same directory, are flushed, renamed over the state
 * file and the directory is flushed, so a crash leaves the old or the new document, never a torn one. The
 * version check and the write happen under a short lock file (`<path>.lock`); the tick lease is `<path>.lease`.
 * Each save also leaves a copy in `<path>.bak`: a state file damaged from outside (a disk error, an edit) is kept
 * aside and the copy is used, so the alerts it remembered still resolve instead of being forgotten.
 */
export function createFileStore(options: FileStoreOptions): StateStore {
  const statePath = resolve(options.path);
  const directory = dirname(statePath);
  const logger = (options.logger ?? silentLogger).child({ store: 'file', path: statePath });
  const clock = options.clock ?? systemClock;
  const leaseLock = createFileLock(`${statePath}.lease`, logger);
  const saveMutex = createFileMutex(`${statePath}.lock`, { clock, waitMs: options.saveLockWaitMs ?? 5_000, logger });
  const tempPrefix = `${basename(statePath)}.tmp-`;
  const backupPath = `${statePath}.bak`;

  /** Temp files of saves that crashed before their rename; safe to remove while we hold the save lock. */
  async function removeLeftoverTemps(): Promise<void> {
    const names = await readdir(directory);
    for (const name of names) {
      if (!name.startsWith(tempPrefix)) continue;
      await unlinkIfExists(join(directory, name));
      logger.warn('removed a temp file left by an interrupted save', { file: name });
    }
  }

  /** Renames the state file to `base` (or `base-1`, `base-2`, …: an earlier copy is never overwritten). */
  async function moveAside(base: string): Promise<string | null> {
    for (let n = 0; n < 100; n++) {
      const candidate = n === 0 ? base : `${base}-${n}`;
      try {
        await link(statePath, candidate);
      } catch (err) {
        if (errnoCode(err) === 'EEXIST') continue;
        throw err;
      }
      await unlink(statePath);
      return candidate;
    }
    return null;
  }

  /** Moves an unreadable state file aside (under the save lock, so a concurrent good save is never moved). */
  async function keepAside(seen: Buffer | null, reason: string): Promise<StoredDocument | 'changed'> {
    return saveMutex.run(async () => {
      const current = await readFileIfExists(statePath).catch(() => null);
      if (seen !== null && (current === null || !current.equals(seen))) return 'changed';
      let keptAs: string | null;
      try {
        keptAs = await moveAside(`${statePath}.corrupt-${clock.now()}`);
      } catch (err) {
        if (errnoCode(err) === 'ENOENT') return 'changed';
        throw new StateStoreError(
          `state file ${statePath} is unreadable (${reason}) and could not be moved aside: ${describeIoError(err)}; ` +
            'fix its permissions or remove it',
          { cause: err },
        );
      }
      if (keptAs === null) throw new StateStoreError(`state file ${statePath} is unreadable (${reason}); remove it`);
      logger.warn('state file was unreadable; kept it aside and starting from an empty state', { reason, keptAs });
      return { data: null, version: null, corrupt: { reason, keptAs } };
    });
  }

  /** After keeping an unreadable file aside: the copy of the last save, when there is a readable one. */
  async function withBackup(kept: StoredDocument | 'changed'): Promise<StoredDocument | 'changed'> {
    if (kept === 'changed' || !kept.corrupt) return kept;
    const bytes = await readFileIfExists(backupPath).catch(() => null);
    if (bytes === null) return kept;
    try {
      const data: unknown = JSON.parse(bytes.toString('utf8'));
      logger.warn('continuing from the copy of the last save', { restoredFrom: backupPath });
      return { data, version: null, corrupt: { ...kept.corrupt, restoredFrom: backupPath } };
    } catch {
      return kept;
    }
  }

  async function loadOnce(): Promise<StoredDocument | 'changed'> {
    let bytes: Buffer | null;
    try {
      bytes = await readFileIfExists(statePath);
    } catch (err) {
      return withBackup(await keepAside(null, `cannot read the file: ${describeIoError(err)}`));
    }
    if (bytes === null) return { data: null, version: null };
    let data: unknown;
    try {
      data = JSON.parse(bytes.toString('utf8'));
    } catch (err) {
      const detail = bytes.length === 0 ? 'the file is empty' : `not valid JSON: ${describeIoError(err)}`;
      return withBackup(await keepAside(bytes, detail));
    }
    return { data, version: versionOf(bytes) };
  }

  return {
    description: `file ${statePath}`,

    load() {
      return asStoreError(`loading state file ${statePath}`, async () => {
        // A concurrent save can replace the file between our read and our keep-aside; then read it again.
        for (let attempt = 0; attempt < 3; attempt++) {
          const result = await loadOnce();
          if (result !== 'changed') return result;
        }
        throw new StateStoreError(`state file ${statePath} kept changing while it was being read; try again`);
      });
    },

    async save(data, expectedVersion) {
      const text = JSON.stringify(data, null, 2);
      if (text === undefined) throw new StateStoreError('cannot save the state: the document is not JSON-serialisable');
      const bytes = Buffer.from(`${text}\n`);
      await asStoreError(`creating the state directory ${directory}`, () => ensureDirectory(directory));
      const checkVersion = async () => {
        const current = await readFileIfExists(statePath);
        const currentVersion = current === null ? null : versionOf(current);
        if (currentVersion !== expectedVersion) {
          throw new StateConflictError(
            `state file ${statePath} changed since it was loaded (expected version ${expectedVersion ?? 'none'}, ` +
              `found ${currentVersion ?? 'none'}); another tick saved first`,
            { expectedVersion, actualVersion: currentVersion },
          );
        }
      };
      return asStoreError(`saving state file ${statePath}`, async () => {
        // A save that is already stale fails without queueing for the lock; the check that counts is under it.
        await checkVersion();
        return saveMutex.run(async () => {
          await checkVersion();
          await removeLeftoverTemps();
          await replaceFileAtomically(statePath, bytes, join(directory, `${tempPrefix}${uniqueSuffix()}`));
          // Not flushed: a copy a power loss left one save behind still beats starting empty.
          await replaceFileAtomically(backupPath, bytes, join(directory, `${tempPrefix}${uniqueSuffix()}`), false);
          return versionOf(bytes);
        });
      });
    },

    acquire(owner, ttlMs, now) {
      return asStoreError(`taking the lease ${statePath}.lease`, async () => {
        await ensureDirectory(directory);
        return leaseLock.acquire(owner, ttlMs, now);
      });
    },

    release(lease) {
      return asStoreError(`releasing the lease ${statePath}.lease`, async () => {
        await leaseLock.release(lease);
      });
    },
  };
}
