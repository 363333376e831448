import { redactSecrets, redactUrl } from '../runtime/redact';

// Robot URLs are ASCII; stopping at non-ASCII keeps a following `…` or CJK text out of the match, and trailing
// sentence punctuation is given back, so an already-redacted URL in prose survives a second pass unchanged.
const URL_IN_TEXT = /\bhttps?:\/\/[^\s"'<>`()\u0080-\uffff]+/gi;
const TRAILING_PUNCTUATION = /[.,;:!?]+$/;

function redactUrlInText(match: string): string {
  const tail = TRAILING_PUNCTUATION.exec(match)?.[0] ?? '';
  return redactUrl(match.slice(0, match.length - tail.length)) + tail;
}

/**
 * Make a text safe for logs, the outbox and reports: every URL in it is redacted (webhook URLs carry tokens in the
 * query or the path) and every known secret is masked. Defence in depth: receivers already build safe messages.
 */
export function scrubText(text: string, secrets: Iterable<string> = []): string {
  return redactSecrets(text.replace(URL_IN_TEXT, redactUrlInText), secrets);
}

/** `scrubText` of an error's message, for errors of unknown origin. */
export function scrubError(error: unknown, secrets: Iterable<string> = []): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return scrubText(text, secrets);
}
