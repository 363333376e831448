import { describe, expect, it } from 'vitest';
import { InvalidMaintenanceWindowError } from '../../lib/alerts/errors';
import { localTimeReader, maintenanceMuter } from '../../lib/alerts/maintenance-muter';
import type { MaintenanceWindowConfig } from '../../lib/config/types';
import { deploymentLabels } from './fixtures';

// Friday 22:00 – Saturday 02:00 in Shanghai (UTC+8, no daylight saving).
const window: MaintenanceWindowConfig = {
  name: 'friday-night',
  matchers: [{ name: 'watch', op: '=', value: 'payments' }],
  timeZone: 'Asia/Shanghai',
  weekdays: [5],
  startMinute: 22 * 60,
  endMinute: 2 * 60,
};
const muter = maintenanceMuter([window]);
const labels = deploymentLabels({ watch: 'payments' });
const at = (isoTime: string) => Date.parse(isoTime);

describe('maintenanceMuter', () => {
  it('reads weekday and minute in the window time zone', () => {
    // 2030-01-04 is a Friday; 14:30 UTC is 22:30 in Shanghai.
    expect(localTimeReader('Asia/Shanghai')(at('2030-01-04T14:30:00Z'))).toEqual({ weekday: 5, minute: 22 * 60 + 30 });
    // 16:00 UTC Friday is Saturday 00:00 in Shanghai (hour must not read as 24).
    expect(localTimeReader('Asia/Shanghai')(at('2030-01-04T16:00:00Z'))).toEqual({ weekday: 6, minute: 0 });
  });

  it.each([
    { when: '2030-01-04T13:59:59Z', local: 'Fri 21:59:59', muted: false },
    { when: '2030-01-04T14:00:00Z', local: 'Fri 22:00', muted: true },
    { when: '2030-01-04T15:59:00Z', local: 'Fri 23:59', muted: true },
    { when: '2030-01-04T16:00:00Z', local: 'Sat 00:00', muted: true },
    { when: '2030-01-04T17:59:00Z', local: 'Sat 01:59', muted: true },
    { when: '2030-01-04T18:00:00Z', local: 'Sat 02:00', muted: false },
    { when: '2030-01-03T14:30:00Z', local: 'Thu 22:30 (wrong weekday)', muted: false },
    { when: '2030-01-03T17:00:00Z', local: 'Fri 01:00 (belongs to Thursday night)', muted: false },
    { when: '2030-01-05T14:30:00Z', local: 'Sat 22:30 (wrong weekday)', muted: false },
    { when: '2030-01-05T17:00:00Z', local: 'Sun 01:00', muted: false },
  ])('$local → muted $muted', ({ when, muted }) => {
    expect(muter.mutedBy(labels, at(when)) !== undefined).toBe(muted);
  });

  it('describes the window that mutes', () => {
    expect(muter.mutedBy(labels, at('2030-01-04T14:30:00Z'))).toBe(
      'maintenance window "friday-night" (Fri 22:00–02:00 Asia/Shanghai)',
    );
    expect(muter.reason).toBe('maintenance');
  });

  it('mutes only alerts its matchers select', () => {
    expect(muter.mutedBy(deploymentLabels({ watch: 'risk' }), at('2030-01-04T14:30:00Z'))).toBeUndefined();
  });

  it('without weekdays applies every day; a same-day window ends at its end minute', () => {
    const daily = maintenanceMuter([{ ...window, weekdays: [], startMinute: 60, endMinute: 120 }]);
    expect(daily.mutedBy(labels, at('2030-01-01T17:30:00Z'))).toBeDefined(); // Wed 01:30 Shanghai
    expect(daily.mutedBy(labels, at('2030-01-01T18:00:00Z'))).toBeUndefined(); // Wed 02:00
    expect(daily.mutedBy(labels, at('2030-01-01T16:59:00Z'))).toBeUndefined(); // Wed 00:59
  });

  it('rejects an unknown time zone and out-of-range values with a clear error', () => {
    expect(() => maintenanceMuter([{ ...window, timeZone: 'Mars/Olympus' }])).toThrow(InvalidMaintenanceWindowError);
    expect(() => maintenanceMuter([{ ...window, timeZone: 'Mars/Olympus' }])).toThrow(/unknown time zone/);
    expect(() => maintenanceMuter([{ ...window, weekdays: [7] }])).toThrow(/weekday 7/);
    expect(() => maintenanceMuter([{ ...window, startMinute: 1440 }])).toThrow(/startMinute/);
  });
});
