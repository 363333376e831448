import { readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { systemClock } from '../../lib/runtime/clock';
import { createDeadline } from '../../lib/runtime/deadline';
import { createFileStore } from '../../lib/state/file-store';
import type { StateStore } from '../../lib/state/types';
import { runTick } from '../../lib/tick/run-tick';
import { runFaultCase } from './harness/fault-case';
import { composeWorldTick, type FaultContext, type TickRecord } from './harness/fault-run';
import type { FaultCase } from './harness/fault-verdict';

const warns = (pattern: RegExp) => (tick: TickRecord) =>
  tick.summary?.warnings.some((w) => pattern.test(w)) ? undefined : `a warning matching ${pattern}`;

/**
 * Another writer saves between this tick's load and its save: a full tick that ignores the lease (one that outlived
 * its lease and was taken over), on the same state file and at the same time. It notifies too, so each of those
 * notifications may arrive twice; this tick's save then fails with StateConflictError.
 */
function saveAfterCompetitor(store: StateStore, ctx: FaultContext, tick: { now: number }): StateStore {
  const competitor = async () => {
    const deps = composeWorldTick({ hooks: {}, ctx, faultOn: false, logLines: [] });
    const inner = deps.store;
    deps.store = {
      ...inner,
      acquire: async (owner, ttlMs, now) => ({ owner, expiresAt: now + ttlMs }),
      release: async () => {},
    };
    await runTick(deps, { dryRun: false, now: tick.now, deadline: createDeadline(4_000, systemClock) });
  };
  return {
    description: store.description,
    acquire: (owner, ttlMs, now) => store.acquire(owner, ttlMs, now),
    release: (lease) => store.release(lease),
    load: () => store.load(),
    save: async (data, version) => {
      await competitor();
      return store.save(data, version);
    },
  };
}

function damage(ctx: FaultContext, how: (text: string) => string): void {
  writeFileSync(ctx.statePath, how(readFileSync(ctx.statePath, 'utf8')));
}

const CASES: FaultCase[] = [
  {
    order: '3-state-1',
    fault: 'overlapping ticks (3 at once on one state)',
    window: [1, 3],
    parallel: 3,
    on: () => {},
    off: () => {},
    says: (t) =>
      t.others.length === 2 && t.others.every((s) => /another tick holds the state lease/.test(s.skipped ?? ''))
        ? undefined
        : 'that the other ticks skipped because the lease was held',
    manifested: (t) => t.others.length > 0,
  },
  {
    order: '3-state-2',
    fault: 'state changed by another writer before save (conflict)',
    window: [1, 3],
    on: () => {},
    off: () => {},
    wrapStore: saveAfterCompetitor,
    says: () => 'the conflict (the tick should have failed with StateConflictError)',
    mayThrow: /^StateConflictError: .*another tick saved first/,
    maxReceipts: 2,
    manifested: (t) => t.thrown !== undefined,
  },
  {
    order: '3-state-3',
    fault: 'state file replaced by garbage',
    window: [2],
    on: (ctx) => damage(ctx, () => '\u0000\u0001garbage{{{ not json'),
    off: () => {},
    says: warns(/saved state was unreadable .*continuing from the copy of the last save/),
    maxReceipts: 2,
    manifested: (t) => t.summary?.warnings.some((w) => /unreadable/.test(w)) ?? false,
  },
  {
    order: '3-state-4',
    fault: 'state file truncated',
    window: [4],
    on: (ctx) => damage(ctx, (text) => text.slice(0, Math.floor(text.length / 2))),
    off: () => {},
    says: warns(/saved state was unreadable .*continuing from the copy of the last save/),
    maxReceipts: 2,
    manifested: (t) => t.summary?.warnings.some((w) => /unreadable/.test(w)) ?? false,
  },
];

describe('state faults: overlapping ticks notify once, a conflict or a damaged file loses no alert', () => {
  for (const c of CASES) it(c.fault, () => runFaultCase(c).then(() => undefined));
});

describe('the copy of the last save', () => {
  it('replaces a damaged state file, but not a deleted one (deleting the file is a deliberate reset)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'flink-watch-backup-'));
    try {
      const path = join(dir, 'state.json');
      const store = createFileStore({ path });
      await store.save({ saved: 1 }, null);
      writeFileSync(path, '{"saved": ');
      const damaged = await store.load();
      expect(damaged).toMatchObject({ data: { saved: 1 }, version: null, corrupt: { restoredFrom: `${path}.bak` } });
      await store.save({ saved: 2 }, damaged.version);
      await unlink(path);
      expect(await store.load()).toEqual({ data: null, version: null });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
