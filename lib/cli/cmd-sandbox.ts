import { runSandboxFromCli, SandboxStartError, ScenarioError } from '../sandbox';
import { EXIT, type Output } from './output';
import { whenAborted } from './stop-signal';

/** `flink-watch sandbox`: the API emulator until Ctrl-C or SIGTERM. */
export async function sandboxCommand(
  args: { scenario?: string; port: number; step?: number },
  io: Output,
  signal: AbortSignal,
): Promise<number> {
  let sandbox: Awaited<ReturnType<typeof runSandboxFromCli>>;
  try {
    sandbox = await runSandboxFromCli({
      port: args.port,
      log: io.out,
      ...(args.scenario ? { scenarioPath: args.scenario } : {}),
      ...(args.step ? { stepSeconds: args.step / 1000 } : {}),
    });
  } catch (err) {
    if (err instanceof ScenarioError) {
      io.err(err.message);
      return EXIT.config;
    }
    if (err instanceof SandboxStartError) {
      io.err(`${err.message}; choose another --port (0 picks a free one)`);
      return EXIT.tickFailed;
    }
    throw err;
  }
  await whenAborted(signal);
  await sandbox.close();
  io.out('sandbox stopped');
  return EXIT.ok;
}
