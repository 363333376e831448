import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../lib/runtime/clock';
import { createLogger } from '../../lib/runtime/logger';
import { StateConflictError } from '../../lib/state/errors';
import { createFileStore } from '../../lib/state/file-store';
import { describeStoreContract } from './store-contract';

describeStoreContract('file', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'fw-state-'));
  const path = join(dir, 'nested', 'state.json');
  return { open: () => createFileStore({ path }), cleanup: () => rm(dir, { recursive: true, force: true }) };
});

describe('file store', () => {
  let dir: string;
  let path: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'fw-state-'));
    path = join(dir, 'state.json');
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('creates its directory and writes plain JSON that people can read', async () => {
    const deep = join(dir, 'a', 'b', 'state.json');
    const store = createFileStore({ path: deep });
    await store.save({ formatVersion: 1, savedAt: 'x' }, null);
    expect(JSON.parse(await readFile(deep, 'utf8'))).toEqual({ formatVersion: 1, savedAt: 'x' });
    expect(store.description).toBe(`file ${deep}`);
  });

  for (const [label, bytes, reason] of [
    ['garbage bytes', Buffer.from([0xff, 0xfe, 0x00, 0x13, 0x37, 0x80]), /not valid JSON/],
    ['truncated JSON', Buffer.from('{"formatVersion": 1, "alerts": {"abc": {"status": "fir'), /not valid JSON/],
    ['an empty file', Buffer.alloc(0), /empty/],
  ] as const) {
    it(`keeps ${label} aside and starts empty, then saves normally`, async () => {
      await writeFile(path, bytes);
      const lines: string[] = [];
      const store = createFileStore({
        path,
        clock: fixedClock(1_700_000_000_123),
        logger: createLogger({ sink: (l) => lines.push(l) }),
      });
      const loaded = await store.load();
      expect(loaded.data).toBeNull();
      expect(loaded.version).toBeNull();
      expect(loaded.corrupt?.reason).toMatch(reason);
      expect(loaded.corrupt?.keptAs).toBe(`${path}.corrupt-1700000000123`);
      expect(await readFile(`${path}.corrupt-1700000000123`)).toEqual(bytes);
      expect(lines.some((l) => l.includes('kept it aside'))).toBe(true);
      const version = await store.save({ fresh: true }, loaded.version);
      expect(await store.load()).toEqual({ data: { fresh: true }, version });
    });
  }

  it('never overwrites an earlier corrupt copy', async () => {
    const store = createFileStore({ path, clock: fixedClock(42) });
    await writeFile(path, 'first');
    expect((await store.load()).corrupt?.keptAs).toBe(`${path}.corrupt-42`);
    await writeFile(path, 'second');
    expect((await store.load()).corrupt?.keptAs).toBe(`${path}.corrupt-42-1`);
    expect(await readFile(`${path}.corrupt-42`, 'utf8')).toBe('first');
    expect(await readFile(`${path}.corrupt-42-1`, 'utf8')).toBe('second');
  });

  it('is not confused by a temp file an interrupted save left behind, and removes it on the next save', async () => {
    const store = createFileStore({ path });
    const version = await store.save({ good: 1 }, null);
    const leftover = join(dir, 'state.json.tmp-4242-deadbeef');
    await writeFile(leftover, '{"half": ');
    expect(await store.load()).toEqual({ data: { good: 1 }, version });
    await store.save({ good: 2 }, version);
    expect((await readdir(dir)).sort()).toEqual(['state.json', 'state.json.bak']);
  });

  it('sees a change made by another writer as a new version', async () => {
    const store = createFileStore({ path });
    const version = await store.save({ n: 1 }, null);
    await writeFile(path, JSON.stringify({ n: 'edited by hand' }));
    await expect(store.save({ n: 2 }, version)).rejects.toBeInstanceOf(StateConflictError);
    const reloaded = await store.load();
    expect(reloaded.data).toEqual({ n: 'edited by hand' });
    await store.save({ n: 3 }, reloaded.version);
  });

  it('takes over the lease file of a killed process, and one that is unreadable', async () => {
    await writeFile(`${path}.lease`, JSON.stringify({ owner: 'killed-pid-123', expiresAt: 5_000 }));
    const store = createFileStore({ path });
    expect(await store.acquire('next', 60_000, 4_999)).toBeNull();
    expect(await store.acquire('next', 60_000, 5_000)).toEqual({ owner: 'next', expiresAt: 65_000 });
    expect(JSON.parse(await readFile(`${path}.lease`, 'utf8'))).toEqual({ owner: 'next', expiresAt: 65_000 });

    await writeFile(`${path}.lease`, 'not a lease');
    expect(await store.acquire('after-garbage', 1_000, 0)).toEqual({ owner: 'after-garbage', expiresAt: 1_000 });
    expect((await readdir(dir)).sort()).toEqual(['state.json.lease']);
  });

  it('releases only its own lease file', async () => {
    const store = createFileStore({ path });
    const lease = await store.acquire('mine', 60_000, 0);
    await store.release({ owner: 'someone-else', expiresAt: 60_000 });
    expect(await readdir(dir)).toEqual(['state.json.lease']);
    await store.release(lease!);
    expect(await readdir(dir)).toEqual([]);
  });

  it('recovers from a save lock a killed process left behind', async () => {
    const store = createFileStore({ path });
    await writeFile(`${path}.lock`, JSON.stringify({ owner: 'save-killed', expiresAt: 1 }));
    const version = await store.save({ ok: true }, null);
    expect(await store.load()).toEqual({ data: { ok: true }, version });
    expect((await readdir(dir)).sort()).toEqual(['state.json', 'state.json.bak']);
  });

  it('gives up with a conflict when another process keeps saving', async () => {
    const store = createFileStore({ path, saveLockWaitMs: 100 });
    await writeFile(`${path}.lock`, JSON.stringify({ owner: 'busy', expiresAt: Date.now() + 60_000 }));
    await expect(store.save({ n: 1 }, null)).rejects.toThrow(StateConflictError);
    await expect(store.save({ n: 1 }, null)).rejects.toThrow(/lock file/);
  });
});
