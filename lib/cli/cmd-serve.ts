import { handleReportRequest, startReportServer } from '../report';
import { createDeadline } from '../runtime/deadline';
import { listReportAlerts, loadReportModel } from '../service/report-service';
import { runTick } from '../tick/run-tick';
import { EXIT, type Output } from './output';
import { prepareTick } from './prepare';
import { whenAborted } from './stop-signal';

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
  const server = await startReportServer({
    host: args.host,
    port: args.port,
    logger,
    handle: (request) =>
      handleReportRequest(request, {
        config: loaded.config,
        loadModel: (o) => loadReportModel(deps, o),
        listAlerts: () => listReportAlerts(deps, deps.clock.now()),
        pushDigest: async () => ({ sent: 0, queued: 0, failed: 0 }),
        now: () => deps.clock.now(),
        logger,
      }),
  });
  io.out(`flink-watch serving the report on ${server.url}; one tick every ${args.interval / 1000}s`);
  const tick = async () => {
    try {
      const result = await runTick(deps, {
        dryRun: false,
        deadline: createDeadline(loaded.config.tickTimeoutMs, deps.clock),
      });
      logger.info('tick', { summary: result.summary });
    } catch (err) {
      logger.error('the tick failed', { error: err });
    }
  };
  // Ticks never overlap: the next one is scheduled when the previous one ended.
  let timer: NodeJS.Timeout | undefined;
  const loop = async () => {
    await tick();
    if (!signal.aborted) timer = setTimeout(loop, args.interval);
  };
  await loop();
  await whenAborted(signal);
  clearTimeout(timer);
  await server.close();
  return EXIT.ok;
}
