import type { FlinkConfig } from '../config/types';
import { sleep as realSleep } from '../runtime/clock';
import type { Deadline } from '../runtime/deadline';
import type { Logger } from '../runtime/logger';
import { redactSecrets } from '../runtime/redact';
import { type AttemptFailure, type CheckedAnswer, checkAnswer, classifyThrown } from './client-failure';
import type { OpenApiClientInstance } from './client-sdk';
import {
  type AccessCredentials,
  type ContextCredentials,
  CREDENTIAL_SOURCE_LABELS,
  resolveFlinkCredentials,
} from './credentials';
import { FlinkApiError, type FlinkCallDescription, FlinkCredentialsError } from './errors';
import { normaliseDeployment } from './normalise';
import { isRecord } from './normalise-values';
import { type AnswerBody, readAnswer } from './read-answer';
import { ReadTurns } from './read-turns';
import { type BackoffPolicy, DEFAULT_BACKOFF, decideRetry, isAuthenticationCode } from './retry-policy';
import { StringPool } from './string-pool';
import type { AnswerEntry, DeploymentsAnswer, FlinkClient, LabelQuery } from './types';

/** What `callApi` resolves with for `bodyType: 'binary'`: the body still unread. */
interface BinaryResponse {
  statusCode?: number;
  headers?: Record<string, unknown>;
  body: AnswerBody;
}

export interface FlinkClientOptions {
  flink: FlinkConfig;
  /** Function Compute's `context.credentials`; `{}` (no function role) is ignored. */
  contextCredentials?: ContextCredentials | undefined;
  /** Where `ALIBABA_CLOUD_ACCESS_KEY_ID`/`_SECRET`/`_SECURITY_TOKEN` are read; defaults to `process.env`. */
  env?: Record<string, string | undefined>;
  logger: Logger;
  /** Jitter source in [0, 1); injectable for tests. */
  random?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  backoff?: BackoffPolicy;
}

const ACTION = 'GetDeploymentsByLabel';
const VERSION = '2022-07-18';

