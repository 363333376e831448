import { createHash } from 'node:crypto';
import { REPORT_SCRIPT } from './html-script';
import { REPORT_CSS } from './html-style';

function sha256Source(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/**
 * The policy of the HTML page: nothing may load from anywhere; only the page's own stylesheet and script run (by
 * hash, so a value that slipped past escaping still could not execute); the icon is a data: URL.
 */
export function htmlPagePolicy(): string {
  return [
    "default-src 'none'",
    `style-src ${sha256Source(REPORT_CSS)}`,
    `script-src ${sha256Source(REPORT_SCRIPT)}`,
    'img-src data:',
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** For JSON, CSV, Markdown and errors: nothing at all. */
export const DATA_POLICY = "default-src 'none'; frame-ancestors 'none'; sandbox";

/** Headers every response of the report endpoint carries. */
export function securityHeaders(policy: string): Record<string, string> {
  return {
    'content-security-policy': policy,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-store',
    'x-frame-options': 'DENY',
  };
}
