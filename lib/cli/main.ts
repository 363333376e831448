import { parseCommandLine, USAGE } from './args';
import { UsageError } from './errors';
import { EXIT, type Output, processOutput } from './output';
import { stopSignal } from './stop-signal';

/**
 * Runs one command line and returns its exit code. Commands are loaded on demand: `help`, usage errors and
 * `validate` start quickly without loading the API client, the report or the sandbox.
 */
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
      return (await import('./cmd-run')).runCommand(command, io, env);
    case 'validate':
      return (await import('./cmd-validate')).validateCommand(command, io, env);
    case 'explain':
      return (await import('./cmd-explain')).explainCommand(command, io, env);
    case 'serve':
      return (await import('./cmd-serve')).serveCommand(command, io, env, stopSignal());
    case 'test-receiver':
      return (await import('./cmd-test-receiver')).testReceiverCommand(command, io, env);
    case 'demo':
      return (await import('./demo')).demoCommand(command, io, env, stopSignal());
    case 'sandbox':
      return (await import('./cmd-sandbox')).sandboxCommand(command, io, stopSignal());
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