/** RFC 3986 encoding as the official SDKs apply to path parameters (`encodeURIComponent` plus `!'()*`). */
function encodePathParam(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

type Sdk = typeof import('./client-sdk');

/**
 * The OpenAPI client library is loaded on the first call, not when this module loads: it is the largest part of a
 * deployed function, and the bundles keep it in a file of its own (scripts/build.mjs), so a cold start that fails
 * before calling the API (configuration, credentials) does not pay for it.
 */
const loadSdk = (): Promise<Sdk> => import('./client-sdk');

function buildSdkClient(
  { Config, OpenApi }: Sdk,
  endpoint: string,
  flink: FlinkConfig,
  credentials: AccessCredentials,
): OpenApiClientInstance {
  const config = new Config({
    endpoint,
    protocol: flink.protocol === 'http' ? 'HTTP' : 'HTTPS',
    regionId: flink.region,
    accessKeyId: credentials.accessKeyId,
    accessKeySecret: credentials.accessKeySecret,
    readTimeout: flink.timeoutMs,
    connectTimeout: flink.timeoutMs,
    userAgent: 'flink-watch',
  });
  if (credentials.securityToken) config.securityToken = credentials.securityToken;
  return new OpenApi(config);
}

async function attemptOnce(
  { Params, OpenApiRequest, RuntimeOptions }: Sdk,
  sdk: OpenApiClientInstance,
  query: LabelQuery,
  flink: FlinkConfig,
  timeoutMs: number,
  signal: AbortSignal,
  turns: ReadTurns,
): Promise<CheckedAnswer<AnswerEntry>> {
  // Exactly what the generated SDKs send: workspace as a header, every query value a string. The body is read
  // here, as it arrives (`binary`), so that a large answer is never held whole; error answers the library reads.
  const params = new Params({
    action: ACTION,
    version: VERSION,
    protocol: 'HTTPS',
    pathname: `/api/v2/namespaces/${encodePathParam(query.namespace)}/deployments/getDeployments/byLabel`,
    method: 'GET',
    authType: 'AK',
    style: 'ROA',
    reqBodyType: 'json',
    bodyType: 'binary',
  });
  const q: Record<string, string> = { labelKey: query.labelKey, labelValue: query.labelValues.join(',') };
  if (!flink.includeResourceSetting) q['ignoreResourceSetting'] = 'true';
  const request = new OpenApiRequest({ headers: { workspace: query.workspace }, query: q });
  // connectTimeout is an idle timeout in the underlying HTTP library, so it must not be shorter than readTimeout.
  const runtime = new RuntimeOptions({ readTimeout: timeoutMs, connectTimeout: timeoutMs });
  const startedAt = performance.now();
  try {
    const response = (await sdk.callApi(params, request, runtime)) as BinaryResponse;
    const context = { workspace: query.workspace, namespace: query.namespace, pool: new StringPool() };
    const entries: AnswerEntry[] = [];
    const { envelope, dataIsList } = await turns.take(() =>
      readAnswer(response.body, {
        onElement: (raw) => entries.push(normaliseDeployment(raw, context)),
        timeoutMs: Math.max(1, timeoutMs - (performance.now() - startedAt)),
        signal,
      }),
    );
    const body = dataIsList && isRecord(envelope) ? { ...envelope, data: entries } : envelope;
    return checkAnswer<AnswerEntry>({ statusCode: response.statusCode, headers: response.headers, body });
  } catch (err) {
    return { ok: false, failure: classifyThrown(err, timeoutMs) };
  }
}

function hintFor(code: string, credentials: AccessCredentials): string | undefined {
  const source = `credentials from ${CREDENTIAL_SOURCE_LABELS[credentials.source]}`;
  if (code.startsWith('InvalidSecurityToken')) {
    return `authentication failed: the STS security token was rejected (expired, or not issued for this access key id; ${source})`;
  }
  if (isAuthenticationCode(code)) return `authentication failed: check the access key id/secret (${source})`;
  if (code.startsWith('InvalidTimeStamp')) return `request time rejected: check this machine's clock`;
  return undefined;
}

const MAX_DETAIL_CHARS = 600;

/** Secrets out first, then shorten: cutting first could leave a partial secret that no longer matches. */
function safeDetail(detail: string, secrets: string[]): string {
  const clean = redactSecrets(detail, secrets);
  return clean.length > MAX_DETAIL_CHARS ? `${clean.slice(0, MAX_DETAIL_CHARS)}…` : clean;
}

function safeCause(cause: unknown, secrets: string[]): Error | undefined {
  if (!(cause instanceof Error)) return undefined;
  // The library's error keeps the raw answer in `data`, where a gateway may echo signed headers (the STS token).
  const safe = new Error(redactSecrets(cause.message, secrets));
  safe.name = cause.name;
  return safe;
}

function describeQuery(query: LabelQuery): FlinkCallDescription {
  return { action: ACTION, workspace: query.workspace, namespace: query.namespace, labelKey: query.labelKey };
}

/**
 * Without an access key no call can be made, but the tick still runs: every query fails with this error, so its
 * watches' alerts are held, the summary says why, and after a few ticks WatchQueryFailing reaches the receivers. An
 * operator hears about a monitor that cannot see instead of finding it only in a function log.
 */
function clientWithoutCredentials(problem: FlinkCredentialsError): FlinkClient {
  return {
    async getDeploymentsByLabel(query) {
      throw new FlinkApiError({
        call: describeQuery(query),
        code: 'MissingCredentials',
        detail: problem.message,
        retryable: false,
        attempts: 0,
        cause: problem,
      });
    },
  };
}

/** A `FlinkClient` over `@alicloud/openapi-client`, with our own retries inside the caller's deadline. */
export function createFlinkClient(options: FlinkClientOptions): FlinkClient {
  const { flink, logger } = options;
  let credentials: AccessCredentials;
  try {
    credentials = resolveFlinkCredentials({
      configured: flink.credentials,
      context: options.contextCredentials,
      env: options.env ?? process.env,
    });
  } catch (err) {
    if (err instanceof FlinkCredentialsError) return clientWithoutCredentials(err);
    throw err;
  }
  const secrets = [credentials.accessKeySecret, credentials.securityToken ?? ''].filter((s) => s !== '');
  const random = options.random ?? Math.random;
  const sleep = options.sleep ?? realSleep;
  const policy = options.backoff ?? DEFAULT_BACKOFF;
  const maxAttempts = Math.max(1, Math.floor(flink.maxAttempts));
  const sdkByEndpoint = new Map<string, OpenApiClientInstance>();
  const turns = new ReadTurns();
  // Loaded once per client: each dynamic import() goes through the module loader again, even when cached.
  let sdkModule: Promise<Sdk> | undefined;
  const sdkFor = (library: Sdk, endpoint: string): OpenApiClientInstance => {
    let sdk = sdkByEndpoint.get(endpoint);
    if (!sdk) {
      sdk = buildSdkClient(library, endpoint, flink, credentials);
      sdkByEndpoint.set(endpoint, sdk);
    }
    return sdk;
  };

  const toError = (call: FlinkCallDescription, f: AttemptFailure, attempts: number, retryable: boolean) =>
    new FlinkApiError({
      call,
      code: f.code,
      httpStatus: f.httpStatus,
      requestId: f.requestId,
      detail: safeDetail(f.detail, secrets),
      hint: hintFor(f.code, credentials),
      retryable,
      attempts,
      cause: safeCause(f.cause, secrets),
    });

  async function getDeploymentsByLabel(query: LabelQuery, deadline: Deadline): Promise<DeploymentsAnswer> {
    const call = describeQuery(query);
    sdkModule ??= loadSdk();
    const library = await sdkModule;
    const sdk = sdkFor(library, query.endpoint || flink.endpoint);
    let attempts = 0;
    let malformedSeen = 0;
    for (;;) {
      const remainingMs = deadline.remainingMs();
      if (remainingMs <= 0 || deadline.signal.aborted) {
        const detail = 'the deadline passed before the call could be made';
        throw new FlinkApiError({ call, code: 'DeadlineExceeded', detail, retryable: true, attempts });
      }
      const timeoutMs = Math.max(1, Math.min(flink.timeoutMs, remainingMs));
      attempts += 1;
      const outcome = await attemptOnce(library, sdk, query, flink, timeoutMs, deadline.signal, turns);
      if (outcome.ok) {
        logger.debug('flink api call succeeded', { ...call, requestId: outcome.requestId, attempts });
        return { requestId: outcome.requestId, entries: outcome.data, attempts };
      }
      const f = outcome.failure;
      if (f.malformed) malformedSeen += 1;
      const retryable = f.retryable && malformedSeen <= 1;
      const decision = decideRetry({
        retryable,
        attempts,
        maxAttempts,
        remainingMs: deadline.remainingMs(),
        policy,
        random,
      });
      const fields = { ...call, code: f.code, httpStatus: f.httpStatus, requestId: f.requestId, attempt: attempts };
      if (!decision.retry) {
        logger.debug('flink api call failed', { ...fields, reason: decision.reason });
        throw toError(call, f, attempts, retryable);
      }
      logger.warn('flink api attempt failed; retrying', { ...fields, delayMs: decision.delayMs });
      try {
        await sleep(decision.delayMs, deadline.signal);
      } catch {
        throw toError(call, f, attempts, retryable);
      }
    }
  }

  return { getDeploymentsByLabel };
}
