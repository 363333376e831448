import type { MaintenanceDocument, MatchDocument, RouteDocument, SilenceDocument, Weekday } from './document';
import { parseDuration } from './duration';
import { MatcherSyntaxError } from './errors';
import { parseMatcher } from './matchers';
import { minutesOfDay, parseIsoTime } from './time-checks';
import type { AlertingConfig, MaintenanceWindowConfig, Matcher, RouteConfig, SilenceConfig } from './types';

const WEEKDAYS: Record<Weekday, number> = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 };

/** `match` (equality on severity / watch / rule / labels) followed by the parsed `matchers`. */
export function buildMatchers(entry: { match?: MatchDocument; matchers?: string[] }): Matcher[] {
  const out: Matcher[] = [];
  const match = entry.match ?? {};
  if (match.severity !== undefined) out.push({ name: 'severity', op: '=', value: match.severity });
  if (match.watch !== undefined) out.push({ name: 'watch', op: '=', value: match.watch });
  if (match.rule !== undefined) out.push({ name: 'alertname', op: '=', value: match.rule });
  for (const [name, value] of Object.entries(match.labels ?? {})) out.push({ name, op: '=', value: String(value) });
  for (const text of entry.matchers ?? []) {
    try {
      out.push(parseMatcher(text));
    } catch (err) {
      // Already reported by the semantic checks; the configuration is rejected before anyone uses this.
      if (!(err instanceof MatcherSyntaxError)) throw err;
    }
  }
  return out;
}

export function buildRoute(route: RouteDocument, alerting: AlertingConfig): RouteConfig {
  return {
    matchers: buildMatchers(route),
    receivers: [...route.receivers],
    continue: route.continue ?? false,
    groupBy: route.groupBy ? [...route.groupBy] : [...alerting.groupBy],
    repeatIntervalMs:
      route.repeatInterval === undefined ? alerting.repeatIntervalMs : parseDuration(route.repeatInterval),
  };
}

export function buildSilence(silence: SilenceDocument): SilenceConfig {
  const out: SilenceConfig = {
    matchers: buildMatchers(silence),
    startsAt: parseIsoTime(silence.startsAt) ?? new Date(Number.NaN),
    endsAt: parseIsoTime(silence.endsAt) ?? new Date(Number.NaN),
    comment: silence.comment,
  };
  if (silence.createdBy !== undefined) out.createdBy = silence.createdBy;
  return out;
}

export function buildMaintenance(window: MaintenanceDocument): MaintenanceWindowConfig {
  const weekdays = (window.days ?? []).map((day) => WEEKDAYS[day]).sort((a, b) => a - b);
  return {
    name: window.name,
    matchers: buildMatchers(window),
    timeZone: window.timeZone,
    weekdays,
    startMinute: minutesOfDay(window.start),
    endMinute: minutesOfDay(window.end),
  };
}
