import { describe, expect, it } from 'vitest';
import { runBounded } from '../../lib/flink/pool';
import { sleep } from '../../lib/runtime/clock';

describe('runBounded', () => {
  it('returns outcomes in item order, rejections included, whatever order tasks finish in', async () => {
    const outcomes = await runBounded([30, 1, 10, 2], 2, async (ms, index) => {
      await sleep(ms);
      if (index === 2) throw new Error('third failed');
      return ms * 10;
    });
    expect(outcomes).toEqual([
      { status: 'fulfilled', value: 300 },
      { status: 'fulfilled', value: 10 },
      { status: 'rejected', reason: new Error('third failed') },
      { status: 'fulfilled', value: 20 },
    ]);
  });

  it('catches a task that throws synchronously', async () => {
    const outcomes = await runBounded([1], 1, () => {
      throw new Error('sync');
    });
    expect(outcomes).toEqual([{ status: 'rejected', reason: new Error('sync') }]);
  });

  it('handles no items', async () => {
    expect(await runBounded([], 3, async () => 1)).toEqual([]);
  });

  it('keeps at most `concurrency` tasks in flight and starts the next as soon as one ends', async () => {
    let inFlight = 0;
    let peak = 0;
    const started: number[] = [];
    await runBounded([5, 5, 5, 5, 5, 5, 5], 3, async (ms, index) => {
      started.push(index);
      inFlight++;
      peak = Math.max(peak, inFlight);
      await sleep(ms);
      inFlight--;
    });
    expect(peak).toBe(3);
    expect(started).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it.each([0, -1, 1.5, Number.NaN])('refuses concurrency %s', async (concurrency) => {
    await expect(runBounded([1], concurrency, async () => 1)).rejects.toThrow(RangeError);
  });
});
