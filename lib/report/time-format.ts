/** Times for people: in the report's time zone, always with the UTC offset so nobody has to guess. */

export interface TimeFormat {
  readonly timeZone: string;
  /** `2030-01-01 08:00 UTC+08:00`; the input as given when it is not a time. */
  time(iso: string): string;
  /** `HH:MM` in the zone, for chart axes. */
  clock(ms: number): string;
}

function dateTimeFormat(timeZone: string): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'longOffset',
  });
}

/** One formatter per render; an unknown zone (the config check should have caught it) falls back to UTC. */
export function createTimeFormat(timeZone: string): TimeFormat {
  let zone = timeZone;
  let formatter: Intl.DateTimeFormat;
  try {
    formatter = dateTimeFormat(timeZone);
  } catch {
    zone = 'UTC';
    formatter = dateTimeFormat('UTC');
  }
  const parts = (ms: number): Record<string, string> => {
    const out: Record<string, string> = {};
    for (const part of formatter.formatToParts(new Date(ms))) out[part.type] = part.value;
    return out;
  };
  return {
    timeZone: zone,
    time(iso) {
      const ms = Date.parse(iso);
      if (Number.isNaN(ms)) return iso;
      const p = parts(ms);
      const offset = (p.timeZoneName ?? 'GMT').replace(/^GMT/, '') || '+00:00';
      return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute} UTC${offset}`;
    },
    clock(ms) {
      const p = parts(ms);
      return `${p.hour}:${p.minute}`;
    },
  };
}

/** A short age such as `45s`, `12m`, `3h 5m`, `2d 4h`. */
export function formatAge(fromIso: string, nowIso: string): string {
  const ms = Date.parse(nowIso) - Date.parse(fromIso);
  if (Number.isNaN(ms)) return '';
  const seconds = Math.max(0, Math.floor(ms / 1000));
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return minutes % 60 === 0 ? `${hours}h` : `${hours}h ${minutes % 60}m`;
  const days = Math.floor(hours / 24);
  return hours % 24 === 0 ? `${days}d` : `${days}d ${hours % 24}h`;
}
