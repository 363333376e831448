import type { ConfigError, ConfigProblem } from '../config';

function indent(text: string, prefix: string): string {
  return text
    .split('\n')
    .map((line) => prefix + line)
    .join('\n');
}

function count(n: number, kind: string): string {
  return n === 1 ? `1 ${kind}` : `${n} ${kind}s`;
}

/** One problem as a terminal block: `path: message`, continuation lines (CEL snippets) indented, then the hint. */
export function problemText(problem: ConfigProblem): string {
  const [first = '', ...rest] = problem.message.split('\n');
  const lines = [`${problem.path ? `${problem.path}: ` : ''}${first}`];
  if (rest.length > 0) lines.push(indent(rest.join('\n'), '    '));
  if (problem.hint) lines.push(`  hint: ${problem.hint}`);
  return lines.join('\n');
}

/** `SOURCE has N problems:` followed by every problem, separated by blank lines. */
export function problemsText(source: string, problems: readonly ConfigProblem[], kind = 'problem'): string {
  return [`${source} has ${count(problems.length, kind)}:`, ...problems.map(problemText)].join('\n\n');
}

/** What `run`, `explain`, `validate` and `test-receiver` print when the configuration cannot be used. */
export function configErrorText(err: ConfigError, fallbackSource: string): string {
  const source = err.source ?? fallbackSource;
  const text = problemsText(source, err.problems);
  return err.warnings.length > 0 ? `${text}\n\n${problemsText(source, err.warnings, 'warning')}` : text;
}
