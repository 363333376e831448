import { type CheckContext, report, resolvedString } from './check-context';
import { checkTimeZone } from './check-receivers';
import { MatcherSyntaxError } from './errors';
import { parseMatcher } from './matchers';
import { childPath } from './paths';
import { arrayAt, isRecord, recordAt, stringAt } from './read';
import { ISO_TIME_HINT, minutesOfDay, parseIsoTime } from './time-checks';

/** Matchers parse, silences have a sane time window, maintenance windows have a real time zone and length. */
export function checkMatching(ctx: CheckContext): void {
  for (const section of ['routes', 'silences', 'maintenance']) {
    arrayAt(ctx.document, section).forEach((entry, index) => {
      checkMatchers(ctx, entry, `${section}[${index}]`);
    });
  }
  arrayAt(ctx.document, 'silences').forEach((silence, index) => {
    checkSilence(ctx, silence, `silences[${index}]`);
  });
  arrayAt(ctx.document, 'maintenance').forEach((window, index) => {
    const path = `maintenance[${index}]`;
    checkTimeZone(ctx, window, path);
    const start = stringAt(window, 'start');
    if (start !== undefined && minutesOfDay(start) >= 24 * 60) {
      report(ctx, `${path}.start`, 'a window cannot start at 24:00', 'use "00:00"');
    }
  });
}

function checkMatchers(ctx: CheckContext, entry: unknown, path: string): void {
  arrayAt(entry, 'matchers').forEach((text, i) => {
    const where = `${path}.matchers[${i}]`;
    if (typeof text !== 'string' || ctx.unresolved.has(where)) return;
    try {
      parseMatcher(text);
    } catch (err) {
      if (!(err instanceof MatcherSyntaxError)) throw err;
      report(ctx, where, err.message, err.hint);
    }
  });
}

function checkSilence(ctx: CheckContext, silence: unknown, path: string): void {
  if (!isRecord(silence)) return;
  const startsAt = isoAt(ctx, silence, 'startsAt', path);
  const endsAt = isoAt(ctx, silence, 'endsAt', path);
  if (startsAt && endsAt && endsAt.getTime() <= startsAt.getTime()) {
    report(ctx, `${path}.endsAt`, 'must be after startsAt', 'set endsAt to when the silence should stop muting');
  }
  const match = recordAt(silence, 'match');
  const hasMatch = match !== undefined && Object.keys(match).length > 0;
  if (!hasMatch && arrayAt(silence, 'matchers').length === 0) {
    report(
      ctx,
      path,
      'has no match or matchers, so it would mute every alert',
      'add match (e.g. match: { watch: payments }) or matchers (e.g. ["deployment=~\\"pay-.*\\""])',
    );
  }
}

function isoAt(ctx: CheckContext, parent: Record<string, unknown>, key: string, path: string): Date | undefined {
  const text = resolvedString(ctx, parent, key, path);
  if (text === undefined) return undefined;
  const date = parseIsoTime(text);
  if (!date) report(ctx, childPath(path, key), `"${text}" is not an ISO 8601 time with a zone`, ISO_TIME_HINT);
  return date;
}
