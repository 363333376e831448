import { redactUrl } from '../runtime/redact';

/** What came back from one POST, or how it failed before an answer. */
export type HttpAnswer =
  | { kind: 'answer'; status: number; headers: Headers; text: string; json: unknown }
  | { kind: 'timeout'; error: Error }
  | { kind: 'network'; error: Error };

export interface PostOptions {
  url: string;
  body: string;
  contentType: string;
  headers?: Record<string, string>;
  signal: AbortSignal;
  /** Per-attempt timeout, ms; the tick deadline (`signal`) still wins when it is shorter. */
  timeoutMs: number;
  /**
   * How errors name the endpoint. Defaults to `redactUrl(url)`, which hides the tokens of the known robot URL shapes;
   * a receiver whose URL may hide a token anywhere (the generic webhook) passes something safer, e.g. its origin.
   */
  displayUrl?: string;
}

/**
 * POST with a timeout. Never throws: receivers classify the answer. Errors carry the redacted URL only, because
 * robot URLs carry their token.
 */
export async function httpPost(options: PostOptions): Promise<HttpAnswer> {
  const signal = AbortSignal.any([options.signal, AbortSignal.timeout(options.timeoutMs)]);
  const where = options.displayUrl ?? redactUrl(options.url);
  try {
    const res = await fetch(options.url, {
      method: 'POST',
      headers: { 'content-type': options.contentType, ...options.headers },
      body: options.body,
      signal,
      // Not followed (a redirect could carry the token elsewhere); the 3xx is classified as a configuration error.
      redirect: 'manual',
    });
    const text = await res.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return { kind: 'answer', status: res.status, headers: res.headers, text, json };
  } catch (err) {
    const name = err instanceof Error ? err.name : '';
    if (name === 'TimeoutError' || name === 'AbortError') {
      const why = options.signal.aborted
        ? 'was cut short by the tick deadline'
        : `timed out after ${options.timeoutMs} ms`;
      return { kind: 'timeout', error: new Error(`POST ${where} ${why}`) };
    }
    const code = (err as { cause?: { code?: string } }).cause?.code;
    return { kind: 'network', error: new Error(`POST ${where} failed${code ? `: ${code}` : ''}`) };
  }
}
