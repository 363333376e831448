import { WindowDurationError } from './errors';

const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** The longest window a rule may use: the history is bounded, a longer window would mostly see thinned samples. */
export const MAX_WINDOW_MS = 30 * UNIT_MS.d!;

const WHOLE = /^(?:\d+[smhd])+$/;
const PARTS = /(\d+)([smhd])/g;

/**
 * Read a window duration literal: whole numbers with a unit (`s`, `m`, `h`, `d`), optionally combined (`1h30m`).
 * Throws {@link WindowDurationError} naming what was wrong.
 */
export function parseWindow(text: string): number {
  const input = text.trim();
  if (input === '') throw new WindowDurationError(text, 'is empty');
  if (!WHOLE.test(input)) throw new WindowDurationError(text, 'cannot be read');
  let total = 0;
  for (const match of input.matchAll(PARTS)) total += Number(match[1]) * UNIT_MS[match[2]!]!;
  if (total <= 0) throw new WindowDurationError(text, 'must be longer than zero');
  if (total > MAX_WINDOW_MS) throw new WindowDurationError(text, 'is longer than the maximum of 30d');
  return total;
}

/** The canonical label of a window (`90m` → `1h30m`, `24h` → `24h`): the key of `DeploymentFactsWithWindows.windows`. */
export function formatWindow(ms: number): string {
  let rest = Math.round(ms / 1000);
  const hours = Math.floor(rest / 3600);
  rest -= hours * 3600;
  const minutes = Math.floor(rest / 60);
  const seconds = rest - minutes * 60;
  let out = '';
  if (hours > 0) out += `${hours}h`;
  if (minutes > 0) out += `${minutes}m`;
  if (seconds > 0 || out === '') out += `${seconds}s`;
  return out;
}
