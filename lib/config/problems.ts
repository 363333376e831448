/** One thing wrong (or worth a warning) in a configuration file. */
export interface ConfigProblem {
  /** Where, in the form `watches[1].selector` or `receivers.oncall.url`; empty for the file as a whole. */
  path: string;
  /** What is wrong, in plain language. Never contains a secret value. */
  message: string;
  /** How to fix it. */
  hint?: string;
  /** 1-based position in the file, for syntax errors. */
  line?: number;
  column?: number;
}

/** One line per problem: `path: message (hint)`. */
export function formatProblems(problems: readonly ConfigProblem[]): string {
  return problems.map(formatProblem).join('\n');
}

export function formatProblem(problem: ConfigProblem): string {
  const where = problem.path ? `${problem.path}: ` : '';
  const hint = problem.hint ? ` (${problem.hint})` : '';
  return `${where}${problem.message}${hint}`;
}

export function problem(path: string, message: string, hint?: string): ConfigProblem {
  return hint === undefined ? { path, message } : { path, message, hint };
}
