import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '../..');

/** What FC 3.0 hands a Node.js handler as `context` (the parts flink-watch reads, plus a few it ignores). */
export interface FcTestContext {
  requestId: string;
  credentials: { accessKeyId?: string; accessKeySecret?: string; securityToken?: string };
  function: { name: string; handler: string; timeout: number; memory: number };
  service: { logProject: string; logStore: string; qualifier: string };
  region: string;
  accountId: string;
}

export type FcHandler = (event: Buffer, context: FcTestContext) => Promise<unknown>;

/** `npm run package`, into a temporary directory: dist/<name>/index.js plus its split files. */
export async function buildFunctions(
  names: Array<'monitor' | 'report'>,
): Promise<{ dir: string; remove: () => Promise<void> }> {
  const project = await mkdtemp(join(tmpdir(), 'flink-watch-fc-'));
  // Like the repository: the bundles land under a package.json that declares ES modules.
  await writeFile(join(project, 'package.json'), '{ "type": "module" }\n');
  const dir = join(project, 'dist');
  const remove = () => rm(project, { recursive: true, force: true });
  try {
    await run(process.execPath, ['scripts/build.mjs', '--outdir', dir, '--only', names.join(',')], {
      cwd: ROOT,
      // No configuration is shipped: the tests point FLINK_WATCH_CONFIG at theirs when invoking.
      env: { ...process.env, FLINK_WATCH_CONFIG_FILE: join(dir, 'none.yaml') },
      timeout: 120_000,
    });
  } catch (err) {
    await remove();
    throw err;
  }
  return { dir, remove };
}

/** A fresh `require()` of a bundled handler, as FC's Node.js runtime loads `index.handler`. */
export function loadHandler(file: string): FcHandler {
  const requireFresh = createRequire(import.meta.url);
  const resolved = requireFresh.resolve(file);
  for (const key of Object.keys(requireFresh.cache))
    if (key.startsWith(resolve(resolved, '..'))) delete requireFresh.cache[key];
  const loaded: unknown = requireFresh(resolved);
  const handler = (loaded as { handler?: unknown }).handler;
  if (typeof handler !== 'function') throw new Error(`${file} does not export a handler function`);
  return handler as FcHandler;
}

let requestCounter = 0;

export function fcContext(overrides: Partial<FcTestContext> & { timeout?: number } = {}): FcTestContext {
  const { timeout, ...rest } = overrides;
  requestCounter += 1;
  return {
    requestId: `1-test-${requestCounter}`,
    credentials: {},
    function: { name: 'flink-watch-test', handler: 'index.handler', timeout: timeout ?? 30, memory: 256 },
    service: { logProject: 'serverless-test', logStore: 'default-logs', qualifier: 'LATEST' },
    region: 'cn-hangzhou',
    accountId: '1234567890',
    ...rest,
  };
}

/** The Buffer FC 3.0 passes for a timer trigger; `payload` is the trigger's configured string. */
export function timerEvent(payload: string, triggerName = 'tick'): Buffer {
  return Buffer.from(JSON.stringify({ triggerTime: new Date().toISOString(), triggerName, payload }));
}

export interface HttpEventInput {
  method?: string;
  path: string;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  body?: string;
  base64?: boolean;
}

/** The Buffer FC 3.0 passes for an HTTP trigger (built-in runtimes). */
export function httpEvent(input: HttpEventInput): Buffer {
  const method = input.method ?? 'GET';
  const body = input.body ?? '';
  return Buffer.from(
    JSON.stringify({
      version: 'v1',
      rawPath: encodeURI(input.path),
      headers: { 'User-Agent': 'curl/8.0', Accept: '*/*', ...input.headers },
      queryParameters: input.query ?? {},
      body: input.base64 ? Buffer.from(body).toString('base64') : body,
      isBase64Encoded: input.base64 === true,
      requestContext: {
        accountId: '1234567890',
        domainName: 'test-trigger.cn-hangzhou.fcapp.run',
        domainPrefix: 'test-trigger',
        http: { method, path: input.path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'curl/8.0' },
        requestId: `1-http-${++requestCounter}`,
        time: new Date().toISOString(),
        timeEpoch: String(Date.now()),
      },
    }),
  );
}

/** Everything written to stdout (FC ships it to SLS) while capturing; nothing reaches the real stdout. */
export function captureStdout(): { lines: string[]; restore: () => void } {
  const lines: string[] = [];
  const original = process.stdout.write.bind(process.stdout);
  let partial = '';
  process.stdout.write = ((chunk: string | Uint8Array) => {
    partial += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    const parts = partial.split('\n');
    partial = parts.pop() ?? '';
    lines.push(...parts);
    return true;
  }) as typeof process.stdout.write;
  return {
    lines,
    restore: () => {
      if (partial) lines.push(partial);
      process.stdout.write = original;
    },
  };
}

/** Sets (or, with `undefined`, removes) environment variables; the returned function puts the previous values back. */
export function setEnv(values: Record<string, string | undefined>): () => void {
  const previous = Object.fromEntries(Object.keys(values).map((k) => [k, process.env[k]]));
  for (const [k, v] of Object.entries(values)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  return () => {
    for (const [k, v] of Object.entries(previous)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  };
}

export async function writeConfig(dir: string, name: string, text: string): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, text);
  return file;
}
