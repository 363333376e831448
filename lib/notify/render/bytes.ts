/** Platform limits are in UTF-8 bytes (a CJK character is 3 bytes), so every size decision measures bytes. */
export function utf8Bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/** Cut `text` to at most `maxBytes` UTF-8 bytes on a code-point boundary, ending with `ellipsis` when cut. */
export function truncateUtf8(text: string, maxBytes: number, ellipsis = '…'): string {
  if (utf8Bytes(text) <= maxBytes) return text;
  const room = maxBytes - utf8Bytes(ellipsis);
  if (room <= 0) return '';
  const buf = Buffer.from(text, 'utf8');
  let end = room;
  // Step back over continuation bytes (10xxxxxx) so no code point is split.
  while (end > 0 && ((buf[end] ?? 0) & 0xc0) === 0x80) end--;
  return buf.subarray(0, end).toString('utf8') + ellipsis;
}

/**
 * Cut `text` to at most `maxChars` UTF-16 code units (what JavaScript and Slack count), never splitting a
 * surrogate pair, ending with `ellipsis` when cut.
 */
export function truncateChars(text: string, maxChars: number, ellipsis = '…'): string {
  if (text.length <= maxChars) return text;
  let end = Math.max(0, maxChars - ellipsis.length);
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--;
  return text.slice(0, end) + ellipsis;
}
