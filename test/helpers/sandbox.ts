import { randomBytes } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import type { FlinkConfig } from '../../lib/config/types';
import type { LabelQuery } from '../../lib/flink/types';
import { parseScenario, type Scenario } from '../../lib/sandbox/scenario';
import {
  SANDBOX_ACCESS_KEY_ID,
  SANDBOX_ACCESS_KEY_SECRET,
  type Sandbox,
  type SandboxOptions,
  startSandbox,
} from '../../lib/sandbox/server';
import { EMPTY_SHA256, referenceSigner } from './reference-signer';

export { SANDBOX_ACCESS_KEY_ID, SANDBOX_ACCESS_KEY_SECRET };

/** A small world for tests: two workspaces, OR-able labels, a numeric label value, a failure at step 2. */
export const TEST_SCENARIO_YAML = `
name: test
steps: 6
deployments:
  - id: dep-pay-1
    name: pay-ingest
    workspace: ws-a
    labels: { team: payments, env: prod }
    timeline:
      - { at: 0, running: 1, failed: 1 }
      - { at: 2, running: 0, failed: 2 }
      - { at: 3, starting: 1 }
      - { at: 4, starting: 0, running: 1 }
  - id: dep-risk-1
    name: risk-score
    workspace: ws-a
    labels: { team: risk, env: prod, shard: 1 }
    timeline:
      - { at: 0, running: 1 }
      - { at: 3, present: false }
      - { at: 5, present: true, labels: { env: staging } }
  - id: dep-search-1
    name: search-batch
    workspace: ws-b
    labels: { team: search }
    executionMode: BATCH
    timeline:
      - { at: 0, finished: 3 }
      - { at: 1, running: 1 }
      - { at: 2, running: 0, finished: 4 }
`;

export function testScenario(): Scenario {
  return parseScenario(TEST_SCENARIO_YAML, 'test-scenario.yaml');
}

export function startTestSandbox(options: Partial<SandboxOptions> = {}): Promise<Sandbox> {
  return startSandbox({ scenario: testScenario(), ...options });
}

export function sandboxFlinkConfig(sandbox: Sandbox, overrides: Partial<FlinkConfig> = {}): FlinkConfig {
  return {
    region: 'cn-hangzhou',
    endpoint: sandbox.endpoint,
    protocol: 'http',
    timeoutMs: 2_000,
    concurrency: 2,
    maxAttempts: 3,
    includeResourceSetting: false,
    ...overrides,
  };
}

export function sandboxEnv(secret = SANDBOX_ACCESS_KEY_SECRET, id = SANDBOX_ACCESS_KEY_ID): Record<string, string> {
  return { ALIBABA_CLOUD_ACCESS_KEY_ID: id, ALIBABA_CLOUD_ACCESS_KEY_SECRET: secret };
}

export function labelQuery(sandbox: Sandbox, overrides: Partial<LabelQuery> = {}): LabelQuery {
  return {
    endpoint: sandbox.endpoint,
    workspace: 'ws-a',
    namespace: 'default-namespace',
    labelKey: 'team',
    labelValues: ['payments'],
    ...overrides,
  };
}

export interface HandBuiltRequest {
  namespace?: string;
  query?: Record<string, string>;
  workspace?: string;
  omitWorkspace?: boolean;
  keyId?: string;
  secret?: string;
  securityToken?: string;
  date?: string;
  nonce?: string;
  /** Sign without these headers, then send them anyway (a header that should have been signed). */
  unsigned?: Record<string, string>;
}

/** A correctly signed GetDeploymentsByLabel request: `path` with query, and the headers to send. */
export function signedRequest(
  sandbox: Sandbox,
  r: HandBuiltRequest = {},
): { path: string; headers: Record<string, string> } {
  // Path parameters encoded as the official SDKs do (encodeURIComponent plus !'()*).
  const ns = encodeURIComponent(r.namespace ?? 'default-namespace').replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  const pathname = `/api/v2/namespaces/${ns}/deployments/getDeployments/byLabel`;
  const query = r.query ?? { labelKey: 'team', labelValue: 'payments' };
  const keyId = r.keyId ?? SANDBOX_ACCESS_KEY_ID;
  const headers: Record<string, string> = {
    host: sandbox.endpoint,
    'x-acs-version': '2022-07-18',
    'x-acs-action': 'GetDeploymentsByLabel',
    'x-acs-date': r.date ?? new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
    'x-acs-signature-nonce': r.nonce ?? randomBytes(16).toString('hex'),
    'x-acs-content-sha256': EMPTY_SHA256,
    accept: 'application/json',
  };
  if (!r.omitWorkspace) headers['workspace'] = r.workspace ?? 'ws-a';
  if (r.securityToken !== undefined) {
    headers['x-acs-accesskey-id'] = keyId;
    headers['x-acs-security-token'] = r.securityToken;
  }
  const sign = referenceSigner();
  headers['Authorization'] = sign(
    { method: 'GET', pathname, query, headers },
    'ACS3-HMAC-SHA256',
    EMPTY_SHA256,
    keyId,
    r.secret ?? SANDBOX_ACCESS_KEY_SECRET,
  );
  Object.assign(headers, r.unsigned ?? {});
  return { path: `${pathname}?${new URLSearchParams(query).toString()}`, headers };
}

export interface RawAnswer {
  status: number;
  body: string;
  json: Record<string, unknown>;
}

/** Sends one request to the sandbox over plain HTTP and reads the whole answer. */
export function sendRaw(
  sandbox: Sandbox,
  req: { path: string; headers: Record<string, string>; method?: string },
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      {
        host: '127.0.0.1',
        port: sandbox.port,
        path: req.path,
        method: req.method ?? 'GET',
        headers: req.headers,
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const body = Buffer.concat(chunks).toString('utf8');
          let json: Record<string, unknown> = {};
          try {
            json = JSON.parse(body) as Record<string, unknown>;
          } catch {
            // Malformed answers are part of what is tested; callers look at `body`.
          }
          resolve({ status: res.statusCode ?? 0, body, json });
        });
      },
    );
    outgoing.setTimeout(5_000, () => outgoing.destroy(new Error('sandbox did not answer within 5 s')));
    outgoing.on('error', reject);
    outgoing.end();
  });
}
