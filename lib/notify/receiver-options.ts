import type { ReceiverConfig } from '../config/types';
import { ReceiverConfigError } from './errors';
import type { RateLimit } from './types';

/**
 * Readers for `ReceiverConfig.options` (free-form per platform). Each names the option and the fix when a value is
 * wrong; none echoes a value, since options such as headers hold secrets.
 */

const DURATION = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h)$/;
const UNIT_MS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 };

function parseDuration(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const match = DURATION.exec(value.trim());
  return match ? Number(match[1]) * (UNIT_MS[match[2] ?? ''] ?? Number.NaN) : undefined;
}

/** A duration in ms (a number of ms, or a string such as `500ms`, `10s`, `2m`); `fallback` when unset. */
export function readDurationMs(config: ReceiverConfig, key: string, fallback: number): number {
  const raw = config.options[key];
  if (raw === undefined) return fallback;
  const ms = parseDuration(raw);
  if (ms === undefined || !(ms > 0)) {
    throw new ReceiverConfigError(config.name, `options.${key} is not a positive duration`, 'use e.g. 5000 or "5s"');
  }
  return ms;
}

/** A whole number ≥ `min`; `undefined` when unset. */
export function readInteger(config: ReceiverConfig, key: string, min: number): number | undefined {
  const raw = config.options[key];
  if (raw === undefined) return undefined;
  if (typeof raw !== 'number' || !Number.isInteger(raw) || raw < min) {
    throw new ReceiverConfigError(config.name, `options.${key} must be a whole number ≥ ${min}`, `e.g. ${min + 1}`);
  }
  return raw;
}

/** A string option; `undefined` when unset. */
export function readString(config: ReceiverConfig, key: string): string | undefined {
  const raw = config.options[key];
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string') {
    throw new ReceiverConfigError(config.name, `options.${key} must be a string`, 'quote the value');
  }
  return raw;
}

/** A map of header name → value (values are treated as secrets). */
export function readHeaders(config: ReceiverConfig, key: string): Record<string, string> {
  const raw = config.options[key];
  if (raw === undefined) return {};
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new ReceiverConfigError(
      config.name,
      `options.${key} must be a map of header names to values`,
      'e.g. {Authorization: "Bearer <token from an env reference>"}',
    );
  }
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (!/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/.test(name) || typeof value !== 'string' || /[\r\n]/.test(value)) {
      throw new ReceiverConfigError(
        config.name,
        `options.${key}.${name} is not a valid header (name must be a token, value a single-line string)`,
        'fix the header name or value',
      );
    }
    out[name] = value;
  }
  return out;
}

function readOneLimit(config: ReceiverConfig, key: string, raw: unknown): RateLimit {
  const shape = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  const max = shape.max;
  const perMs = parseDuration(shape.perMs ?? shape.per);
  if (typeof max !== 'number' || !Number.isInteger(max) || max < 1 || perMs === undefined || !(perMs > 0)) {
    throw new ReceiverConfigError(
      config.name,
      `options.${key} must be {max: <whole number ≥ 1>, per: <duration>}`,
      'e.g. {max: 20, per: "1m"}',
    );
  }
  return { max, perMs };
}

/** One rate limit or a list of them; `[]` when unset. */
export function readRateLimits(config: ReceiverConfig, key: string): RateLimit[] {
  const raw = config.options[key];
  if (raw === undefined) return [];
  return (Array.isArray(raw) ? raw : [raw]).map((one) => readOneLimit(config, key, one));
}

/** The receiver's URL, which must be an absolute http(s) URL. The message never shows it (it may hold a token). */
export function requireHttpUrl(config: ReceiverConfig): string {
  const raw = config.url;
  if (raw === undefined || raw === '') {
    throw new ReceiverConfigError(
      config.name,
      'url is missing',
      `set receivers.${config.name}.url, e.g. from an env reference`,
    );
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ReceiverConfigError(config.name, 'url is not an absolute URL', 'use http(s)://host[:port]/path');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ReceiverConfigError(
      config.name,
      `url scheme ${url.protocol} is not supported`,
      'use https:// (or http://)',
    );
  }
  return raw;
}
