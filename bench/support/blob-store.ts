import { writeFile } from 'node:fs/promises';
import { readFileIfExists } from '../../lib/state/file-io';
import type { Lease, StateStore } from '../../lib/state/types';

/**
 * A state store for the memory bench that handles the document as the OSS store does (compact JSON to bytes on save,
 * bytes to string to objects on load) but keeps the bytes in a local file instead of a bucket, so the measured process
 * holds no copy between ticks, exactly like a function whose state lives in OSS. A file already at `path` is the
 * saved state (a bench can seed one). Single process; no conflict checks.
 */
export function createBlobFileStore(path: string): StateStore {
  let version = 0;
  let lease: Lease | null = null;
  return {
    description: `bench blob ${path}`,
    async load() {
      const bytes = await readFileIfExists(path);
      if (bytes === null) return { data: null, version: null };
      return { data: JSON.parse(bytes.toString('utf8')), version: String(version) };
    },
    async save(data) {
      // The version only orders saves here; a seeded file counts as version 0.
      await writeFile(path, Buffer.from(JSON.stringify(data)));
      version += 1;
      return String(version);
    },
    async acquire(owner, ttlMs, now) {
      if (lease !== null && lease.expiresAt > now) return null;
      lease = { owner, expiresAt: now + ttlMs };
      return { ...lease };
    },
    async release() {
      lease = null;
    },
  };
}
