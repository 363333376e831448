import { systemClock } from '../runtime/clock';
import { createDeadline } from '../runtime/deadline';
import { redactSecrets } from '../runtime/redact';
import { runTick } from '../tick/run-tick';
import { buildExplanation, explanationText } from './explain-model';
import { EXIT, type Output } from './output';
import { prepareTick, unknownWatches } from './prepare';
import { describeTickFailure } from './tick-failure';

/** `flink-watch explain`: a dry-run tick, told per deployment and rule. Sends nothing, saves nothing. */
export async function explainCommand(
  args: { config: string; now?: Date; json: boolean; watches: string[] },
  io: Output,
  env: Record<string, string | undefined>,
): Promise<number> {
  const prepared = await prepareTick(args.config, io, env);
  if (!prepared.ok) return prepared.exitCode;
  if (unknownWatches(prepared.loaded, args.watches, io)) return EXIT.config;
  const { deps, loaded } = prepared;
  try {
    const result = await runTick(deps, {
      dryRun: true,
      deadline: createDeadline(loaded.config.tickTimeoutMs, systemClock),
      watches: args.watches,
      ...(args.now ? { now: args.now.getTime() } : {}),
    });
    const forMs = new Map(loaded.config.rules.map((r) => [r.name, r.forMs]));
    const explanation = buildExplanation(result, (rule) => forMs.get(rule) ?? 0, deps.receivers);
    io.out(args.json ? JSON.stringify(explanation) : explanationText(explanation));
    return EXIT.ok;
  } catch (err) {
    const failure = describeTickFailure(err, args.config);
    io.err(redactSecrets(failure.message, deps.secrets));
    return failure.exitCode;
  }
}
