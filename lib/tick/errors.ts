import type { RuleProblem } from '../rules/types';

/** Rules that do not compile; the tick cannot run (exit 2, like any configuration error). */
export class RuleCompileError extends Error {
  override name = 'RuleCompileError';
  constructor(readonly problems: RuleProblem[]) {
    super(`${problems.length} rule(s) do not compile: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`);
  }
}
