import { redactSecrets, redactUrl } from '../runtime/redact';

const URL_IN_TEXT = /\bhttps?:\/\/[^\s"'<>`]+/gi;

/**
 * Make a text safe for logs, the outbox and reports: every URL in it is redacted (webhook URLs carry tokens in the
 * query or the path) and every known secret is masked. Defence in depth: receivers already build safe messages.
 */
export function scrubText(text: string, secrets: Iterable<string> = []): string {
  return redactSecrets(
    text.replace(URL_IN_TEXT, (url) => redactUrl(url)),
    secrets,
  );
}

/** `scrubText` of an error's message, for errors of unknown origin. */
export function scrubError(error: unknown, secrets: Iterable<string> = []): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return scrubText(text, secrets);
}
