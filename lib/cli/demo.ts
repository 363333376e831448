import { parseConfigText } from '../config';
import { handleReportRequest, startReportServer } from '../report';
import type { ReportServer } from '../report/server';
import { sleep, systemClock } from '../runtime/clock';
import { createDeadline } from '../runtime/deadline';
import type { Logger } from '../runtime/logger';
import { loadBuiltinScenario, SANDBOX_ACCESS_KEY_ID, SANDBOX_ACCESS_KEY_SECRET, startSandbox } from '../sandbox';
import { runDigest } from '../service/digest';
import { listReportAlerts, loadReportModel } from '../service/report-service';
import { createMemoryStore } from '../state/memory-store';
import { composeTick } from '../tick/compose';
import { runTick } from '../tick/run-tick';
import type { TickSummary } from '../tick/types';
import { CONFIG_CHECKS } from './config-checks';
import { demoConfigYaml } from './demo-config';
import { cliLogger } from './log-sink';
import { EXIT, type Output } from './output';

/** One tick of the demo is one simulated minute, so rules with `for:` play out in seconds. */
const SIMULATED_TICK_MS = 60_000;

async function serveReport(
  port: number,
  handle: Parameters<typeof startReportServer>[0]['handle'],
  logger: Logger,
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
  processEnv: Record<string, string | undefined>,
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
  const logger = cliLogger(processEnv, loaded.secrets, io.err);
  const deps = composeTick(loaded, {
    logger,
    env,
    store: createMemoryStore(),
    consoleWrite: io.out,
    consoleColor: process.stdout.isTTY === true && !processEnv.NO_COLOR,
  });
  let simulatedNow = systemClock.now();
  const report = await serveReport(
    args.port,
    (request) =>
      handleReportRequest(request, {
        config: loaded.config,
        loadModel: (o) => loadReportModel(deps, { ...o, now: simulatedNow }),
        listAlerts: () => listReportAlerts(deps, simulatedNow),
        pushDigest: () =>
          runDigest(deps, { deadline: createDeadline(loaded.config.tickTimeoutMs, systemClock), now: simulatedNow }),
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
      io.out(tickLine(tick, sandbox.step(), simulatedNow, result.summary));
      sandbox.advance();
      simulatedNow += SIMULATED_TICK_MS;
      if (args.ticks !== undefined && tick >= args.ticks) break;
      // Ctrl-C ends the wait early (sleep rejects on abort); the loop condition then stops the demo.
      await sleep(args.step, signal).catch(() => undefined);
    }
  } finally {
    await report.close();
    await sandbox.close();
  }
  io.out(`demo ${signal?.aborted ? 'stopped' : 'finished'} after ${tick} ticks`);
  return EXIT.ok;
}

function tickLine(tick: number, step: number, simulatedNow: number, s: TickSummary): string {
  return (
    `[tick ${tick} · step ${step} · ${new Date(simulatedNow).toISOString().slice(11, 16)} UTC] ` +
    `${s.deployments.seen} deployments, firing ${s.alerts.firing}, pending ${s.alerts.pending}, ` +
    `sent ${s.notifications.sent}${s.errors.length ? `, errors: ${s.errors.join('; ')}` : ''}`
  );
}
