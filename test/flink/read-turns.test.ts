import { describe, expect, it } from 'vitest';
import { ReadTurns } from '../../lib/flink/read-turns';

const later = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('ReadTurns', () => {
  it('runs reads one at a time, in the order they were queued', async () => {
    const turns = new ReadTurns();
    const events: string[] = [];
    const read = (name: string, ms: number) =>
      turns.take(async () => {
        events.push(`${name} start`);
        await later(ms);
        events.push(`${name} end`);
        return name;
      });
    const results = await Promise.all([read('a', 30), read('b', 1), read('c', 10)]);
    expect(results).toEqual(['a', 'b', 'c']);
    expect(events).toEqual(['a start', 'a end', 'b start', 'b end', 'c start', 'c end']);
  });

  it('goes on with the next read after one that failed, and hands each caller its own outcome', async () => {
    const turns = new ReadTurns();
    const failed = turns.take(async () => {
      await later(5);
      throw new Error('the body broke off');
    });
    const next = turns.take(async () => 'read');
    await expect(failed).rejects.toThrow('the body broke off');
    await expect(next).resolves.toBe('read');
  });
});
