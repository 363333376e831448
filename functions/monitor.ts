/**
 * Function Compute 3.0 timer handler: one monitor tick (or a digest) per invocation. It only adapts: parse the event,
 * build the invocation's dependencies, call lib/, return the summary. Errors are logged as one JSON line and
 * returned as a summary, never as a stack trace.
 */
import { ConfigError } from '../lib/config';
import type { FcContext } from '../lib/runtime/fc-context';
import { parseTimerEvent } from '../lib/runtime/fc-event';
import { runDigest } from '../lib/service/digest';
import { createFunctionRuntime, type FunctionRuntime, type Invocation } from '../lib/service/function-runtime';
import { runTick } from '../lib/tick/run-tick';

export function createMonitorHandler(runtime: FunctionRuntime) {
  return async function handler(event: unknown, context: FcContext): Promise<string> {
    let request: ReturnType<typeof parseTimerEvent>;
    try {
      request = parseTimerEvent(event);
    } catch (err) {
      runtime.bareLogger(context).error('unreadable timer event', { error: err });
      return JSON.stringify({ ok: false, error: (err as Error).message });
    }
    let logger = runtime.bareLogger(context);
    let invocation: Invocation;
    try {
      invocation = await runtime.invocation(context);
    } catch (err) {
      // Configuration, credentials or state settings: nothing ran, so say what to fix rather than "the tick failed".
      const error =
        err instanceof ConfigError
          ? `configuration: ${err.message}`
          : `the tick could not start: ${(err as Error).message}`;
      logger.error(error, { error: err });
      return JSON.stringify({ ok: false, error });
    }
    const { deps, deadline, loaded } = invocation;
    logger = invocation.logger;
    try {
      const unknown = request.watches.filter((w) => !loaded.config.watches.some((c) => c.name === w));
      if (unknown.length > 0) {
        const error = `timer payload names unknown watches: ${unknown.join(', ')}`;
        logger.error(error);
        return JSON.stringify({ ok: false, error });
      }
      if (request.job === 'digest') {
        const digest = await runDigest(deps, { deadline });
        logger.info('digest', { digest });
        return JSON.stringify({ ok: true, job: 'digest', ...digest });
      }
      // Only the summary is reported: the details are released before the state is saved (memory at scale).
      const result = await runTick(deps, { dryRun: false, deadline, watches: request.watches, details: false });
      logger.info('tick', { summary: result.summary });
      return JSON.stringify({ ok: true, job: 'tick', ...result.summary });
    } catch (err) {
      const error = `the ${request.job} failed: ${(err as Error).message}`;
      logger.error(error, { error: err });
      return JSON.stringify({ ok: false, error });
    }
  };
}

export const handler = createMonitorHandler(createFunctionRuntime({ env: process.env }));
