import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONFIG_CHECKS } from '../../lib/cli/config-checks';
import { demoConfigYaml } from '../../lib/cli/demo-config';
import { parseConfigText } from '../../lib/config';
import { handleReportRequest, startReportServer } from '../../lib/report';
import { systemClock } from '../../lib/runtime/clock';
import { createDeadline } from '../../lib/runtime/deadline';
import { createLogger } from '../../lib/runtime/logger';
import { loadBuiltinScenario } from '../../lib/sandbox';
import { startSandbox } from '../../lib/sandbox/server';
import { runDigest } from '../../lib/service/digest';
import { listReportAlerts, loadReportModel } from '../../lib/service/report-service';
import { composeTick } from '../../lib/tick/compose';
import { runTick } from '../../lib/tick/run-tick';
import { SANDBOX_ACCESS_KEY_ID, SANDBOX_ACCESS_KEY_SECRET } from '../helpers/sandbox';
import { runLoad } from './harness/load';
import { recordMeasure } from './harness/results';
import { SECRETS } from './harness/secrets';

const CLIENTS = 200;
const SECONDS = 10;
const PATHS = ['/', '/report?format=json', '/report?format=csv', '/report?format=md', '/alerts', '/healthz'];

describe('load: the report endpoint under 200 concurrent clients', () => {
  it(`serves ${CLIENTS} clients for ${SECONDS} s with no error and every answer 2xx`, async () => {
    // The demo's world and configuration (three watches, four rules), with the report behind a token.
    const sandbox = await startSandbox({ scenario: await loadBuiltinScenario('demo') });
    const dir = await mkdtemp(join(tmpdir(), 'flink-watch-load-'));
    const env = {
      FLINK_WATCH_DEMO_ACCESS_KEY_ID: SANDBOX_ACCESS_KEY_ID,
      FLINK_WATCH_DEMO_ACCESS_KEY_SECRET: SANDBOX_ACCESS_KEY_SECRET,
      REPORT_TOKEN: SECRETS.reportToken,
    };
    const yaml = demoConfigYaml(sandbox.endpoint).replace(
      'report:\n  auth: none',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the configuration's reference syntax
      'report:\n  auth: token\n  token: ${env:REPORT_TOKEN}',
    );
    const loaded = parseConfigText(yaml, { format: 'yaml', env, checks: CONFIG_CHECKS });
    expect(loaded.config.report.auth).toBe('token');
    const logger = createLogger({ level: 'warn', sink: () => {}, secrets: loaded.secrets });
    const deps = composeTick(loaded, { logger, env, consoleWrite: () => {} });
    // A few ticks first, so the report has history and firing alerts to show.
    for (const step of [0, 4, 5, 6]) {
      sandbox.setStep(step);
      await runTick(deps, { dryRun: false, deadline: createDeadline(10_000, systemClock) });
    }
    const lines: string[] = [];
    const server = await startReportServer({
      host: '127.0.0.1',
      port: 0,
      logger,
      handle: (request) =>
        handleReportRequest(request, {
          config: deps.config,
          loadModel: (o) => loadReportModel(deps, o),
          listAlerts: () => listReportAlerts(deps, deps.clock.now()),
          pushDigest: () => runDigest(deps, { deadline: createDeadline(10_000, systemClock) }),
          now: () => deps.clock.now(),
          logger: createLogger({ level: 'warn', sink: (l) => lines.push(l), secrets: loaded.secrets }),
        }),
    });
    try {
      const result = await runLoad({
        baseUrl: server.url.replace(/\/$/, ''),
        token: SECRETS.reportToken,
        paths: PATHS,
        concurrency: CLIENTS,
        seconds: SECONDS,
        dir,
      });
      const line =
        `report endpoint, ${CLIENTS} concurrent clients for ${SECONDS} s (${result.tool}, loopback, each data ` +
        `request a dry-run tick against the sandbox): ${result.requestsPerSecond.toFixed(0)} requests/s, ` +
        `${result.requests} requests, ${result.non2xx} non-2xx, ${result.errors} errors, ` +
        `p50 ${result.p50Ms.toFixed(0)} ms, p99 ${result.p99Ms.toFixed(0)} ms`;
      console.log(line);
      recordMeasure('load', line);
      expect(result.requests).toBeGreaterThan(CLIENTS);
      expect(result.non2xx).toBe(0);
      expect(result.errors).toBe(0);
      expect(lines.filter((l) => /"level":"error"/.test(l))).toEqual([]);
    } finally {
      await server.close();
      await sandbox.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
