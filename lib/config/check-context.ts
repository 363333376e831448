import { childPath } from './paths';
import type { ConfigProblem } from './problems';
import { stringAt } from './read';

/** What semantic checks share: the env-resolved document, where to report, and which values were unresolvable. */
export interface CheckContext {
  document: unknown;
  unresolved: ReadonlySet<string>;
  problems: ConfigProblem[];
  warnings: ConfigProblem[];
}

export function report(ctx: CheckContext, path: string, message: string, hint: string): void {
  ctx.problems.push({ path, message, hint });
}

export function warn(ctx: CheckContext, path: string, message: string, hint: string): void {
  ctx.warnings.push({ path, message, hint });
}

/** A string value that is present and was resolved (an unresolved `${env:…}` has already been reported). */
export function resolvedString(
  ctx: CheckContext,
  parent: unknown,
  key: string,
  parentPath: string,
): string | undefined {
  if (ctx.unresolved.has(childPath(parentPath, key))) return undefined;
  return stringAt(parent, key);
}
