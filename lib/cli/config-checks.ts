import type { ConfigCheck, ConfigProblem } from '../config';
import { checkSelector } from '../flink/selector';
import { compileRules } from '../rules';

/** Label selectors must parse and name one `=`/`in` term the API can select by. */
const selectorCheck: ConfigCheck = (config) => {
  const problems: ConfigProblem[] = [];
  config.watches.forEach((watch, i) => {
    const checked = checkSelector(watch.selector);
    if (!checked.ok) {
      problems.push({
        path: `watches[${i}].selector`,
        message: checked.message,
        hint: 'Kubernetes label-selector syntax, e.g. "team in (payments, risk), env = prod"',
      });
    }
  });
  return problems;
};

/** Rule expressions must compile as CEL over the documented variables. */
const ruleCheck: ConfigCheck = (config) =>
  compileRules(config.rules).problems.map((p) => ({
    path: p.path,
    message: p.snippet ? `${p.message}\n${p.snippet}` : p.message,
    hint: 'see docs/rules.md for the variables and functions a rule can use',
  }));

/** The checks the configuration area cannot make itself: they need the selector parser and the CEL compiler. */
export const CONFIG_CHECKS: ConfigCheck[] = [selectorCheck, ruleCheck];
