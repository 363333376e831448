import { DurationSyntaxError } from './errors';

/** The forms a duration may take, for messages. */
export const DURATION_FORMS =
  'a whole number with a unit ms, s, m, h or d, largest unit first, e.g. 500ms, 90s, 3m, 1h30m, 2d; or 0';

const UNIT_MS: Record<string, number> = { d: 86_400_000, h: 3_600_000, m: 60_000, s: 1_000, ms: 1 };
// Units largest first, each at most once: the same grammar as the schema's `duration` pattern.
const DURATION = /^(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m(?!s))?(?:(\d+)s)?(?:(\d+)ms)?$/;
const UNITS = ['d', 'h', 'm', 's', 'ms'] as const;

/** `500ms`, `90s`, `3m`, `1h30m`, `2d`, `0` (string or number) → milliseconds. */
export function parseDuration(value: string | number): number {
  if (value === 0 || value === '0') return 0;
  const text = typeof value === 'number' ? String(value) : value.trim();
  const match = text === '' ? null : DURATION.exec(text);
  if (!match) {
    throw new DurationSyntaxError(`"${text}" is not a duration; write ${DURATION_FORMS}`);
  }
  let total = 0;
  UNITS.forEach((unit, i) => {
    const digits = match[i + 1];
    if (digits !== undefined) total += Number(digits) * (UNIT_MS[unit] ?? 0);
  });
  return total;
}

/** Milliseconds → the shortest duration text that parses back to the same value, e.g. `1h30m`. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms <= 0) return '0';
  let rest = Math.round(ms);
  let out = '';
  for (const unit of UNITS) {
    const size = UNIT_MS[unit] ?? 1;
    const count = Math.floor(rest / size);
    if (count > 0) {
      out += `${count}${unit}`;
      rest -= count * size;
    }
  }
  return out;
}
