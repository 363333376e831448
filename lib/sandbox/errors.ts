/** A scenario file that cannot be used; lists every problem with the path in the file where it is. */
export class ScenarioError extends Error {
  override readonly name = 'ScenarioError';
  readonly source: string;
  readonly problems: string[];

  constructor(source: string, problems: string[], options?: { cause?: unknown }) {
    const list = problems.map((p) => `  - ${p}`).join('\n');
    super(`scenario ${source} is not valid:\n${list}`, options);
    this.source = source;
    this.problems = problems;
  }
}

/** The sandbox could not start (port taken, bad options). */
export class SandboxStartError extends Error {
  override readonly name = 'SandboxStartError';
}
