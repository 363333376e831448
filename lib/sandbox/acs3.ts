import { createHash, createHmac } from 'node:crypto';

/**
 * The ACS3-HMAC-SHA256 request signature of Alibaba Cloud OpenAPI (V3 signature), written from the published
 * algorithm so that the sandbox checks what the real gateway checks:
 *
 *   CanonicalRequest = METHOD \n CanonicalURI \n CanonicalQuery \n CanonicalHeaders \n SignedHeaders \n HashedPayload
 *   StringToSign     = "ACS3-HMAC-SHA256" \n hex(sha256(CanonicalRequest))
 *   Signature        = hex(hmac-sha256(secret, StringToSign))
 */
export const ACS3_ALGORITHM = 'ACS3-HMAC-SHA256';

/** RFC 3986 percent-encoding: unreserved characters (A-Z a-z 0-9 - _ . ~) stay, everything else is %XX. */
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** Each path segment decoded then re-encoded, so equivalent spellings of one path sign the same. */
export function canonicalUri(rawPath: string): string {
  const path = rawPath === '' ? '/' : rawPath;
  return path
    .split('/')
    .map((segment) => percentEncode(safeDecode(segment)))
    .join('/');
}

/** Query pairs sorted by encoded key (then value), `key=value` percent-encoded, joined by `&`. */
export function canonicalQuery(pairs: Array<[string, string]>): string {
  return pairs
    .map(([k, v]) => [percentEncode(k), percentEncode(v)] as const)
    .sort(([ka, va], [kb, vb]) => (ka < kb ? -1 : ka > kb ? 1 : va < vb ? -1 : va > vb ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
}

/** Decodes a raw query string (`a=1&b=x%2Cy`) into pairs; `+` is a space, as in form encoding. */
export function parseQueryPairs(rawQuery: string): Array<[string, string]> {
  if (rawQuery === '') return [];
  return rawQuery
    .split('&')
    .filter((part) => part !== '')
    .map((part) => {
      const eq = part.indexOf('=');
      const key = eq < 0 ? part : part.slice(0, eq);
      const value = eq < 0 ? '' : part.slice(eq + 1);
      return [safeDecode(key.replace(/\+/g, ' ')), safeDecode(value.replace(/\+/g, ' '))];
    });
}

/** The headers that must be signed: `host`, `content-type` and every `x-acs-*` header. */
export function mustBeSigned(headerName: string): boolean {
  const name = headerName.toLowerCase();
  return name === 'host' || name === 'content-type' || name.startsWith('x-acs-');
}

export interface CanonicalRequestParts {
  method: string;
  rawPath: string;
  query: Array<[string, string]>;
  /** Lower-case header name → value, for the signed headers. */
  headers: Record<string, string>;
  signedHeaders: string[];
  body: Buffer | string;
}

export function sha256Hex(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}

export function canonicalRequest(parts: CanonicalRequestParts): string {
  const names = [...parts.signedHeaders].map((n) => n.toLowerCase()).sort();
  const headerLines = names.map((name) => `${name}:${(parts.headers[name] ?? '').trim()}\n`).join('');
  return [
    parts.method.toUpperCase(),
    canonicalUri(parts.rawPath),
    canonicalQuery(parts.query),
    headerLines,
    names.join(';'),
    sha256Hex(parts.body),
  ].join('\n');
}

export function stringToSign(canonical: string): string {
  return `${ACS3_ALGORITHM}\n${sha256Hex(canonical)}`;
}

export function signString(secret: string, toSign: string): string {
  return createHmac('sha256', secret).update(toSign).digest('hex');
}

export interface ParsedAuthorization {
  algorithm: string;
  accessKeyId: string;
  signedHeaders: string[];
  signature: string;
}

/** `ACS3-HMAC-SHA256 Credential=AK,SignedHeaders=a;b,Signature=hex`; `undefined` when it is not that shape. */
export function parseAuthorization(header: string): ParsedAuthorization | undefined {
  const match = /^(\S+)\s+(.+)$/.exec(header.trim());
  if (!match) return undefined;
  const fields = new Map<string, string>();
  for (const part of (match[2] ?? '').split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const accessKeyId = fields.get('Credential');
  const signedHeaders = fields.get('SignedHeaders');
  const signature = fields.get('Signature');
  if (!accessKeyId || signedHeaders === undefined || !signature) return undefined;
  return {
    algorithm: match[1] ?? '',
    accessKeyId,
    signedHeaders: signedHeaders.split(';').filter((h) => h !== ''),
    signature,
  };
}

/** `YYYY-MM-DDTHH:mm:ssZ` (UTC) as the header carries it; `undefined` when malformed. */
export function parseAcsDate(value: string): number | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(value)) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

export function formatAcsDate(epochMs: number): string {
  return new Date(epochMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
