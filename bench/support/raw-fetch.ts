import { randomBytes } from 'node:crypto';
import { Agent, request } from 'node:http';
import { runBounded } from '../../lib/flink/pool';
import type { LabelQuery } from '../../lib/flink/types';
import { SANDBOX_ACCESS_KEY_ID, SANDBOX_ACCESS_KEY_SECRET } from '../../lib/sandbox/server';
import { EMPTY_SHA256, referenceSigner, type Signer } from '../../test/helpers/reference-signer';

/**
 * The floor under any client: the same label queries as plain HTTP requests (signed with the client library's own
 * signer, keep-alive, at most `concurrency` in flight), each answer read and parsed, nothing else. What a fetch costs
 * above this is the client's own overhead; what this costs above the latency bound is the sandbox and the loopback.
 */

function signedGet(endpoint: string, query: LabelQuery, sign: Signer) {
  const pathname = `/api/v2/namespaces/${encodeURIComponent(query.namespace)}/deployments/getDeployments/byLabel`;
  const q = { labelKey: query.labelKey, labelValue: query.labelValues.join(','), ignoreResourceSetting: 'true' };
  const headers: Record<string, string> = {
    host: endpoint,
    workspace: query.workspace,
    'x-acs-version': '2022-07-18',
    'x-acs-action': 'GetDeploymentsByLabel',
    'x-acs-date': new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
    'x-acs-signature-nonce': randomBytes(16).toString('hex'),
    'x-acs-content-sha256': EMPTY_SHA256,
    accept: 'application/json',
  };
  headers['Authorization'] = sign(
    { method: 'GET', pathname, query: q, headers },
    'ACS3-HMAC-SHA256',
    EMPTY_SHA256,
    SANDBOX_ACCESS_KEY_ID,
    SANDBOX_ACCESS_KEY_SECRET,
  );
  return { path: `${pathname}?${new URLSearchParams(q).toString()}`, headers };
}

function getJson(port: number, agent: Agent, path: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { data?: unknown[] };
        if (res.statusCode !== 200 || !Array.isArray(body.data))
          reject(new Error(`raw call answered ${res.statusCode}`));
        else resolve(body.data.length);
      });
    });
    req.setTimeout(10_000, () => req.destroy(new Error('raw call took over 10 s')));
    req.on('error', reject);
    req.end();
  });
}

export interface RawFetcher {
  /** Runs every query once; resolves with the deployments answered in total. */
  fetchAll(queries: readonly LabelQuery[]): Promise<number>;
  close(): void;
}

export function createRawFetcher(endpoint: string, concurrency: number): RawFetcher {
  const port = Number(endpoint.slice(endpoint.lastIndexOf(':') + 1));
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const sign = referenceSigner();
  return {
    async fetchAll(queries) {
      const outcomes = await runBounded(queries, concurrency, (query) => {
        const { path, headers } = signedGet(endpoint, query, sign);
        return getJson(port, agent, path, headers);
      });
      let total = 0;
      for (const outcome of outcomes) {
        if (outcome.status === 'rejected') throw outcome.reason;
        total += outcome.value;
      }
      return total;
    },
    close: () => agent.destroy(),
  };
}
