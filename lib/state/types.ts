/**
 * A store of one JSON document with optimistic concurrency and a lease, so that two overlapping ticks never both
 * notify. The document's shape belongs to the caller (`lib/state/model.ts`); stores only keep bytes safely.
 */
export interface StoredDocument {
  /** `null` when nothing was saved yet. */
  data: unknown | null;
  /** Opaque version token; pass it back to `save`. `null` when nothing was saved yet. */
  version: string | null;
  /**
   * Set when the stored document could not be read; it was kept aside at `keptAs`. `data` is null, or, with
   * `restoredFrom`, the copy of the last save that the store keeps for this case.
   */
  corrupt?: { reason: string; keptAs: string; restoredFrom?: string };
}

export interface Lease {
  /** Who holds it (random per tick). */
  owner: string;
  /** Epoch ms after which another tick may take it over. */
  expiresAt: number;
}

export interface StateStore {
  readonly description: string;
  /**
   * Take the lease for `ttlMs`. Resolves `null` when another live holder has it (the caller skips the tick and
   * says so); a holder whose lease expired is taken over.
   */
  acquire(owner: string, ttlMs: number, now: number): Promise<Lease | null>;
  release(lease: Lease): Promise<void>;
  load(): Promise<StoredDocument>;
  /** Save when the stored version still equals `expectedVersion`; otherwise throws `StateConflictError`. */
  save(data: unknown, expectedVersion: string | null): Promise<string>;
}
