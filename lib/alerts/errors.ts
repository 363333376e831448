/** Base class of the alerts area's errors, so callers can tell them apart from other failures. */
export class AlertsError extends Error {
  override name = 'AlertsError';
}

/** A `=~` / `!~` matcher whose value is not a valid regular expression. */
export class InvalidMatcherError extends AlertsError {
  override name = 'InvalidMatcherError';
  constructor(
    readonly matcher: string,
    options?: { cause?: unknown },
  ) {
    super(
      `matcher ${matcher} has an invalid regular expression; fix the pattern (it is anchored as ^(?:pattern)$, ` +
        'so do not add ^ or $ yourself)',
      options,
    );
  }
}

/** A maintenance window that cannot be evaluated (unknown time zone, weekday or minute out of range). */
export class InvalidMaintenanceWindowError extends AlertsError {
  override name = 'InvalidMaintenanceWindowError';
  constructor(
    readonly window: string,
    problem: string,
    options?: { cause?: unknown },
  ) {
    super(`maintenance window "${window}": ${problem}`, options);
  }
}
