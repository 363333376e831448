/** An event Function Compute handed us that we cannot read; the handler answers 400 (HTTP) or logs and returns. */
export class EventParseError extends Error {
  override name = 'EventParseError';
}
