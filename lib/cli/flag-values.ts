import { UsageError } from './errors';

const DURATION = /^(\d+)(ms|s|m|h)$/;
const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** `--step 500ms`, `--interval 1m`: a whole number with a unit, greater than 0. */
export function duration(flag: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const m = DURATION.exec(value.trim());
  const ms = m ? Number(m[1]) * (UNIT_MS[m[2] as string] ?? 1) : 0;
  if (!m || ms <= 0) {
    throw new UsageError(`--${flag} ${JSON.stringify(value)} is not a duration: use e.g. 500ms, 5s, 1m`);
  }
  return ms;
}

/** `--port 8080`; 0 picks a free port. */
export function port(flag: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = /^\d+$/.test(value.trim()) ? Number(value) : Number.NaN;
  if (!Number.isInteger(n) || n < 0 || n > 65535) {
    throw new UsageError(`--${flag} ${JSON.stringify(value)} is not a port: use a whole number from 0 to 65535`);
  }
  return n;
}

export function positiveInteger(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^[1-9]\d*$/.test(value.trim())) {
    throw new UsageError(`--${flag} ${JSON.stringify(value)} is not a positive whole number: use e.g. 12`);
  }
  return Number(value);
}

// A zone is required: a time without one would be read in the machine's local zone and replay the wrong instant.
const ISO_TIME = /^(\d{4})-(\d{2})-(\d{2})T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/i;

/** `--now 2026-11-28T09:00:00Z`: an ISO-8601 time with a zone, on a day that exists. */
export function isoTime(value: string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  const m = ISO_TIME.exec(text);
  const t = Date.parse(text);
  // Date.parse rolls 2026-02-30 over into March; the day must exist in its month.
  const day = Number(m?.[3]);
  const daysInMonth = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]), 0)).getUTCDate() : 0;
  if (!m || Number.isNaN(t) || day < 1 || day > daysInMonth) {
    throw new UsageError(
      `--now ${JSON.stringify(value)} is not an ISO-8601 time with a zone: use e.g. 2026-11-28T09:00:00Z or 2026-11-28T17:00:00+08:00`,
    );
  }
  return new Date(t);
}
