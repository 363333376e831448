import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../lib/state/memory-store';
import { describeStoreContract } from './store-contract';

describeStoreContract('memory', async () => {
  const store = createMemoryStore();
  return { open: () => store, cleanup: async () => {} };
});

describe('memory store', () => {
  it('keeps separate stores apart', async () => {
    const a = createMemoryStore();
    const b = createMemoryStore();
    await a.save({ a: 1 }, null);
    expect(await b.load()).toEqual({ data: null, version: null });
    expect(a.description).toBe('memory');
  });
});
