/**
 * A label selector that is not valid Kubernetes label-selector syntax. `position` is the 0-based column where the
 * problem starts (the selector's length when it ended too early); `expected` lists what would have been valid there.
 */
export class SelectorSyntaxError extends Error {
  override name = 'SelectorSyntaxError';
  readonly text: string;
  readonly position: number;
  readonly expected: readonly string[];
  readonly found: string;

  constructor(input: { text: string; position: number; expected: readonly string[]; found: string; problem?: string }) {
    const where = `selector ${JSON.stringify(input.text)} at column ${input.position}`;
    const what = input.problem ?? `expected ${listAlternatives(input.expected)} but found ${input.found}`;
    super(`${where}: ${what}`);
    this.text = input.text;
    this.position = input.position;
    this.expected = input.expected;
    this.found = input.found;
  }
}

/** A selector that parses but cannot be sent to `GetDeploymentsByLabel` (or a watch list that cannot be planned). */
export class SelectorPlanError extends Error {
  override name = 'SelectorPlanError';
  /** The watch concerned, when the error is about one watch. */
  readonly watch?: string;

  constructor(message: string, options: { watch?: string; cause?: unknown } = {}) {
    super(options.watch === undefined ? message : `watch "${options.watch}": ${message}`, { cause: options.cause });
    if (options.watch !== undefined) this.watch = options.watch;
  }
}

/** A planned query that was never sent because the tick's time budget ran out while it waited for a free slot. */
export class QueryNotStartedError extends Error {
  override name = 'QueryNotStartedError';
}

/** A watch that no planned query covers: its result is a failure, never an empty selection. */
export class WatchNotPlannedError extends Error {
  override name = 'WatchNotPlannedError';
}

/** `"a"`, `"a" or "b"`, `"a", "b" or "c"`. */
export function listAlternatives(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? 'nothing';
  return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}
