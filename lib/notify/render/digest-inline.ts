import type { Dialect } from './digest-dialects';

const PUNCTUATION = /[!-/:-@[-`{-~]/;
const WORD = /[\p{L}\p{N}]/u;

/** Index of the next unescaped `marker` at or after `from`, or -1. */
function findClosing(text: string, marker: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    if (text[i] === '\\') {
      i++;
      continue;
    }
    if (text.startsWith(marker, i)) return i;
  }
  return -1;
}

/** `](` closing a link label that opens at `open`, honouring escapes and nested brackets; -1 when absent. */
function linkLabelEnd(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === '[') depth++;
    else if (c === ']' && --depth === 0) return text[i + 1] === '(' ? i : -1;
  }
  return -1;
}

/** The `)` ending a link destination that starts at `from` (balanced parentheses allowed, no spaces); -1 if none. */
function destinationEnd(text: string, from: number): number {
  let depth = 1;
  for (let i = from; i < text.length; i++) {
    const c = text[i] ?? '';
    if (c === '\\') i++;
    else if (/\s/.test(c)) return -1;
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i;
  }
  return -1;
}

function isHttpUrl(url: string): boolean {
  return /^https?:\/\/[^\s]+$/i.test(url);
}

/**
 * Emphasis by CommonMark's flanking rules, simplified: the opener is followed by a non-space, the closer preceded by
 * one, and `_` never opens or closes inside a word (`snake_case_name` stays as it is).
 */
function emphasisEnd(text: string, at: number, marker: string): number {
  const next = text[at + marker.length] ?? ' ';
  if (/\s/.test(next)) return -1;
  if (marker === '_' && WORD.test(text[at - 1] ?? ' ')) return -1;
  let from = at + marker.length + 1;
  for (;;) {
    const end = findClosing(text, marker, from);
    if (end < 0) return -1;
    const before = text[end - 1] ?? ' ';
    const after = text[end + marker.length] ?? ' ';
    const flanks = !/\s/.test(before) && !(marker === '_' && WORD.test(after));
    // Neither half of a `**` may close a single `*`.
    if (flanks && !(marker === '*' && (after === '*' || before === '*'))) return end;
    from = end + marker.length;
  }
}

/**
 * CommonMark inline markup (escapes, code spans, `**bold**`, `*italic*`/`_italic_`, `[text](url)`, `<url>`) turned
 * into a platform's dialect. Literal text goes through `dialect.text`, so each platform escapes what it must.
 * Links to anything but http(s) keep only their text.
 */
export function adaptInline(text: string, dialect: Dialect): string {
  let out = '';
  let literal = '';
  const flush = () => {
    if (literal) out += dialect.text(literal);
    literal = '';
  };
  let i = 0;
  while (i < text.length) {
    const c = text[i] ?? '';
    if (c === '\\' && PUNCTUATION.test(text[i + 1] ?? '')) {
      literal += text[i + 1];
      i += 2;
      continue;
    }
    if (c === '`') {
      const end = text.indexOf('`', i + 1);
      if (end > i + 1) {
        flush();
        out += dialect.code(text.slice(i + 1, end));
        i = end + 1;
        continue;
      }
    }
    if (c === '*' || c === '_') {
      const marker = text.startsWith(c + c, i) ? c + c : c;
      const end = emphasisEnd(text, i, marker);
      if (end > 0) {
        flush();
        const inner = adaptInline(text.slice(i + marker.length, end), dialect);
        out += marker.length === 2 ? dialect.bold(inner) : dialect.italic(inner);
        i = end + marker.length;
        continue;
      }
    }
    if (c === '[') {
      const close = linkLabelEnd(text, i);
      const urlEnd = close > 0 ? destinationEnd(text, close + 2) : -1;
      if (urlEnd > 0) {
        flush();
        const label = adaptInline(text.slice(i + 1, close), dialect);
        const url = text.slice(close + 2, urlEnd).trim();
        out += isHttpUrl(url) ? dialect.link(label, url) : label;
        i = urlEnd + 1;
        continue;
      }
    }
    if (c === '<') {
      const end = text.indexOf('>', i + 1);
      const url = end > 0 ? text.slice(i + 1, end) : '';
      if (isHttpUrl(url)) {
        flush();
        out += dialect.link(dialect.text(url), url);
        i = end + 1;
        continue;
      }
    }
    literal += c;
    i++;
  }
  flush();
  return out;
}
