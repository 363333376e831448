import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalQuery, canonicalUri, parseAcsDate, parseAuthorization, percentEncode } from '../../lib/sandbox/acs3';
import { NonceRegistry } from '../../lib/sandbox/nonce-registry';
import type { Sandbox } from '../../lib/sandbox/server';
import { verifyAcs3Request } from '../../lib/sandbox/verify-signature';
import { signedRequest } from '../helpers/sandbox';

const fakeSandbox = { endpoint: 'ververica.cn-hangzhou.aliyuncs.com', port: 443 } as Sandbox;

describe('ACS3 canonical form', () => {
  it('percent-encodes as RFC 3986 (unreserved characters stay)', () => {
    expect(percentEncode("a b,c(d)*!'~-_.")).toBe('a%20b%2Cc%28d%29%2A%21%27~-_.');
    expect(canonicalUri('/api/v2/namespaces/a%20b/x')).toBe('/api/v2/namespaces/a%20b/x');
    expect(canonicalUri('/api/v2/namespaces/a(b)/x')).toBe('/api/v2/namespaces/a%28b%29/x');
    expect(
      canonicalQuery([
        ['labelValue', 'a,b'],
        ['labelKey', 'team'],
      ]),
    ).toBe('labelKey=team&labelValue=a%2Cb');
  });

  it('parses the Authorization header and the date header strictly', () => {
    expect(parseAuthorization('ACS3-HMAC-SHA256 Credential=AK,SignedHeaders=host;x-acs-date,Signature=ab12')).toEqual({
      algorithm: 'ACS3-HMAC-SHA256',
      accessKeyId: 'AK',
      signedHeaders: ['host', 'x-acs-date'],
      signature: 'ab12',
    });
    expect(parseAuthorization('acs AK:sig')).toBeUndefined();
    expect(parseAcsDate('2026-11-28T08:47:04Z')).toBe(Date.parse('2026-11-28T08:47:04Z'));
    expect(parseAcsDate('2026-11-28T08:47:04.000Z')).toBeUndefined();
  });

  it('agrees with the reference signer for arbitrary namespaces and label values', () => {
    const text = fc.string({ minLength: 1, maxLength: 12, unit: 'grapheme' });
    fc.assert(
      fc.property(text, text, text, (namespace, labelKey, labelValue) => {
        const req = signedRequest(fakeSandbox, { namespace, query: { labelKey, labelValue } });
        const [rawPath = '', rawQuery = ''] = req.path.split('?');
        const result = verifyAcs3Request(
          { method: 'GET', rawPath, rawQuery, headers: lower(req.headers), body: Buffer.alloc(0) },
          {
            accessKeys: { 'sandbox-access-key': 'sandbox-secret' },
            now: Date.now(),
            maxClockSkewMs: 60_000,
            nonces: new NonceRegistry(10, 60_000),
          },
        );
        expect(result).toEqual({ ok: true, accessKeyId: 'sandbox-access-key' });
      }),
      { numRuns: 100 },
    );
  });
});

function lower(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
}

describe('nonce registry', () => {
  it('refuses a nonce seen within the window and forgets old or excess ones', () => {
    const nonces = new NonceRegistry(3, 1_000);
    expect(nonces.claim('a', 0)).toBe(true);
    expect(nonces.claim('a', 10)).toBe(false);
    expect(nonces.claim('a', 2_000)).toBe(true);
    for (const n of ['b', 'c', 'd', 'e']) nonces.claim(n, 2_001);
    expect(nonces.size).toBe(3);
  });
});
