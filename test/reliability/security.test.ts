import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { parseCommandLine } from '../../lib/cli/args';
import { CONFIG_CHECKS } from '../../lib/cli/config-checks';
import { parseConfigText } from '../../lib/config';
import { handleReportRequest } from '../../lib/report';
import { systemClock } from '../../lib/runtime/clock';
import { createDeadline } from '../../lib/runtime/deadline';
import type { HttpRequest } from '../../lib/runtime/fc-event';
import { createLogger } from '../../lib/runtime/logger';
import { parseScenario } from '../../lib/sandbox/scenario';
import { startSandbox } from '../../lib/sandbox/server';
import { runDigest } from '../../lib/service/digest';
import { listReportAlerts, loadReportModel } from '../../lib/service/report-service';
import { composeTick } from '../../lib/tick/compose';
import { runTick } from '../../lib/tick/run-tick';
import type { TickDeps } from '../../lib/tick/types';
import { startWebhookServer } from '../helpers/webhook-server';
import { worldConfigYaml, worldEnv } from './harness/fault-world';
import { leaksIn, SECRETS } from './harness/secrets';

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'flink-watch-security-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

function request(method: string, path: string, extra: Partial<HttpRequest> = {}): HttpRequest {
  return {
    method,
    path,
    headers: { authorization: `Bearer ${SECRETS.reportToken}` },
    query: {},
    body: Buffer.alloc(0),
    ...extra,
  };
}

/** The report endpoint wired as functions/report.ts wires it. */
function reportDeps(deps: TickDeps, lines: string[]) {
  return {
    config: deps.config,
    loadModel: (o: { watch?: string }) => loadReportModel(deps, o),
    listAlerts: () => listReportAlerts(deps, deps.clock.now()),
    pushDigest: () => runDigest(deps, { deadline: createDeadline(10_000, systemClock) }),
    now: () => deps.clock.now(),
    logger: createLogger({ sink: (l) => lines.push(l), secrets: deps.secrets }),
  };
}

describe('security: where notifications may go', () => {
  it('notifications go only to configured receivers: URLs in deployment data and in report requests are never contacted', async () => {
    const trap = await startWebhookServer();
    cleanups.push(() => trap.close());
    const hook = await startWebhookServer();
    cleanups.push(() => hook.close());
    const ding = await startWebhookServer({ defaultAnswer: { status: 200, body: '{"errcode":0,"errmsg":"ok"}' } });
    cleanups.push(() => ding.close());
    const steal = `${trap.url}/steal`;
    const sandbox = await startSandbox({
      scenario: parseScenario(
        `
name: urls
steps: 1
deployments:
  - id: dep-url
    name: "${steal}"
    workspace: ws-pay
    labels: { team: payments, callback: "${steal}", webhook: "${steal}" }
    timeline: [{ at: 0, running: 0, failed: 1 }]
`,
        'urls.yaml',
      ),
      accessKeys: { [SECRETS.accessKeyId]: SECRETS.accessKeySecret },
    });
    cleanups.push(() => sandbox.close());
    const dir = await tempDir();
    const env = worldEnv({ hookUrl: hook.url, dingUrl: ding.url });
    const text = worldConfigYaml({ endpoint: sandbox.endpoint, statePath: join(dir, 'state.json') });
    const loaded = parseConfigText(text, { format: 'yaml', env, checks: CONFIG_CHECKS });
    const lines: string[] = [];
    const deps = composeTick(loaded, { logger: createLogger({ sink: (l) => lines.push(l) }), env });

    const result = await runTick(deps, { dryRun: false, deadline: createDeadline(10_000, systemClock) });
    expect(result.summary.notifications.sent).toBeGreaterThan(0);
    const report = reportDeps(deps, lines);
    const tricks = { url: steal, receiver: steal, callback: steal, webhook: steal };
    for (const r of [
      request('POST', '/digest', { body: Buffer.from(JSON.stringify(tricks)), query: tricks }),
      request('GET', '/report', { query: { ...tricks, format: 'json' } }),
      request('GET', '/', { headers: { authorization: `Bearer ${SECRETS.reportToken}`, referer: steal, host: steal } }),
    ]) {
      expect((await handleReportRequest(r, report)).statusCode).toBeLessThan(300);
    }
    expect(hook.requests.length).toBeGreaterThan(1);
    expect(trap.requests).toEqual([]);
  });

  it('flink-watch serve listens on 127.0.0.1 unless --host says otherwise', () => {
    expect(parseCommandLine(['serve', '--config', 'x.yaml'])).toMatchObject({ name: 'serve', host: '127.0.0.1' });
  });

  it('s.yaml exposes only the report over HTTP and passes secrets from the deploying environment', () => {
    const doc = parseYaml(readFileSync(new URL('../../s.yaml', import.meta.url), 'utf8')) as {
      resources: Record<
        string,
        {
          props: {
            triggers: Array<{ triggerType: string; triggerConfig: Record<string, unknown> }>;
            environmentVariables: Record<string, string>;
          };
        }
      >;
    };
    const http = Object.entries(doc.resources).flatMap(([name, r]) =>
      r.props.triggers.filter((t) => t.triggerType === 'http').map((t) => ({ name, t })),
    );
    expect(http.map((h) => h.name)).toEqual(['report']);
    // FC's own check is off (browsers cannot sign requests); the report's token check (report.auth: token) guards it.
    expect(http[0]?.t.triggerConfig.authType).toBe('anonymous');
    for (const r of Object.values(doc.resources)) {
      for (const [name, value] of Object.entries(r.props.environmentVariables)) {
        if (/TOKEN|SECRET|URL/.test(name)) expect(value, name).toMatch(/^\$\{env\('[A-Z_]+'\)\}$/);
      }
    }
  });
});

