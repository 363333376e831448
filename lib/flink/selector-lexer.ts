/** Tokens of Kubernetes label-selector syntax; `in`/`notin` are identifiers here and keywords only to the parser. */
export type TokenKind = 'identifier' | '!' | '=' | '==' | '!=' | '(' | ')' | ',' | '>' | '<' | 'end';

export interface Token {
  kind: TokenKind;
  text: string;
  /** 0-based column of the token's first character. */
  position: number;
}

const SPECIAL = new Set(['!', '=', '(', ')', ',', '>', '<']);

function isWhitespace(ch: string): boolean {
  return ch === ' ' || ch === '\t' || ch === '\r' || ch === '\n';
}

/** Splits a selector into tokens the way the Kubernetes lexer does: anything that is not special is an identifier. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text.charAt(i);
    if (isWhitespace(ch)) {
      i++;
      continue;
    }
    if (SPECIAL.has(ch)) {
      const next = text.charAt(i + 1);
      if ((ch === '!' || ch === '=') && next === '=') {
        tokens.push({ kind: ch === '!' ? '!=' : '==', text: `${ch}=`, position: i });
        i += 2;
      } else {
        tokens.push({ kind: ch as TokenKind, text: ch, position: i });
        i++;
      }
      continue;
    }
    const start = i;
    while (i < text.length && !isWhitespace(text.charAt(i)) && !SPECIAL.has(text.charAt(i))) i++;
    tokens.push({ kind: 'identifier', text: text.slice(start, i), position: start });
  }
  tokens.push({ kind: 'end', text: '', position: text.length });
  return tokens;
}

/** How a token reads in an error message. */
export function describeToken(token: Token): string {
  return token.kind === 'end' ? 'the end of the selector' : JSON.stringify(token.text);
}
