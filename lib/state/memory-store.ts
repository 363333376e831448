import { StateConflictError, StateStoreError } from './errors';
import type { Lease, StateStore } from './types';

/**
 * The state in memory, for tests and dry runs. Same semantics as the durable stores: documents are copied
 * through JSON on the way in and out (callers cannot mutate what was saved), versions are counters, and the lease
 * expires.
 */
export function createMemoryStore(): StateStore {
  let saved: { text: string; version: string } | null = null;
  let counter = 0;
  let lease: Lease | null = null;

  return {
    description: 'memory',

    async load() {
      if (saved === null) return { data: null, version: null };
      return { data: JSON.parse(saved.text), version: saved.version };
    },

    async save(data, expectedVersion) {
      const currentVersion = saved?.version ?? null;
      if (currentVersion !== expectedVersion) {
        throw new StateConflictError(
          `in-memory state changed since it was loaded (expected version ${expectedVersion ?? 'none'}, ` +
            `found ${currentVersion ?? 'none'}); another tick saved first`,
          { expectedVersion, actualVersion: currentVersion },
        );
      }
      const text = JSON.stringify(data);
      if (text === undefined) throw new StateStoreError('cannot save the state: the document is not JSON-serialisable');
      counter += 1;
      saved = { text, version: String(counter) };
      return saved.version;
    },

    async acquire(owner, ttlMs, now) {
      if (lease !== null && lease.expiresAt > now) return null;
      lease = { owner, expiresAt: now + ttlMs };
      return { ...lease };
    },

    async release(held) {
      if (lease !== null && lease.owner === held.owner && lease.expiresAt === held.expiresAt) lease = null;
    },
  };
}
