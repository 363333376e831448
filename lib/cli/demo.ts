import { parseConfigText } from '../config';
import { handleReportRequest, startReportServer } from '../report';
import type { ReportServer } from '../report/server';
import { systemClock } from '../runtime/clock';
import { createDeadline } from '../runtime/deadline';
import { createLogger } from '../runtime/logger';
import { loadBuiltinScenario, SANDBOX_ACCESS_KEY_ID, SANDBOX_ACCESS_KEY_SECRET, startSandbox } from '../sandbox';
import { listReportAlerts, loadReportModel } from '../service/report-service';
import { createMemoryStore } from '../state/memory-store';
import { composeTick } from '../tick/compose';
import { runTick } from '../tick/run-tick';
import { CONFIG_CHECKS } from './config-checks';
import { demoConfigYaml } from './demo-config';
import { EXIT, type Output } from './output';

/** One tick of the demo is one simulated minute, so rules with `for:` play out in seconds. */
const SIMULATED_TICK_MS = 60_000;

async function serveReport(
  port: number,
  handle: Parameters<typeof startReportServer>[0]['handle'],
  logger: ReturnType<typeof createLogger>,
  io: Output,
): Promise<ReportServer> {
  try {
    return await startReportServer({ host: '127.0.0.1', port, handle, logger });
  } catch (err) {
    io.err(`port ${port} is not free (${(err as Error).message}); serving the report on another port`);
    return startReportServer({ host: '127.0.0.1', port: 0, handle, logger });
  }
}

/**
 * `npm start`: the embedded sandbox with the built-in scenario, the monitor ticking every few seconds, alerts in the
 * terminal as they would look in chat, and the report on http://127.0.0.1:8080/. No cloud account, no config file.
 */
export async function demoCommand(
  args: { port: number; step: number; ticks?: number },
  io: Output,
  signal?: AbortSignal,
): Promise<number> {
  const scenario = await loadBuiltinScenario();
  const sandbox = await startSandbox({ scenario, port: 0 });
  const env = {
    FLINK_WATCH_DEMO_ACCESS_KEY_ID: SANDBOX_ACCESS_KEY_ID,
    FLINK_WATCH_DEMO_ACCESS_KEY_SECRET: SANDBOX_ACCESS_KEY_SECRET,
  };
  const loaded = parseConfigText(demoConfigYaml(sandbox.endpoint), {
    format: 'yaml',
    env,
    source: 'demo',
    checks: CONFIG_CHECKS,
  });
  const logger = createLogger({ level: 'warn', secrets: loaded.secrets, sink: io.err });
  const deps = composeTick(loaded, {
    logger,
    env,
    store: createMemoryStore(),
    consoleWrite: io.out,
    consoleColor: process.stdout.isTTY === true,
  });
  let simulatedNow = systemClock.now();
  const report = await serveReport(
    args.port,
    (request) =>
      handleReportRequest(request, {
        config: loaded.config,
        loadModel: (o) => loadReportModel(deps, { ...o, now: simulatedNow }),
        listAlerts: () => listReportAlerts(deps, simulatedNow),
        pushDigest: async () => ({ sent: 0, queued: 0, failed: 0 }),
        now: () => simulatedNow,
        logger,
      }),
    logger,
    io,
  );
  io.out(
    [
      'flink-watch demo',
      `  sandbox API:  http://${sandbox.endpoint} (scenario "${scenario.name}", ${scenario.deployments.length} deployments, signatures checked)`,
      `  report:       ${report.url}`,
      `  watches:      ${loaded.config.watches.map((w) => `${w.name} (${w.selector})`).join('; ')}`,
      `  one tick every ${args.step / 1000}s = one simulated minute; Ctrl-C to stop`,
      '',
    ].join('\n'),
  );
  let tick = 0;
  try {
    while (!signal?.aborted && (args.ticks === undefined || tick < args.ticks)) {
      tick += 1;
      const result = await runTick(deps, {
        dryRun: false,
        now: simulatedNow,
        deadline: createDeadline(loaded.config.tickTimeoutMs, systemClock),
      });
      const s = result.summary;
      io.out(
        `[tick ${tick} · step ${sandbox.step()} · ${new Date(simulatedNow).toISOString().slice(11, 16)} UTC] ` +
          `${s.deployments.seen} deployments, firing ${s.alerts.firing}, pending ${s.alerts.pending}, ` +
          `sent ${s.notifications.sent}${s.errors.length ? `, errors: ${s.errors.join('; ')}` : ''}`,
      );
      sandbox.advance();
      simulatedNow += SIMULATED_TICK_MS;
      if (args.ticks === undefined || tick < args.ticks) {
        await new Promise<void>((resolve) => {
          const onAbort = () => {
            clearTimeout(timer);
            resolve();
          };
          const timer = setTimeout(() => {
            signal?.removeEventListener('abort', onAbort);
            resolve();
          }, args.step);
          signal?.addEventListener('abort', onAbort, { once: true });
        });
      }
    }
  } finally {
    await report.close();
    await sandbox.close();
  }
  return EXIT.ok;
}
