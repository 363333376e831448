import type { MaintenanceWindowConfig } from '../config/types';
import { InvalidMaintenanceWindowError } from './errors';
import { compileMatchers } from './matchers';
import type { Muter } from './muter';

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;
const MINUTES_PER_DAY = 24 * 60;

/** Weekday (0 = Sunday) and minute after local midnight of an instant in one IANA time zone. */
export interface LocalTime {
  weekday: number;
  minute: number;
}

/** Reads wall-clock time in one time zone; build one per zone and reuse it (formatters are costly to create). */
export function localTimeReader(timeZone: string): (now: number) => LocalTime {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone,
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  return (now) => {
    let weekday = 0;
    let hour = 0;
    let minute = 0;
    for (const part of format.formatToParts(now)) {
      if (part.type === 'weekday') weekday = WEEKDAYS.indexOf(part.value as (typeof WEEKDAYS)[number]);
      else if (part.type === 'hour') hour = Number(part.value) % 24;
      else if (part.type === 'minute') minute = Number(part.value);
    }
    return { weekday, minute: hour * 60 + minute };
  };
}

/**
 * True when the local time falls in the window. A window whose end is before its start crosses midnight and
 * belongs to the day it starts on: `Fri 22:00–02:00` covers Friday 22:00 to Saturday 02:00. Equal start and end
 * mean the whole day.
 */
export function inWindow(window: MaintenanceWindowConfig, t: LocalTime): boolean {
  const onDay = (day: number) => window.weekdays.length === 0 || window.weekdays.includes(day);
  const { startMinute: start, endMinute: end } = window;
  if (start === end) return onDay(t.weekday);
  if (start < end) return onDay(t.weekday) && t.minute >= start && t.minute < end;
  return (onDay(t.weekday) && t.minute >= start) || (onDay((t.weekday + 6) % 7) && t.minute < end);
}

/**
 * Recurring maintenance windows: alerts their matchers select are muted while the window is open in its time zone.
 * Throws `InvalidMaintenanceWindowError` for an unknown time zone or an out-of-range weekday or minute.
 */
export function maintenanceMuter(windows: readonly MaintenanceWindowConfig[]): Muter {
  const readers = new Map<string, (now: number) => LocalTime>();
  const compiled = windows.map((window) => {
    validate(window);
    let reader = readers.get(window.timeZone);
    if (!reader) {
      reader = readerFor(window);
      readers.set(window.timeZone, reader);
    }
    return { window, reader, matchers: compileMatchers(window.matchers), label: describeWindow(window) };
  });
  return {
    reason: 'maintenance',
    mutedBy(labels, now) {
      for (const c of compiled) {
        if (inWindow(c.window, c.reader(now)) && c.matchers.matches(labels)) return c.label;
      }
      return undefined;
    },
  };
}

function readerFor(window: MaintenanceWindowConfig): (now: number) => LocalTime {
  try {
    return localTimeReader(window.timeZone);
  } catch (error) {
    throw new InvalidMaintenanceWindowError(
      window.name,
      `unknown time zone "${window.timeZone}"; use an IANA name such as Asia/Shanghai or UTC`,
      { cause: error },
    );
  }
}

function validate(window: MaintenanceWindowConfig): void {
  for (const day of window.weekdays) {
    if (!Number.isInteger(day) || day < 0 || day > 6) {
      throw new InvalidMaintenanceWindowError(
        window.name,
        `weekday ${day} is out of range; use 0 (Sunday) … 6 (Saturday)`,
      );
    }
  }
  for (const [field, value, max] of [
    ['startMinute', window.startMinute, MINUTES_PER_DAY - 1],
    ['endMinute', window.endMinute, MINUTES_PER_DAY],
  ] as const) {
    if (!Number.isInteger(value) || value < 0 || value > max) {
      throw new InvalidMaintenanceWindowError(window.name, `${field} ${value} is out of range; use 0 … ${max}`);
    }
  }
}

function hhmm(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}

function describeWindow(window: MaintenanceWindowConfig): string {
  const days = window.weekdays.length === 0 ? 'daily' : window.weekdays.map((d) => WEEKDAYS[d]).join('/');
  return (
    `maintenance window "${window.name}" (${days} ${hhmm(window.startMinute)}–${hhmm(window.endMinute)} ` +
    `${window.timeZone})`
  );
}
