import type { ASTNode } from '@marcbachmann/cel-js';
import { windowLiteral } from './increase-in';
import { INCREASE_IN } from './variables';
import { parseWindow } from './window';

interface NodeLike {
  op: string;
  args: unknown;
}

function isNode(value: unknown): value is NodeLike {
  return typeof value === 'object' && value !== null && typeof (value as NodeLike).op === 'string' && 'args' in value;
}

function windowOfCall(node: NodeLike): number | undefined {
  if ((node.op !== 'call' && node.op !== 'rcall') || !Array.isArray(node.args) || node.args[0] !== INCREASE_IN) {
    return undefined;
  }
  const callArgs: unknown = node.args[node.args.length - 1];
  if (!Array.isArray(callArgs)) return undefined;
  const first: unknown = callArgs[0];
  const literal = isNode(first) ? windowLiteral(first as ASTNode) : undefined;
  return literal === undefined ? undefined : parseWindow(literal);
}

/**
 * The windows (ms, ascending, unique) an expression's `increaseIn("…")` calls use, read from the parsed expression so
 * only those windows are computed and the history is kept just long enough. The literals were validated when the
 * expression was parsed.
 */
export function expressionWindows(ast: ASTNode): number[] {
  const found = new Set<number>();
  const pending: unknown[] = [ast];
  while (pending.length > 0) {
    const value = pending.pop();
    if (Array.isArray(value)) {
      for (const item of value) pending.push(item);
    } else if (isNode(value)) {
      const ms = windowOfCall(value);
      if (ms !== undefined) found.add(ms);
      pending.push(value.args);
    }
  }
  return [...found].sort((a, b) => a - b);
}
