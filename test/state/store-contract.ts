import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StateConflictError } from '../../lib/state/errors';
import type { StateStore } from '../../lib/state/types';

/** One storage location; `open()` gives another handle on it, as another process (or tick) would have. */
export interface StoreFixture {
  open(): StateStore;
  cleanup(): Promise<void>;
}

const CONTENDERS = 6;

async function settle<T>(work: Array<Promise<T>>) {
  const results = await Promise.allSettled(work);
  const fulfilled: T[] = [];
  const rejected: unknown[] = [];
  for (const result of results) {
    if (result.status === 'fulfilled') fulfilled.push(result.value);
    else rejected.push(result.reason);
  }
  return { fulfilled, rejected };
}

/** The behaviour every `StateStore` promises, run against each implementation. */
export function describeStoreContract(name: string, createFixture: () => Promise<StoreFixture>): void {
  describe(`${name} store contract`, () => {
    let fixture: StoreFixture;
    beforeEach(async () => {
      fixture = await createFixture();
    });
    afterEach(async () => {
      await fixture.cleanup();
    });

    it('loads nothing from an empty location', async () => {
      expect(await fixture.open().load()).toEqual({ data: null, version: null });
    });

    it('round-trips a document and its version, as a copy', async () => {
      const store = fixture.open();
      const doc = { formatVersion: 1, alerts: { abc: { status: 'firing' } }, list: [1, 2, 3], text: '中文 ✓' };
      const version = await store.save(doc, null);
      doc.list.push(4);
      const loaded = await fixture.open().load();
      expect(loaded).toEqual({ data: { ...doc, list: [1, 2, 3] }, version });
      expect(loaded.corrupt).toBeUndefined();
    });

    it('gives each save a new version and rejects a save from a stale version', async () => {
      const store = fixture.open();
      const v1 = await store.save({ n: 1 }, null);
      const v2 = await store.save({ n: 2 }, v1);
      expect(v2).not.toBe(v1);
      await expect(store.save({ n: 'stale' }, v1)).rejects.toBeInstanceOf(StateConflictError);
      await expect(store.save({ n: 'as-if-empty' }, null)).rejects.toBeInstanceOf(StateConflictError);
      expect(await fixture.open().load()).toEqual({ data: { n: 2 }, version: v2 });
    });

    it('lets exactly one of several writers from the same version win', async () => {
      const base = await fixture.open().save({ n: 0 }, null);
      const writers = Array.from({ length: CONTENDERS }, (_, i) => fixture.open().save({ writer: i }, base));
      const { fulfilled, rejected } = await settle(writers);
      expect(fulfilled).toHaveLength(1);
      expect(rejected).toHaveLength(CONTENDERS - 1);
      for (const reason of rejected) expect(reason).toBeInstanceOf(StateConflictError);
      const loaded = await fixture.open().load();
      expect(loaded.version).toBe(fulfilled[0]);
      expect(loaded.data).toMatchObject({ writer: expect.any(Number) });
    });

    it('gives the lease to one holder until it is released', async () => {
      const first = await fixture.open().acquire('tick-a', 60_000, 1_000);
      expect(first).toEqual({ owner: 'tick-a', expiresAt: 61_000 });
      expect(await fixture.open().acquire('tick-b', 60_000, 2_000)).toBeNull();
      await fixture.open().release(first!);
      expect(await fixture.open().acquire('tick-c', 60_000, 3_000)).toEqual({ owner: 'tick-c', expiresAt: 63_000 });
    });

    it('takes over an expired lease, and the old holder can no longer release it', async () => {
      const old = await fixture.open().acquire('crashed', 1_000, 0);
      expect(old).not.toBeNull();
      expect(await fixture.open().acquire('early', 1_000, 999)).toBeNull();
      const taken = await fixture.open().acquire('successor', 5_000, 1_000);
      expect(taken).toEqual({ owner: 'successor', expiresAt: 6_000 });
      await fixture.open().release(old!);
      expect(await fixture.open().acquire('third', 5_000, 2_000)).toBeNull();
    });

    it('gives a free lease to exactly one of several simultaneous contenders', async () => {
      const contenders = Array.from({ length: CONTENDERS }, (_, i) => fixture.open().acquire(`c${i}`, 60_000, 10));
      const { fulfilled, rejected } = await settle(contenders);
      expect(rejected).toEqual([]);
      expect(fulfilled.filter((lease) => lease !== null)).toHaveLength(1);
    });

    it('gives an expired lease to exactly one of several simultaneous contenders', async () => {
      await fixture.open().acquire('killed', 1_000, 0);
      const contenders = Array.from({ length: CONTENDERS }, (_, i) => fixture.open().acquire(`c${i}`, 60_000, 50_000));
      const { fulfilled, rejected } = await settle(contenders);
      expect(rejected).toEqual([]);
      const winners = fulfilled.filter((lease) => lease !== null);
      expect(winners).toHaveLength(1);
      expect(await fixture.open().acquire('late', 60_000, 50_001)).toBeNull();
      await fixture.open().release(winners[0]!);
      expect(await fixture.open().acquire('after', 60_000, 50_002)).not.toBeNull();
    });

    it('refuses a document that is not JSON', async () => {
      await expect(fixture.open().save(undefined, null)).rejects.toThrow(/not JSON-serialisable/);
      expect(await fixture.open().load()).toEqual({ data: null, version: null });
    });
  });
}