describe('security: secrets never leave', () => {
  it('a receiver that echoes its URL, token and headers in errors: no secret in the state, summary, log or any report format', async () => {
    const hook = await startWebhookServer({
      handler: (r) => ({ status: 500, body: `cannot deliver to ${r.url} with ${JSON.stringify(r.headers)}` }),
    });
    cleanups.push(() => hook.close());
    const ding = await startWebhookServer({
      handler: (r) => ({
        status: 200,
        body: JSON.stringify({ errcode: 300001, errmsg: `token is not exist: http://x${r.url}` }),
        headers: { 'content-type': 'application/json' },
      }),
    });
    cleanups.push(() => ding.close());
    const sandbox = await startSandbox({
      scenario: parseScenario(
        `
name: leak
steps: 2
deployments:
  - id: dep-a
    name: orders-etl
    workspace: ws-pay
    labels: { team: payments }
    timeline: [{ at: 0, running: 1, failed: 1 }, { at: 1, running: 0, failed: 2 }]
`,
        'leak.yaml',
      ),
      accessKeys: { [SECRETS.accessKeyId]: SECRETS.accessKeySecret },
    });
    cleanups.push(() => sandbox.close());
    const dir = await tempDir();
    const env = worldEnv({ hookUrl: hook.url, dingUrl: ding.url });
    const text = worldConfigYaml({ endpoint: sandbox.endpoint, statePath: join(dir, 'state.json') });
    const loaded = parseConfigText(text, { format: 'yaml', env, checks: CONFIG_CHECKS });
    const lines: string[] = [];
    const outputs: string[] = [];
    for (const step of [0, 1]) {
      sandbox.setStep(step);
      const logger = createLogger({ level: 'debug', sink: (l) => lines.push(l), secrets: loaded.secrets });
      const deps = { ...composeTick(loaded, { logger, env }), random: () => 0 };
      const result = await runTick(deps, { dryRun: false, deadline: createDeadline(10_000, systemClock) });
      outputs.push(JSON.stringify(result.summary));
      if (step === 1) {
        expect(result.summary.notifications.queued + result.summary.notifications.failed).toBeGreaterThan(0);
        const report = reportDeps(deps, lines);
        for (const r of [
          request('GET', '/'),
          request('GET', '/report', { query: { format: 'json' } }),
          request('GET', '/report', { query: { format: 'csv' } }),
          request('GET', '/report', { query: { format: 'md' } }),
          request('GET', '/alerts'),
          request('POST', '/digest'),
        ]) {
          const response = await handleReportRequest(r, report);
          outputs.push(`${response.statusCode} ${JSON.stringify(response.headers)} ${response.body}`);
        }
      }
    }
    // The platforms really did receive the secrets (so the test proves redaction, not absence).
    expect(hook.requests.some((r) => r.url.includes(SECRETS.hookToken))).toBe(true);
    expect(ding.requests.some((r) => r.url.includes(SECRETS.dingToken))).toBe(true);
    const state = await readFile(join(dir, 'state.json'), 'utf8');
    expect(state).toMatch(/lastError/);
    expect(leaksIn([state, ...outputs, ...lines].join('\n'))).toEqual([]);
  });
});

describe('security: no code from data', () => {
  function sources(dir: URL): string[] {
    return readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .filter((name) => name.endsWith('.ts'))
      .map((name) => readFileSync(new URL(name, dir), 'utf8'));
  }

  it('the program source has no eval, Function constructor, vm module or require/import of a computed name', () => {
    const all = [
      ...sources(new URL('../../lib/', import.meta.url)),
      ...sources(new URL('../../functions/', import.meta.url)),
    ];
    expect(all.length).toBeGreaterThan(50);
    const forbidden = [
      /\beval\s*\(/,
      /\bnew\s+Function\s*\(/,
      /[^.\w]Function\s*\(/,
      /['"]node:vm['"]|['"]vm['"]/,
      /\brequire\s*\(\s*[^'"\s)]/,
      /\bimport\s*\(\s*[^'"\s)]/,
    ];
    const hits = all.flatMap((text) => forbidden.filter((re) => re.test(text)).map(String));
    expect(hits).toEqual([]);
  });

  it('a configured template that tries to read a file is refused before any tick, naming the option', async () => {
    const dir = await tempDir();
    const env = worldEnv({ hookUrl: 'http://127.0.0.1:9', dingUrl: 'http://127.0.0.1:9' });
    const text = worldConfigYaml({ endpoint: '127.0.0.1:9', statePath: join(dir, 'state.json') }).replace(
      'template: "EVT {{ alert.status }} {{ alert.name }} {{ alert.deployment }}"',
      `template: "{% include '/etc/passwd' %}"`,
    );
    expect(text).toContain('/etc/passwd');
    let message = '';
    try {
      const loaded = parseConfigText(text, { format: 'yaml', env, checks: CONFIG_CHECKS });
      composeTick(loaded, { logger: createLogger({ sink: () => {} }), env });
    } catch (err) {
      message = err instanceof Error ? err.message : String(err);
    }
    expect(message).toMatch(/template/);
    expect(message).not.toMatch(/root:/);
  });
});
