import { runSandboxFromCli } from '../sandbox';
import { parseCommandLine, USAGE } from './args';
import { explainCommand } from './cmd-explain';
import { runCommand } from './cmd-run';
import { serveCommand } from './cmd-serve';
import { testReceiverCommand } from './cmd-test-receiver';
import { validateCommand } from './cmd-validate';
import { demoCommand } from './demo';
import { UsageError } from './errors';
import { EXIT, type Output, processOutput } from './output';

/** Resolves when Ctrl-C or SIGTERM arrives; long-running commands stop cleanly on it. */
function stopSignal(): AbortSignal {
  const controller = new AbortController();
  for (const sig of ['SIGINT', 'SIGTERM'] as const) process.once(sig, () => controller.abort());
  return controller.signal;
}

export async function main(argv: string[], io: Output, env: Record<string, string | undefined>): Promise<number> {
  let command: ReturnType<typeof parseCommandLine>;
  try {
    command = parseCommandLine(argv);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    io.err(`${err.message}\n\n${USAGE}`);
    return EXIT.config;
  }
  switch (command.name) {
    case 'help':
      io.out(USAGE);
      return EXIT.ok;
    case 'run':
      return runCommand(command, io, env);
    case 'validate':
      return validateCommand(command, io, env);
    case 'explain':
      return explainCommand(command, io, env);
    case 'serve':
      return serveCommand(command, io, env, stopSignal());
    case 'test-receiver':
      return testReceiverCommand(command, io, env);
    case 'demo':
      return demoCommand(command, io, stopSignal());
    case 'sandbox': {
      const signal = stopSignal();
      const sandbox = await runSandboxFromCli({
        port: command.port,
        log: io.out,
        ...(command.scenario ? { scenarioPath: command.scenario } : {}),
        ...(command.step ? { stepSeconds: command.step / 1000 } : {}),
      });
      await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve()));
      await sandbox.close();
      return EXIT.ok;
    }
  }
}

main(process.argv.slice(2), processOutput, process.env).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    processOutput.err(`flink-watch: unexpected error: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = EXIT.tickFailed;
  },
);
