import { MatcherSyntaxError } from './errors';
import type { Matcher } from './types';

const LABEL_NAME = /^[A-Za-z_][A-Za-z0-9_]*/;
const OPERATORS = ['=~', '!~', '!=', '='] as const;
const SYNTAX_HINT =
  'write name op "value" with op one of =, !=, =~, !~, e.g. severity="critical" or deployment=~"pay-.*"';

/**
 * Parse an Alertmanager-style matcher: `name op "value"` with op `=`, `!=`, `=~` or `!~`. Quotes are optional for
 * values without spaces or quotes. Regular expressions are checked to compile (anchored, as in Alertmanager).
 */
export function parseMatcher(text: string): Matcher {
  const source = text.trim();
  const nameMatch = LABEL_NAME.exec(source);
  if (!nameMatch) {
    throw new MatcherSyntaxError(
      `matcher "${text}" does not start with a label name`,
      'label names use letters, digits and _, e.g. severity="critical"',
    );
  }
  const name = nameMatch[0];
  const afterName = source.slice(name.length).trimStart();
  const op = OPERATORS.find((candidate) => afterName.startsWith(candidate));
  if (!op) {
    throw new MatcherSyntaxError(`matcher "${text}" has no operator after "${name}"`, SYNTAX_HINT);
  }
  const value = parseValue(afterName.slice(op.length).trim(), text);
  if (op === '=~' || op === '!~') compileMatcherRegex(value, text);
  return { name, op, value };
}

/** The anchored regular expression of a `=~` / `!~` matcher value. */
export function compileMatcherRegex(value: string, matcherText = value): RegExp {
  try {
    return new RegExp(`^(?:${value})$`);
  } catch (err) {
    const reason =
      err instanceof Error ? err.message.replace(/^Invalid regular expression: \/.*\/[a-z]*: /s, '') : String(err);
    throw new MatcherSyntaxError(
      `the regular expression in matcher "${matcherText}" does not compile: ${reason}`,
      'fix the regular expression; it is anchored automatically, so "pay-.*" matches names starting with pay-',
    );
  }
}

function parseValue(raw: string, text: string): string {
  if (!raw.startsWith('"')) {
    if (raw.includes('"') || raw.startsWith("'")) {
      throw new MatcherSyntaxError(`the value in matcher "${text}" is badly quoted`, 'wrap the value in double quotes');
    }
    return raw;
  }
  let out = '';
  for (let i = 1; i < raw.length; i += 1) {
    const ch = raw[i];
    if (ch === '\\') {
      const next = raw[i + 1];
      if (next === undefined) break;
      // Keep unknown escapes (`\d`, `\.`) as written so regular expressions need no double escaping.
      out += next === '"' || next === '\\' ? next : next === 'n' ? '\n' : `\\${next}`;
      i += 1;
    } else if (ch === '"') {
      if (raw.slice(i + 1).trim() !== '') {
        throw new MatcherSyntaxError(
          `matcher "${text}" has text after the closing quote`,
          'put one matcher per list entry; combine conditions as separate entries',
        );
      }
      return out;
    } else {
      out += ch;
    }
  }
  throw new MatcherSyntaxError(`the value in matcher "${text}" has no closing quote`, 'end the value with "');
}
