import { systemClock } from '../runtime/clock';
import { createDeadline } from '../runtime/deadline';
import { redactSecrets } from '../runtime/redact';
import { runTick } from '../tick/run-tick';
import { EXIT, type Output } from './output';
import { prepareTick, unknownWatches } from './prepare';
import { describeTickFailure } from './tick-failure';
import { tickJson, tickText } from './tick-report';

/** `flink-watch run`: one monitor tick, exactly what the timer handler does. */
export async function runCommand(
  args: { config: string; now?: Date; dryRun: boolean; json: boolean; watches: string[] },
  io: Output,
  env: Record<string, string | undefined>,
): Promise<number> {
  // With --json, stdout carries only the summary: console receivers print their messages on stderr.
  const prepared = await prepareTick(args.config, io, env, { consoleWrite: args.json ? io.err : io.out });
  if (!prepared.ok) return prepared.exitCode;
  if (unknownWatches(prepared.loaded, args.watches, io)) return EXIT.config;
  const deadline = createDeadline(prepared.loaded.config.tickTimeoutMs, systemClock);
  try {
    const result = await runTick(prepared.deps, {
      dryRun: args.dryRun,
      deadline,
      watches: args.watches,
      ...(args.now ? { now: args.now.getTime() } : {}),
    });
    io.out(args.json ? JSON.stringify(tickJson(result)) : tickText(result, { showMessages: args.dryRun }));
    return EXIT.ok;
  } catch (err) {
    const failure = describeTickFailure(err, args.config);
    const message = redactSecrets(failure.message, prepared.deps.secrets);
    io.err(args.json ? JSON.stringify({ error: message }) : message);
    return failure.exitCode;
  }
}
