import { timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import {
  ACS3_ALGORITHM,
  canonicalRequest,
  mustBeSigned,
  parseAcsDate,
  parseAuthorization,
  parseQueryPairs,
  signString,
  stringToSign,
} from './acs3';
import type { NonceRegistry } from './nonce-registry';

/** A sandbox access key: its secret, and for an STS key the token that must accompany it. */
export interface AccessKeyEntry {
  secret: string;
  securityToken?: string;
}

/** Access key id → secret (or an STS entry). */
export type AccessKeys = Record<string, string | AccessKeyEntry>;

export interface SignedRequest {
  method: string;
  rawPath: string;
  rawQuery: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface VerifyContext {
  accessKeys: AccessKeys;
  now: number;
  maxClockSkewMs: number;
  nonces: NonceRegistry;
}

/** A refusal in the gateway's terms: HTTP status, `Code`, `Message`; `reason` is a short line for the request log. */
export interface SignatureRefusal {
  ok: false;
  status: number;
  code: string;
  message: string;
  reason: string;
  accessKeyId?: string;
}

export type Verification = { ok: true; accessKeyId: string } | SignatureRefusal;

/** Headers the gateway needs in every signed request, and therefore in SignedHeaders. */
const REQUIRED_SIGNED = [
  'host',
  'x-acs-action',
  'x-acs-version',
  'x-acs-date',
  'x-acs-signature-nonce',
  'x-acs-content-sha256',
];

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

function refuse(status: number, code: string, message: string, reason: string, accessKeyId?: string): SignatureRefusal {
  const out: SignatureRefusal = { ok: false, status, code, message, reason };
  if (accessKeyId !== undefined) out.accessKeyId = accessKeyId;
  return out;
}

function sameHex(a: string, b: string): boolean {
  const x = Buffer.from(a.toLowerCase());
  const y = Buffer.from(b.toLowerCase());
  return x.length === y.length && timingSafeEqual(x, y);
}

function entryOf(keys: AccessKeys, id: string): AccessKeyEntry | undefined {
  if (!Object.hasOwn(keys, id)) return undefined;
  const entry = keys[id];
  return typeof entry === 'string' ? { secret: entry } : entry;
}

/** Checks an ACS3-HMAC-SHA256 request the way the gateway does, in the gateway's order of complaints. */
export function verifyAcs3Request(req: SignedRequest, ctx: VerifyContext): Verification {
  const authorization = header(req.headers, 'authorization');
  if (!authorization) {
    return refuse(
      400,
      'IncompleteSignature',
      'The request signature is missing: no Authorization header.',
      'no Authorization header',
    );
  }
  const auth = parseAuthorization(authorization);
  if (!auth) {
    const msg =
      'The Authorization header is not of the form "ACS3-HMAC-SHA256 Credential=…,SignedHeaders=…,Signature=…".';
    return refuse(400, 'IncompleteSignature', msg, 'malformed Authorization header');
  }
  const keyId = auth.accessKeyId;
  if (auth.algorithm !== ACS3_ALGORITHM) {
    const msg = `The signature algorithm ${auth.algorithm} is not supported; use ${ACS3_ALGORITHM}.`;
    return refuse(400, 'IncompleteSignature', msg, `algorithm ${auth.algorithm}`, keyId);
  }
  const signed = new Set(auth.signedHeaders.map((h) => h.toLowerCase()));
  for (const name of REQUIRED_SIGNED) {
    if (header(req.headers, name) === undefined) {
      return refuse(400, 'IncompleteSignature', `The required header ${name} is missing.`, `missing ${name}`, keyId);
    }
  }
  for (const name of Object.keys(req.headers)) {
    if (mustBeSigned(name) && !signed.has(name)) {
      const msg = `The header ${name} must be included in SignedHeaders.`;
      return refuse(400, 'IncompleteSignature', msg, `${name} not signed`, keyId);
    }
  }
  for (const name of signed) {
    if (header(req.headers, name) === undefined) {
      const msg = `The header ${name} is listed in SignedHeaders but not present.`;
      return refuse(400, 'IncompleteSignature', msg, `signed ${name} missing`, keyId);
    }
  }
  const rawDate = header(req.headers, 'x-acs-date') ?? '';
  const date = parseAcsDate(rawDate);
  if (date === undefined) {
    const msg = `Specified time stamp or date value is not well formatted: x-acs-date "${rawDate}" must be yyyy-MM-ddTHH:mm:ssZ (UTC).`;
    return refuse(400, 'InvalidTimeStamp.Format', msg, 'malformed x-acs-date', keyId);
  }
  if (Math.abs(ctx.now - date) > ctx.maxClockSkewMs) {
    const msg = `Specified time stamp or date value is expired: x-acs-date ${rawDate} is more than ${Math.round(ctx.maxClockSkewMs / 1000)} s away from the server time.`;
    return refuse(400, 'InvalidTimeStamp.Expired', msg, 'x-acs-date outside the allowed clock skew', keyId);
  }
  const entry = entryOf(ctx.accessKeys, keyId);
  if (!entry) {
    return refuse(
      404,
      'InvalidAccessKeyId.NotFound',
      'Specified access key is not found.',
      'unknown access key id',
      keyId,
    );
  }
  const token = header(req.headers, 'x-acs-security-token');
  if (entry.securityToken !== undefined || token !== undefined) {
    const tokenKeyId = header(req.headers, 'x-acs-accesskey-id');
    if (entry.securityToken === undefined || token !== entry.securityToken || tokenKeyId !== keyId) {
      const msg = 'The security token you provided does not match the access key id, or is missing.';
      return refuse(400, 'InvalidSecurityToken.MismatchWithAccessKey', msg, 'security token mismatch', keyId);
    }
  }
  const headers: Record<string, string> = {};
  for (const name of signed) headers[name] = header(req.headers, name) ?? '';
  const canonical = canonicalRequest({
    method: req.method,
    rawPath: req.rawPath,
    query: parseQueryPairs(req.rawQuery),
    headers,
    signedHeaders: [...signed],
    body: req.body,
  });
  const toSign = stringToSign(canonical);
  if (!sameHex(signString(entry.secret, toSign), auth.signature)) {
    // Like the gateway, say what the server signed so that a client author can compare.
    const msg = `The request signature does not conform to Aliyun standards. server string to sign is:${toSign}\ncanonical request:\n${canonical}`;
    return refuse(400, 'SignatureDoesNotMatch', msg, 'signature does not match', keyId);
  }
  const nonce = header(req.headers, 'x-acs-signature-nonce') ?? '';
  if (!ctx.nonces.claim(nonce, ctx.now)) {
    return refuse(400, 'SignatureNonceUsed', 'Specified signature nonce was used already.', 'nonce reused', keyId);
  }
  return { ok: true, accessKeyId: keyId };
}
