import { type ConfigProblem, formatProblems } from './problems';

/**
 * The configuration cannot be used. `problems` lists everything that was found (not only the first), each with the
 * path, what is wrong and how to fix it. Messages never carry secret values.
 */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  readonly problems: ConfigProblem[];
  readonly warnings: ConfigProblem[];
  /** The file (or other origin) the configuration came from, when known. */
  readonly source: string | undefined;

  constructor(
    problems: ConfigProblem[],
    options: { source?: string | undefined; warnings?: ConfigProblem[]; cause?: unknown } = {},
  ) {
    const where = options.source ?? 'configuration';
    const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
    super(`${where} has ${count}:\n${formatProblems(problems)}`, { cause: options.cause });
    this.problems = problems;
    this.warnings = options.warnings ?? [];
    this.source = options.source;
  }
}

/** A matcher such as `severity="critical"` could not be parsed. */
export class MatcherSyntaxError extends Error {
  override readonly name = 'MatcherSyntaxError';
  readonly hint: string;

  constructor(message: string, hint: string) {
    super(message);
    this.hint = hint;
  }
}

/** A duration such as `1h30m` could not be parsed. */
export class DurationSyntaxError extends Error {
  override readonly name = 'DurationSyntaxError';
}

export { type ConfigProblem, formatProblems } from './problems';
