import { type ASTNode, TypeError as CelTypeError, EvaluationError, ParseError } from '@marcbachmann/cel-js';
import { DeploymentActivation, type JobCounts, WINDOWS } from './cel-values';
import { WindowDurationError } from './errors';
import { INCREASE_IN } from './variables';
import { formatWindow, parseWindow } from './window';

/*
 * `increaseIn("1h")` is a macro rather than a plain function: a macro sees its argument at parse time (so the window
 * must be a literal, is validated with its position, and can be collected to bound the history) and sees the
 * evaluation context at run time (plain functions only get their arguments, not the deployment's windows).
 */

/** What the library hands a macro at parse time (only the parts used here). */
interface MacroInput {
  args: readonly ASTNode[];
  receiver: ASTNode | null;
  ast: ASTNode;
}

interface TypeLike {
  name: string;
  kind: string;
}

interface CheckerLike {
  check(node: ASTNode, ctx: unknown): TypeLike;
  getType(name: string): TypeLike;
}

interface EvaluatorLike {
  run(node: ASTNode, ctx: unknown): unknown;
}

interface ContextLike {
  getValue(key: PropertyKey): unknown;
}

interface WindowMacro {
  label: string;
  node: ASTNode;
  receiver: ASTNode | null;
  async: false;
  typeCheck(checker: CheckerLike, macro: WindowMacro, ctx: unknown): TypeLike;
  evaluate(ev: EvaluatorLike, macro: WindowMacro, ctx: ContextLike): JobCounts;
}

const LITERAL_HINT = `${INCREASE_IN}() takes one duration literal, e.g. ${INCREASE_IN}("10m") or ${INCREASE_IN}("1h")`;

/** The window label of an `increaseIn(...)` argument node, or `undefined` when it is not a string literal. */
export function windowLiteral(node: ASTNode | undefined): string | undefined {
  if (node?.op !== 'value' || typeof node.args !== 'string') return undefined;
  return node.args;
}

function windowLabel(input: MacroInput): string {
  const arg = input.args[0];
  const literal = windowLiteral(arg);
  if (literal === undefined) throw new ParseError(LITERAL_HINT, arg ?? input.ast);
  try {
    return formatWindow(parseWindow(literal));
  } catch (error) {
    if (error instanceof WindowDurationError) throw new ParseError(error.message, arg);
    throw error;
  }
}

function lookup(windows: Readonly<Record<string, JobCounts>>, macro: WindowMacro): JobCounts {
  const counts = Object.hasOwn(windows, macro.label) ? windows[macro.label] : undefined;
  if (counts) return counts;
  throw new EvaluationError(
    `the ${macro.label} window was not computed for this deployment: build facts with the windows of the compiled rules`,
    macro.node,
  );
}

function jobCountsType(checker: CheckerLike): TypeLike {
  return checker.getType('JobCounts');
}

/** `increaseIn("1h")` in a per-deployment rule: the deployment being evaluated is the context itself. */
export function deploymentIncreaseIn(input: MacroInput): WindowMacro {
  return {
    label: windowLabel(input),
    node: input.ast,
    receiver: null,
    async: false,
    typeCheck: jobCountsType,
    evaluate(_ev, macro, ctx) {
      const windows = ctx.getValue(WINDOWS);
      if (typeof windows !== 'object' || windows === null) {
        throw new EvaluationError(`${INCREASE_IN}() needs a deployment activation`, macro.node);
      }
      return lookup(windows as Readonly<Record<string, JobCounts>>, macro);
    },
  };
}

/** `d.increaseIn("1h")` on an element of `deployments` (watch rules). */
export function receiverIncreaseIn(input: MacroInput): WindowMacro {
  return {
    label: windowLabel(input),
    node: input.ast,
    receiver: input.receiver,
    async: false,
    typeCheck(checker, macro, ctx) {
      if (macro.receiver) {
        const type = checker.check(macro.receiver, ctx);
        if (type.name !== 'Deployment' && type.kind !== 'dyn') {
          throw new CelTypeError(
            `${INCREASE_IN}() applies to a deployment, e.g. deployments.filter(d, d.${INCREASE_IN}("1h").failed > 0), ` +
              `not to ${type.name}`,
            macro.node,
          );
        }
      }
      return jobCountsType(checker);
    },
    evaluate(ev, macro, ctx) {
      const target = macro.receiver ? ev.run(macro.receiver, ctx) : undefined;
      if (!(target instanceof DeploymentActivation)) {
        throw new EvaluationError(`${INCREASE_IN}() applies to a deployment only`, macro.node);
      }
      return lookup(target[WINDOWS], macro);
    },
  };
}
