import { redactSecrets } from '../../runtime/redact';
import type { Digest, OutgoingMessage } from '../types';
import { truncateUtf8, utf8Bytes } from './bytes';
import type { Dialect } from './digest-dialects';
import type { DigestLine } from './digest-markdown';

/** Digests are not alerts: one key for all of them (nothing is deduplicated or repeated by it). */
export const DIGEST_GROUP_KEY = 'digest';

/** One line of a digest is cut (with `…`) at this size, so that a single huge line cannot crowd out the rest. */
export const DIGEST_LINE_MAX_BYTES = 1_500;

/** How one platform turns digest lines into a body, and whether a body fits its limits. */
export interface DigestFitSpec {
  compose(lines: DigestLine[]): string;
  fits(body: string): boolean;
}

export interface FittedDigest {
  body: string;
  /** True when lines were left out to fit. */
  cut: boolean;
}

/** The line that ends a digest cut to fit: where to read the rest. */
export function cutLine(dialect: Dialect, reportUrl: string | undefined): DigestLine {
  const text = reportUrl
    ? `… ${dialect.text('(full report: ')}${dialect.link(dialect.text(reportUrl), reportUrl)}${dialect.text(')')}`
    : `… ${dialect.text('(shortened to fit the message size limit)')}`;
  return { kind: 'text', text };
}

/** Without trailing blank lines and headings (a heading whose content was cut away says nothing). */
function trimEnd(lines: DigestLine[]): DigestLine[] {
  let end = lines.length;
  while (end > 0 && (lines[end - 1]?.kind === 'blank' || lines[end - 1]?.kind === 'heading')) end--;
  return lines.slice(0, end);
}

/**
 * All lines when they fit; otherwise the longest run of leading lines (cut at a line boundary) that fits followed
 * by `tail`. Binary search: bodies grow with every line. When not even the tail fits, the tail alone is composed.
 */
export function fitDigestLines(lines: DigestLine[], tail: DigestLine, spec: DigestFitSpec): FittedDigest {
  const capped = lines.map((l) => ({ ...l, text: truncateUtf8(l.text, DIGEST_LINE_MAX_BYTES) }));
  const whole = spec.compose(capped);
  if (spec.fits(whole)) return { body: whole, cut: false };
  const bodyFor = (k: number) => {
    const shown = trimEnd(capped.slice(0, k));
    return spec.compose(shown.length > 0 ? [...shown, { kind: 'blank', text: '' }, tail] : [tail]);
  };
  let lo = 0;
  let hi = capped.length - 1;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (spec.fits(bodyFor(mid))) lo = mid;
    else hi = mid - 1;
  }
  return { body: bodyFor(lo), cut: true };
}

/**
 * The lines as one text. With `paragraphs`, neighbouring lines that are not both list items get a blank line between
 * them: DingTalk joins lines separated by a single newline into one paragraph.
 */
export function joinDigestLines(lines: DigestLine[], paragraphs = false): string {
  let out = '';
  lines.forEach((line, i) => {
    const before = lines[i - 1];
    if (i > 0) {
      const loose = paragraphs && before?.kind !== 'blank' && line.kind !== 'blank';
      out += loose && !(before?.kind === 'item' && line.kind === 'item') ? '\n\n' : '\n';
    }
    out += line.text;
  });
  return out;
}

/** The title on one line, cut to `maxBytes`, with `[keyword] ` in front when none of the keywords is in it. */
export function digestTitle(title: string, keywords: readonly string[], maxBytes: number): string {
  const line = title.replace(/\s*[\r\n]+\s*/g, ' ').trim();
  const cut = truncateUtf8(line, maxBytes);
  const first = keywords[0];
  if (first === undefined || keywords.some((k) => cut.includes(k))) return cut;
  const prefix = `[${first}] `;
  return prefix + truncateUtf8(line, Math.max(0, maxBytes - utf8Bytes(prefix)));
}

/** A copy with the receiver's secrets masked in the text (defence in depth: the report model is scrubbed already). */
export function scrubDigest(digest: Digest, secrets: readonly string[]): Digest {
  if (secrets.length === 0) return digest;
  return { ...digest, title: redactSecrets(digest.title, secrets), markdown: redactSecrets(digest.markdown, secrets) };
}

/** `digest: 3 firing, 2 watches`, or `digest: <title>` without counts; `(shortened)` when cut to fit. */
export function digestSummary(digest: Digest, cut = false): string {
  const c = digest.counts;
  const what = c ? `${c.firing} firing, ${c.watches} ${c.watches === 1 ? 'watch' : 'watches'}` : digest.title;
  return `digest: ${what}${cut ? ' (shortened)' : ''}`;
}

/** A digest body as the message delivery posts: no fingerprints (it carries no alert). */
export function digestMessage(
  receiver: string,
  digest: Digest,
  fitted: FittedDigest,
  contentType = 'application/json',
): OutgoingMessage {
  return {
    receiver,
    groupKey: DIGEST_GROUP_KEY,
    body: fitted.body,
    contentType,
    summary: digestSummary(digest, fitted.cut),
    fingerprints: [],
  };
}
