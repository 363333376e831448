import { createHash, timingSafeEqual } from 'node:crypto';

export type AuthOutcome =
  | { ok: true }
  /** 401: no usable credentials; the client should send them. */
  | { ok: false; status: 401; reason: string }
  /** 403: credentials sent, but wrong. */
  | { ok: false; status: 403; reason: string };

/** `WWW-Authenticate` of a 401: Bearer for programs; Basic lets a browser prompt for the token as the password. */
export const AUTH_CHALLENGE = 'Bearer realm="flink-watch report", Basic realm="flink-watch report", charset="UTF-8"';

/**
 * Equal-time comparison: both sides are hashed first so the compared buffers always have the same length and
 * neither the token's length nor a common prefix leaks through timing.
 */
export function tokensMatch(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given, 'utf8').digest();
  const b = createHash('sha256').update(expected, 'utf8').digest();
  return timingSafeEqual(a, b);
}

/** The token of `Authorization: Bearer <token>`, or the password of `Authorization: Basic base64(user:token)`. */
export function presentedToken(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  const bearer = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header);
  if (bearer) return bearer[1];
  const basic = /^Basic[ \t]+([A-Za-z0-9+/]+=*)[ \t]*$/i.exec(header);
  if (!basic?.[1]) return undefined;
  const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon >= 0 && colon < decoded.length - 1 ? decoded.slice(colon + 1) : undefined;
}

/** Check a request's `authorization` header against the configured report token. */
export function checkToken(header: string | undefined, expected: string): AuthOutcome {
  const token = presentedToken(header);
  if (token === undefined) {
    return {
      ok: false,
      status: 401,
      reason: header === undefined ? 'the Authorization header is missing' : 'the Authorization header is malformed',
    };
  }
  return tokensMatch(token, expected) ? { ok: true } : { ok: false, status: 403, reason: 'the report token is wrong' };
}
