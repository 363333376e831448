import { SelectorSyntaxError } from './selector-errors';
import { describeToken, type Token, tokenize } from './selector-lexer';
import { KEY_RULE, labelKeyProblem, labelValueProblem, VALUE_RULE } from './selector-syntax';
import type { Requirement, Selector } from './selector-types';

const END = 'the end of the selector';
const COMMA = '","';
const KEY = 'a label key';
const VALUE = 'a value';
const OPERATORS = ['"="', '"=="', '"!="', '"in"', '"notin"'];

/** A recursive-descent reader over the tokens; follows the Kubernetes apimachinery parser rule by rule. */
class SelectorReader {
  private index = 0;
  constructor(
    private readonly text: string,
    private readonly tokens: Token[],
  ) {}

  private peek(): Token {
    return this.tokens[this.index] ?? this.tokens[this.tokens.length - 1]!;
  }

  private next(): Token {
    const token = this.peek();
    if (this.index < this.tokens.length - 1) this.index++;
    return token;
  }

  private fail(at: Token, expected: string[], problem?: string): never {
    const input = { text: this.text, position: at.position, expected, found: describeToken(at) };
    throw new SelectorSyntaxError(problem === undefined ? input : { ...input, problem });
  }

  readSelector(): Requirement[] {
    const requirements: Requirement[] = [];
    if (this.peek().kind === 'end') return requirements;
    for (;;) {
      requirements.push(this.readRequirement());
      const after = this.next();
      if (after.kind === 'end') return requirements;
      if (after.kind !== ',') this.fail(after, [COMMA, END]);
      const following = this.peek();
      if (following.kind !== 'identifier' && following.kind !== '!') this.fail(following, [KEY, '"!"']);
    }
  }

  private readKey(token: Token, expected: string[]): string {
    if (token.kind !== 'identifier') this.fail(token, expected);
    const problem = labelKeyProblem(token.text);
    if (problem !== undefined) {
      this.fail(token, [KEY_RULE], `label key ${JSON.stringify(token.text)} is not valid: ${problem}`);
    }
    return token.text;
  }

  private readValue(token: Token): string {
    const problem = labelValueProblem(token.text);
    if (problem !== undefined) {
      this.fail(token, [VALUE_RULE], `label value ${JSON.stringify(token.text)} is not valid: ${problem}`);
    }
    return token.text;
  }

  private readRequirement(): Requirement {
    const first = this.next();
    if (first.kind === '!') {
      const key = this.readKey(this.next(), [KEY]);
      const after = this.peek();
      if (after.kind !== 'end' && after.kind !== ',') {
        this.fail(after, [COMMA, END], `"!${key}" takes no operator or value (write "${key} != value" instead)`);
      }
      return { key, op: 'notexists', values: [] };
    }
    const key = this.readKey(first, [KEY, '"!"']);
    const look = this.peek();
    if (look.kind === 'end' || look.kind === ',') return { key, op: 'exists', values: [] };
    const op = this.next();
    switch (op.kind) {
      case '=':
      case '==':
        return { key, op: 'in', values: [this.readExactValue()] };
      case '!=':
        return { key, op: 'notin', values: [this.readExactValue()] };
      case '>':
      case '<':
        return this.fail(op, OPERATORS, `the "${op.text}" comparison is not supported (use "in" or "notin")`);
      case 'identifier':
        if (op.text === 'in' || op.text === 'notin') return { key, op: op.text, values: this.readValueList() };
        return this.fail(op, [...OPERATORS, COMMA, END]);
      default:
        return this.fail(op, [...OPERATORS, COMMA, END]);
    }
  }

  /** After `=`, `==` or `!=`: a value, or nothing (the empty value) when the requirement ends there. */
  private readExactValue(): string {
    const look = this.peek();
    if (look.kind === 'end' || look.kind === ',') return '';
    if (look.kind !== 'identifier') this.fail(look, [VALUE, COMMA, END]);
    return this.readValue(this.next());
  }

  /** `( v1, v2 )`; as in Kubernetes an empty slot (`()`, `(a,)`) stands for the empty value. */
  private readValueList(): string[] {
    const open = this.next();
    if (open.kind !== '(') this.fail(open, ['"("']);
    const values: string[] = [];
    for (;;) {
      const slot = this.peek();
      if (slot.kind === 'identifier') values.push(this.readValue(this.next()));
      else if (slot.kind === ',' || slot.kind === ')') values.push('');
      else this.fail(slot, [VALUE, COMMA, '")"']);
      const after = this.next();
      if (after.kind === ')') return [...new Set(values)];
      if (after.kind !== ',') this.fail(after, [COMMA, '")"']);
    }
  }
}

/**
 * Parses Kubernetes label-selector syntax: `k=v`, `k==v`, `k!=v`, `k in (a,b)`, `k notin (a,b)`, `k`, `!k`,
 * comma-separated (AND). The empty selector has no requirements. Throws `SelectorSyntaxError`.
 */
export function parseSelector(text: string): Selector {
  return { text, requirements: new SelectorReader(text, tokenize(text)).readSelector() };
}
