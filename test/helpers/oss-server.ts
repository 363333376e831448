import { createHash, createHmac, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A small OSS-compatible server on 127.0.0.1 for the OSS state store's tests: one bucket, objects in memory,
 * V1 (`Authorization: OSS <ak>:<signature>`) signatures verified, `x-oss-forbid-overwrite` honoured, ListObjects
 * (V1) with prefix / marker / max-keys, and OSS's XML error bodies. ali-oss, given an IP endpoint, addresses the
 * bucket through the Host header (`<bucket>.oss-<region>.aliyuncs.com`), so that is what is served here.
 */
export interface OssTestServerOptions {
  bucket: string;
  accessKeyId: string;
  accessKeySecret: string;
  securityToken?: string;
  /** Put the request's credentials into error messages, as a careless gateway would (for redaction tests). */
  echoCredentialsInErrors?: boolean;
  /** Answer writes with an `x-oss-version-id` header, as a bucket with versioning does. */
  versioning?: boolean;
}

export interface RecordedRequest {
  method: string;
  key: string;
  query: string;
  status: number;
}

export interface OssTestServer {
  /** `http://127.0.0.1:<port>`, to pass as the store's `endpoint`. */
  readonly endpoint: string;
  readonly requests: RecordedRequest[];
  keys(): string[];
  object(key: string): Buffer | undefined;
  /** Seed or replace an object directly, bypassing the API. */
  putObject(key: string, body: Buffer | string): void;
  /** The next request with this method fails with `status`/`code` once. */
  failNext(method: string, status: number, code: string): void;
  close(): Promise<void>;
}

interface StoredObject {
  body: Buffer;
  etag: string;
  lastModified: Date;
  contentType: string;
}

/** Query parameters that V1 signatures include in the canonical resource (the ones this server may see). */
const SIGNED_SUBRESOURCES = ['acl', 'append', 'delete', 'position', 'tagging', 'uploadId', 'uploads', 'versionId'];

const xmlEscape = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

function expectedSignature(req: IncomingMessage, secret: string, resource: string): string {
  const ossHeaders = Object.keys(req.headers)
    .filter((name) => name.startsWith('x-oss-'))
    .sort()
    .map((name) => `${name}:${(header(req, name) ?? '').trim()}`);
  const lines = [
    req.method ?? '',
    header(req, 'content-md5') ?? '',
    header(req, 'content-type') ?? '',
    header(req, 'x-oss-date') ?? header(req, 'date') ?? '',
    ...ossHeaders,
    resource,
  ];
  return createHmac('sha1', secret).update(lines.join('\n'), 'utf8').digest('base64');
}

export async function startOssServer(options: OssTestServerOptions): Promise<OssTestServer> {
  const objects = new Map<string, StoredObject>();
  const requests: RecordedRequest[] = [];
  const faults: Array<{ method: string; status: number; code: string }> = [];

  function fail(res: ServerResponse, req: IncomingMessage, status: number, code: string, message: string): false {
    let text = message;
    if (options.echoCredentialsInErrors) {
      text += ` (authorization: ${header(req, 'authorization') ?? '-'}; token: ${header(req, 'x-oss-security-token') ?? '-'})`;
    }
    const requestId = randomBytes(12).toString('hex').toUpperCase();
    res.writeHead(status, { 'content-type': 'application/xml', 'x-oss-request-id': requestId });
    const xml =
      `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${xmlEscape(text)}</Message>` +
      `<RequestId>${requestId}</RequestId><HostId>${xmlEscape(header(req, 'host') ?? '')}</HostId></Error>`;
    res.end(req.method === 'HEAD' ? undefined : xml);
    return false;
  }

  function authorise(req: IncomingMessage, res: ServerResponse, resource: string): boolean {
    const match = /^OSS ([^:]+):(.+)$/.exec(header(req, 'authorization') ?? '');
    if (!match) return fail(res, req, 403, 'AccessDenied', 'Authorization header is missing.');
    if (match[1] !== options.accessKeyId) {
      return fail(res, req, 403, 'InvalidAccessKeyId', 'The OSS Access Key Id you provided does not exist.');
    }
    if (options.securityToken !== undefined && header(req, 'x-oss-security-token') !== options.securityToken) {
      return fail(res, req, 403, 'InvalidSecurityToken', 'The security token you provided is invalid.');
    }
    if (match[2] !== expectedSignature(req, options.accessKeySecret, resource)) {
      return fail(res, req, 403, 'SignatureDoesNotMatch', 'The request signature does not match.');
    }
    return true;
  }

  function list(url: URL, res: ServerResponse): boolean {
    const prefix = url.searchParams.get('prefix') ?? '';
    const marker = url.searchParams.get('marker') ?? '';
    const maxKeys = Math.min(1000, Math.max(1, Number(url.searchParams.get('max-keys') ?? '100') || 100));
    const matching = [...objects.keys()].filter((key) => key.startsWith(prefix) && key > marker).sort();
    const page = matching.slice(0, maxKeys);
    const truncated = matching.length > page.length;
    const contents = page.map((key) => {
      const object = objects.get(key)!;
      return (
        `<Contents><Key>${xmlEscape(key)}</Key><LastModified>${object.lastModified.toISOString()}</LastModified>` +
        `<ETag>"${object.etag}"</ETag><Type>Normal</Type><Size>${object.body.length}</Size>` +
        '<StorageClass>Standard</StorageClass><Owner><ID>1</ID><DisplayName>1</DisplayName></Owner></Contents>'
      );
    });
    res.writeHead(200, { 'content-type': 'application/xml' });
    res.end(
      `<?xml version="1.0" encoding="UTF-8"?>\n<ListBucketResult><Name>${options.bucket}</Name>` +
        `<Prefix>${xmlEscape(prefix)}</Prefix><Marker>${xmlEscape(marker)}</Marker><MaxKeys>${maxKeys}</MaxKeys>` +
        `<Delimiter></Delimiter><IsTruncated>${truncated}</IsTruncated>` +
        (truncated ? `<NextMarker>${xmlEscape(page.at(-1) ?? '')}</NextMarker>` : '') +
        `${contents.join('')}</ListBucketResult>`,
    );
    return true;
  }

  function putObject(req: IncomingMessage, res: ServerResponse, key: string, body: Buffer): boolean {
    const md5 = createHash('md5').update(body);
    const digest = md5.copy().digest('base64');
    const contentMd5 = header(req, 'content-md5');
    if (contentMd5 !== undefined && contentMd5 !== digest) {
      return fail(res, req, 400, 'InvalidDigest', 'The Content-MD5 you specified is not valid.');
    }
    if (header(req, 'x-oss-forbid-overwrite')?.toLowerCase() === 'true' && objects.has(key)) {
      return fail(
        res,
        req,
        409,
        'FileAlreadyExists',
        'The object you specified already exists and can not be overwritten.',
      );
    }
    const etag = md5.digest('hex').toUpperCase();
    const contentType = header(req, 'content-type') ?? 'application/octet-stream';
    objects.set(key, { body, etag, lastModified: new Date(), contentType });
    res.writeHead(200, {
      etag: `"${etag}"`,
      ...(options.versioning ? { 'x-oss-version-id': randomBytes(16).toString('hex') } : {}),
    });
    res.end();
    return true;
  }

  function getObject(req: IncomingMessage, res: ServerResponse, key: string): boolean {
    const object = objects.get(key);
    if (!object) return fail(res, req, 404, 'NoSuchKey', 'The specified key does not exist.');
    res.writeHead(200, {
      'content-type': object.contentType,
      'content-length': object.body.length,
      etag: `"${object.etag}"`,
      'last-modified': object.lastModified.toUTCString(),
    });
    res.end(req.method === 'HEAD' ? undefined : object.body);
    return true;
  }

  function handle(req: IncomingMessage, res: ServerResponse, body: Buffer): boolean {
    const url = new URL(req.url ?? '/', 'http://oss.invalid');
    const key = decodeURIComponent(url.pathname.slice(1));
    const host = header(req, 'host') ?? '';
    if (!host.startsWith(`${options.bucket}.`)) {
      return fail(res, req, 404, 'NoSuchBucket', 'The specified bucket does not exist.');
    }
    const subresources = SIGNED_SUBRESOURCES.filter((name) => url.searchParams.has(name)).sort();
    const signed = subresources.map((name) =>
      url.searchParams.get(name) ? `${name}=${url.searchParams.get(name)}` : name,
    );
    const resource = `/${options.bucket}/${key}${signed.length ? `?${signed.join('&')}` : ''}`;
    if (!authorise(req, res, resource)) return false;
    const fault = faults.findIndex((f) => f.method === req.method);
    if (fault >= 0) {
      const [injected] = faults.splice(fault, 1);
      return fail(res, req, injected!.status, injected!.code, 'Injected failure.');
    }
    if (subresources.length > 0 || url.searchParams.has('list-type') || url.searchParams.has('delimiter')) {
      return fail(res, req, 501, 'NotImplemented', 'This test server does not implement that operation.');
    }
    if (key === '' && req.method === 'GET') return list(url, res);
    if (key === '') return fail(res, req, 405, 'MethodNotAllowed', 'Bucket operations are not implemented.');
    if (req.method === 'PUT') {
      if (header(req, 'x-oss-copy-source')) return fail(res, req, 501, 'NotImplemented', 'Copy is not implemented.');
      return putObject(req, res, key, body);
    }
    if (req.method === 'GET' || req.method === 'HEAD') return getObject(req, res, key);
    if (req.method === 'DELETE') {
      objects.delete(key);
      res.writeHead(204);
      res.end();
      return true;
    }
    return fail(res, req, 405, 'MethodNotAllowed', 'The specified method is not allowed.');
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://oss.invalid');
      res.on('finish', () => {
        requests.push({
          method: req.method ?? '',
          key: decodeURIComponent(url.pathname.slice(1)),
          query: url.search,
          status: res.statusCode,
        });
      });
      try {
        handle(req, res, Buffer.concat(chunks));
      } catch (err) {
        fail(res, req, 500, 'InternalError', String(err));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    endpoint: `http://127.0.0.1:${port}`,
    requests,
    keys: () => [...objects.keys()].sort(),
    object: (key) => objects.get(key)?.body,
    putObject(key, body) {
      const bytes = Buffer.isBuffer(body) ? body : Buffer.from(body);
      const etag = createHash('md5').update(bytes).digest('hex').toUpperCase();
      objects.set(key, { body: bytes, etag, lastModified: new Date(), contentType: 'application/json' });
    },
    failNext(method, status, code) {
      faults.push({ method, status, code });
    },
    close() {
      server.closeAllConnections();
      return new Promise((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
    },
  };
}
