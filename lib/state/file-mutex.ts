import { type Clock, sleep } from '../runtime/clock';
import type { Logger } from '../runtime/logger';
import { StateConflictError } from './errors';
import { uniqueSuffix } from './file-io';
import { createFileLock } from './file-lock';

/** A mutex holds its lock for milliseconds; a lock this old belongs to a killed process. */
const MUTEX_TTL_MS = 30_000;
const POLL_MS = 20;

export interface FileMutex {
  /** Runs `work` while holding the lock file; waits for another holder up to the configured time. */
  run<T>(work: () => Promise<T>): Promise<T>;
}

/** A short-lived lock around one save (or one keep-aside), shared by every process using the same file. */
export function createFileMutex(
  lockPath: string,
  options: { clock: Clock; waitMs: number; logger: Logger },
): FileMutex {
  const lock = createFileLock(lockPath, options.logger);
  const { clock, waitMs } = options;

  return {
    async run(work) {
      const owner = `save-${uniqueSuffix()}`;
      const startedAt = clock.now();
      const maxPolls = Math.ceil(waitMs / POLL_MS) + 1;
      for (let poll = 0; poll < maxPolls; poll++) {
        const lease = await lock.acquire(owner, MUTEX_TTL_MS, clock.now());
        if (lease !== null) {
          try {
            return await work();
          } finally {
            await lock.release(lease);
          }
        }
        if (clock.now() - startedAt >= waitMs) break;
        await sleep(POLL_MS);
      }
      throw new StateConflictError(
        `another process has been writing for more than ${waitMs} ms (lock file ${lockPath}); ` +
          'try again, or remove the lock file if no flink-watch process is running',
        { expectedVersion: null },
      );
    },
  };
}
