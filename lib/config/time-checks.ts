import { closest } from './suggest';

export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

export function timeZoneHint(timeZone: string): string {
  const known = Intl.supportedValuesOf('timeZone');
  const match = closest(timeZone, [...known, 'UTC']);
  const prefix = match === undefined ? '' : `did you mean "${match}"? `;
  return `${prefix}use an IANA time zone name such as Asia/Shanghai, Europe/Berlin or UTC`;
}

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** An ISO 8601 date-time with an explicit zone (a time without one would depend on the machine). */
export function parseIsoTime(text: string): Date | undefined {
  if (!ISO_DATE_TIME.test(text)) return undefined;
  const [year, month, day] = text.slice(0, 10).split('-').map(Number);
  // `new Date` rolls 2025-02-30 over to March; a calendar date that does not exist is a mistake.
  const daysInMonth = new Date(Date.UTC(year ?? 0, month ?? 0, 0)).getUTCDate();
  if ((month ?? 0) < 1 || (month ?? 0) > 12 || (day ?? 0) < 1 || (day ?? 0) > daysInMonth) return undefined;
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

export const ISO_TIME_HINT =
  'write an ISO 8601 time with a zone, e.g. 2025-01-31T22:00:00+08:00 or 2025-01-31T14:00:00Z';

/** `HH:MM` (or `24:00`) → minutes after midnight. */
export function minutesOfDay(text: string): number {
  const [hours, minutes] = text.split(':').map(Number);
  return (hours ?? 0) * 60 + (minutes ?? 0);
}
