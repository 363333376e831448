import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../lib/runtime/clock';
import type { Sandbox } from '../../lib/sandbox/server';
import { sendRaw, signedRequest, startTestSandbox } from '../helpers/sandbox';

function acsDate(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

describe('sandbox ACS3-HMAC-SHA256 verification (requests signed by the reference signer)', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startTestSandbox({
      accessKeys: {
        'sandbox-access-key': 'sandbox-secret',
        'sts-key': { secret: 'sts-secret', securityToken: 'sts-token-value' },
      },
    });
  });
  afterAll(() => sandbox.close());

  it('accepts a correctly signed request', async () => {
    const res = await sendRaw(sandbox, signedRequest(sandbox));
    expect(res.status).toBe(200);
    expect(res.json['success']).toBe(true);
    expect(sandbox.requests.at(-1)).toMatchObject({
      signatureOk: true,
      status: 200,
      accessKeyId: 'sandbox-access-key',
    });
  });

  it('accepts query values that need percent-encoding (comma, space, parentheses)', async () => {
    const query = { labelKey: 'team', labelValue: 'pay ments,risk(1)*!' };
    const res = await sendRaw(sandbox, signedRequest(sandbox, { query }));
    expect(res.status).toBe(200);
  });

  it('refuses a signature made with the wrong secret: SignatureDoesNotMatch, HTTP 400, gateway body', async () => {
    const res = await sendRaw(sandbox, signedRequest(sandbox, { secret: 'not-the-secret' }));
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({ Code: 'SignatureDoesNotMatch' });
    expect(Object.keys(res.json).sort()).toEqual(['Code', 'HostId', 'Message', 'Recommend', 'RequestId']);
    expect(sandbox.requests.at(-1)).toMatchObject({ signatureOk: false, status: 400 });
    expect(sandbox.requests.at(-1)?.rejectedBecause).toMatch(/^SignatureDoesNotMatch/);
  });

  it('refuses a request whose query was changed after signing', async () => {
    const req = signedRequest(sandbox, { query: { labelKey: 'team', labelValue: 'payments' } });
    const res = await sendRaw(sandbox, { ...req, path: req.path.replace('payments', 'risk') });
    expect(res.json['Code']).toBe('SignatureDoesNotMatch');
  });

  it('refuses an unknown access key id with InvalidAccessKeyId.NotFound', async () => {
    const res = await sendRaw(sandbox, signedRequest(sandbox, { keyId: 'nobody', secret: 'x' }));
    expect(res.status).toBe(404);
    expect(res.json['Code']).toBe('InvalidAccessKeyId.NotFound');
  });

  it('refuses a stale x-acs-date with InvalidTimeStamp.Expired and a malformed one with InvalidTimeStamp.Format', async () => {
    const stale = await sendRaw(sandbox, signedRequest(sandbox, { date: acsDate(Date.now() - 16 * 60_000) }));
    expect(stale.status).toBe(400);
    expect(stale.json['Code']).toBe('InvalidTimeStamp.Expired');
    const future = await sendRaw(sandbox, signedRequest(sandbox, { date: acsDate(Date.now() + 16 * 60_000) }));
    expect(future.json['Code']).toBe('InvalidTimeStamp.Expired');
    const malformed = await sendRaw(sandbox, signedRequest(sandbox, { date: 'Tue, 28 Nov 2026 08:47:04 GMT' }));
    expect(malformed.json['Code']).toBe('InvalidTimeStamp.Format');
  });

  it('refuses an x-acs-* header that is present but not signed, and a missing Authorization', async () => {
    const unsigned = await sendRaw(sandbox, signedRequest(sandbox, { unsigned: { 'x-acs-extra': 'sneaked-in' } }));
    expect(unsigned.status).toBe(400);
    expect(unsigned.json['Code']).toBe('IncompleteSignature');
    expect(String(unsigned.json['Message'])).toContain('x-acs-extra');
    const req = signedRequest(sandbox);
    const { Authorization: _dropped, ...headers } = req.headers;
    const missing = await sendRaw(sandbox, { path: req.path, headers });
    expect(missing.json['Code']).toBe('IncompleteSignature');
  });

  it('refuses a request missing a header the gateway requires to be signed', async () => {
    const req = signedRequest(sandbox);
    const { 'x-acs-signature-nonce': _nonce, ...headers } = req.headers;
    const res = await sendRaw(sandbox, { path: req.path, headers });
    expect(res.json['Code']).toBe('IncompleteSignature');
    expect(String(res.json['Message'])).toContain('x-acs-signature-nonce');
  });

  it('refuses a replayed request with SignatureNonceUsed', async () => {
    const req = signedRequest(sandbox);
    expect((await sendRaw(sandbox, req)).status).toBe(200);
    const replay = await sendRaw(sandbox, req);
    expect(replay.status).toBe(400);
    expect(replay.json['Code']).toBe('SignatureNonceUsed');
  });

  it('accepts an STS key only with its security token', async () => {
    const ok = await sendRaw(
      sandbox,
      signedRequest(sandbox, { keyId: 'sts-key', secret: 'sts-secret', securityToken: 'sts-token-value' }),
    );
    expect(ok.status).toBe(200);
    expect(sandbox.requests.at(-1)).toMatchObject({ signatureOk: true, securityToken: true });
    const noToken = await sendRaw(sandbox, signedRequest(sandbox, { keyId: 'sts-key', secret: 'sts-secret' }));
    expect(noToken.json['Code']).toBe('InvalidSecurityToken.MismatchWithAccessKey');
    const wrongToken = await sendRaw(
      sandbox,
      signedRequest(sandbox, { keyId: 'sts-key', secret: 'sts-secret', securityToken: 'other' }),
    );
    expect(wrongToken.json['Code']).toBe('InvalidSecurityToken.MismatchWithAccessKey');
  });

  it('answers an unknown path with InvalidAction.NotFound', async () => {
    const res = await sendRaw(sandbox, { path: '/api/v2/namespaces/x/jobs', headers: {} });
    expect(res.status).toBe(404);
    expect(res.json['Code']).toBe('InvalidAction.NotFound');
  });
});

describe('sandbox clock', () => {
  it('judges x-acs-date against its own clock', async () => {
    const sandbox = await startTestSandbox({ clock: fixedClock(Date.parse('2030-01-01T00:00:00Z')) });
    try {
      const now = await sendRaw(sandbox, signedRequest(sandbox));
      expect(now.json['Code']).toBe('InvalidTimeStamp.Expired');
      const then = await sendRaw(sandbox, signedRequest(sandbox, { date: '2030-01-01T00:10:00Z' }));
      expect(then.status).toBe(200);
    } finally {
      await sandbox.close();
    }
  });
});
