import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DurationSyntaxError, formatDuration, parseDuration } from '../../lib/config';

describe('durations', () => {
  it.each([
    ['500ms', 500],
    ['90s', 90_000],
    ['3m', 180_000],
    ['1h30m', 5_400_000],
    ['2d', 172_800_000],
    ['1d2h3m4s5ms', 93_784_005],
    ['0', 0],
    [0, 0],
  ] as const)('%s → %d ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(['', '5', '3 min', '1.5h', '30m1h', '10sec', '-5s', 'ms', 7])(
    'rejects %s and shows the accepted forms',
    (text) => {
      expect(() => parseDuration(text)).toThrow(DurationSyntaxError);
      expect(() => parseDuration(text)).toThrow('1h30m');
    },
  );

  it('formats back to a duration that parses to the same value', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 400 * 86_400_000 }), (ms) => {
        expect(parseDuration(formatDuration(ms))).toBe(ms);
      }),
    );
    expect(formatDuration(5_400_000)).toBe('1h30m');
  });
});
