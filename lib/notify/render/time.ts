import type { LocaleStrings } from './locales';

/** Formats instants in one IANA time zone, always with the offset, so nobody reads UTC as local time. */
export interface TimeFormatter {
  readonly timeZone: string;
  /** `2026-11-28 17:03:05 +08:00`; empty for a missing or zero time (`0001-01-01T00:00:00Z`). */
  format(iso: string | undefined): string;
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Throws a RangeError for an unknown zone; callers validate with `isValidTimeZone` first. */
export function createTimeFormatter(timeZone: string): TimeFormatter {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  });
  return {
    timeZone,
    format(iso) {
      if (!iso) return '';
      const ms = Date.parse(iso);
      if (Number.isNaN(ms)) return iso;
      if (ms <= Date.UTC(1, 0, 2)) return '';
      const whole = Math.floor(ms / 1000) * 1000;
      const f: Record<string, number> = {};
      for (const p of parts.formatToParts(new Date(whole))) {
        if (p.type !== 'literal') f[p.type] = Number(p.value);
      }
      const y = f.year ?? 0;
      const asUtc = Date.UTC(y, (f.month ?? 1) - 1, f.day ?? 1, f.hour ?? 0, f.minute ?? 0, f.second ?? 0);
      const offsetMin = Math.round((asUtc - whole) / 60_000);
      const sign = offsetMin < 0 ? '-' : '+';
      const abs = Math.abs(offsetMin);
      const offset = `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
      return `${pad(y, 4)}-${pad(f.month ?? 1)}-${pad(f.day ?? 1)} ${pad(f.hour ?? 0)}:${pad(f.minute ?? 0)}:${pad(f.second ?? 0)} ${offset}`;
    },
  };
}

/** `2d 3h`, `1h 5m`, `4m 10s`, `12s` (units from the locale). */
export function formatDuration(ms: number, strings: LocaleStrings): string {
  if (!Number.isFinite(ms) || ms < 0) return '';
  const u = strings.units;
  const s = Math.floor(ms / 1000);
  const d = Math.floor(s / 86_400);
  const h = Math.floor((s % 86_400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  if (d > 0) return `${d}${u.day} ${h}${u.hour}`;
  if (h > 0) return `${h}${u.hour} ${m}${u.minute}`;
  if (m > 0) return `${m}${u.minute} ${sec}${u.second}`;
  return `${sec}${u.second}`;
}
