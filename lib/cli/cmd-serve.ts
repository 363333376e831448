import { handleReportRequest, ReportServerStartError, startReportServer } from '../report';
import { sleep } from '../runtime/clock';
import { createDeadline } from '../runtime/deadline';
import { redactSecrets } from '../runtime/redact';
import { runDigest } from '../service/digest';
import { createReportModelCache } from '../service/report-cache';
import { listReportAlerts, loadReportModel } from '../service/report-service';
import { runTick } from '../tick/run-tick';
import { EXIT, type Output } from './output';
import { prepareTick } from './prepare';
import { describeTickFailure } from './tick-failure';
import { summaryLine } from './tick-report';

/** `flink-watch serve`: the timer and the report endpoint in one long-running process (local or on a VM). */
export async function serveCommand(
  args: { config: string; port: number; host: string; interval: number },
  io: Output,
  env: Record<string, string | undefined>,
  signal: AbortSignal,
): Promise<number> {
  const prepared = await prepareTick(args.config, io, env);
  if (!prepared.ok) return prepared.exitCode;
  const { deps, loaded, logger } = prepared;
  const models = createReportModelCache(deps.clock);
  const deadline = () => createDeadline(loaded.config.tickTimeoutMs, deps.clock);
  let server: Awaited<ReturnType<typeof startReportServer>>;
  try {
    server = await startReportServer({
      host: args.host,
      port: args.port,
      logger,
      handle: (request) =>
        handleReportRequest(request, {
          config: loaded.config,
          loadModel: (o) => models.get(o.watch ?? '', () => loadReportModel(deps, { ...o, deadline: deadline() })),
          listAlerts: () => listReportAlerts(deps, deps.clock.now()),
          pushDigest: () => runDigest(deps, { deadline: deadline() }),
          now: () => deps.clock.now(),
          logger,
        }),
    });
  } catch (err) {
    if (!(err instanceof ReportServerStartError)) throw err;
    io.err(`${err.message}; choose another --port (0 picks a free one) or --host`);
    return EXIT.tickFailed;
  }
  io.out(`flink-watch serving the report on ${server.url}; one tick every ${args.interval / 1000}s; Ctrl-C to stop`);
  // Ticks never overlap: the next one waits for the previous one and the interval; Ctrl-C ends the wait, and a
  // tick in progress finishes (within its timeout) before the process stops.
  while (!signal.aborted) {
    try {
      const result = await runTick(deps, { dryRun: false, deadline: deadline() });
      io.out(summaryLine(result.summary));
      for (const e of result.summary.errors) io.out(`  error: ${e}`);
    } catch (err) {
      io.err(redactSecrets(describeTickFailure(err, args.config).message, deps.secrets));
    }
    await sleep(args.interval, signal).catch(() => undefined);
  }
  await server.close();
  io.out('stopped');
  return EXIT.ok;
}
