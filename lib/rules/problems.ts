import type { RuleConfig } from '../config/types';
import type { RuleProblem } from './types';
import { DEPLOYMENT_VARIABLES, INCREASE_IN, WATCH_VARIABLES } from './variables';

/** The parts of a library error (parse or type error) a problem report uses. */
interface CelErrorLike {
  code?: unknown;
  summary?: unknown;
  message?: unknown;
  range?: { start?: unknown };
}

function asCelError(error: unknown): CelErrorLike {
  return typeof error === 'object' && error !== null ? (error as CelErrorLike) : { message: String(error) };
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = Math.min(above + 1, row[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length]!;
}

function unknownVariableHint(name: string, scope: RuleConfig['scope']): string {
  const own = scope === 'watch' ? WATCH_VARIABLES : DEPLOYMENT_VARIABLES;
  if (scope === 'deployment' && WATCH_VARIABLES.some((v) => v.name === name)) {
    return `"${name}" exists only in rules with scope: watch`;
  }
  if (scope === 'watch' && DEPLOYMENT_VARIABLES.some((v) => v.name === name)) {
    return `in a watch rule "${name}" is a field of each deployment, e.g. deployments.exists(d, d.${name} ...)`;
  }
  const close = own.map((v) => v.name).find((known) => editDistance(known.toLowerCase(), name.toLowerCase()) <= 2);
  const known = own.map((v) => v.name).join(', ');
  return close ? `did you mean "${close}"? Known variables: ${known}` : `known variables: ${known}`;
}

function hintFor(error: CelErrorLike, summary: string, scope: RuleConfig['scope']): string | undefined {
  if (error.code === 'unknown_variable') {
    const name = summary.replace(/^Unknown variable:\s*/, '');
    return unknownVariableHint(name, scope);
  }
  if (scope === 'watch' && summary.includes(`'${INCREASE_IN}(`)) {
    return `in a watch rule apply it to a deployment: deployments.exists(d, d.${INCREASE_IN}("1h").failed > 0)`;
  }
  if (error.code === 'no_matching_overload') {
    return 'check the function name and its argument types (docs/rules.md lists the functions)';
  }
  if (error.code === 'no_such_overload')
    return 'the operand types do not match; counts are integers (write 1, not "1")';
  if (summary.startsWith('Unexpected character: =')) return 'compare with ==';
  if (summary === 'Reserved identifier: namespace') {
    return scope === 'watch'
      ? 'namespace is a reserved word in CEL: write d.namespace'
      : 'namespace is a reserved word in CEL: write deployment.namespace';
  }
  return undefined;
}

/** The expression's line containing `position`, with a caret under it. */
export function snippetAt(expression: string, position: number): string {
  const start = expression.lastIndexOf('\n', position - 1) + 1;
  const endAt = expression.indexOf('\n', position);
  const line = expression.slice(start, endAt === -1 ? undefined : endAt);
  return `${line}\n${' '.repeat(Math.max(0, position - start))}^`;
}

/** Turn a library parse/type error into a problem that names the rule, the config path and the fix. */
export function problemFromCelError(rule: RuleConfig, index: number, error: unknown): RuleProblem {
  const cel = asCelError(error);
  const summary = typeof cel.summary === 'string' ? cel.summary : String(cel.message ?? error);
  const hint = hintFor(cel, summary, rule.scope);
  const problem: RuleProblem = {
    rule: rule.name,
    index,
    path: `rules[${index}].when`,
    message: hint ? `${summary}; ${hint}` : summary,
  };
  const start = cel.range?.start;
  if (typeof start === 'number') {
    problem.position = start;
    problem.snippet = snippetAt(rule.when, start);
  }
  return problem;
}

/** A problem with the rule as a whole (no position in the expression). */
export function ruleProblem(rule: RuleConfig, index: number, field: string, message: string): RuleProblem {
  return { rule: rule.name, index, path: `rules[${index}].${field}`, message };
}
