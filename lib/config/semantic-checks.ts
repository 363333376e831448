import type { CheckContext } from './check-context';
import { checkFlink } from './check-flink';
import { checkMatching } from './check-matching';
import { checkReceivers } from './check-receivers';
import { checkReferences } from './check-references';
import { checkReport, checkState } from './check-report-state';
import type { ConfigProblem } from './problems';
import { arrayAt } from './read';

export interface SemanticFindings {
  problems: ConfigProblem[];
  warnings: ConfigProblem[];
}

/**
 * Checks the schema cannot express: unique names, references, credential pairs, http only to loopback, time zones,
 * times and matchers. Runs on the env-resolved document even when the schema failed, so every problem shows at once.
 */
export function runSemanticChecks(document: unknown, unresolved: ReadonlySet<string>): SemanticFindings {
  const ctx: CheckContext = { document, unresolved, problems: [], warnings: [] };
  checkFlink(ctx);
  checkReferences(ctx);
  checkReceivers(ctx);
  checkMatching(ctx);
  checkState(ctx);
  checkReport(ctx);
  if (arrayAt(document, 'rules').length === 0) {
    ctx.warnings.push({
      path: 'rules',
      message: 'no rules are defined, so only query failures and empty watches alert',
      hint: 'add a rule, e.g. { name: job-failed, when: "increase.failed > 0", severity: critical }',
    });
  }
  return { problems: ctx.problems, warnings: ctx.warnings };
}
