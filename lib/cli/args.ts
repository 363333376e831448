import { parseArgs } from 'node:util';
import { UsageError } from './errors';
import { duration, isoTime, port, positiveInteger } from './flag-values';

export type Command =
  | { name: 'run'; config: string; now?: Date; dryRun: boolean; json: boolean; watches: string[] }
  | { name: 'validate'; config: string; json: boolean }
  | { name: 'explain'; config: string; now?: Date; json: boolean; watches: string[] }
  | { name: 'serve'; config: string; port: number; host: string; interval: number }
  | { name: 'test-receiver'; config: string; receiver: string }
  | { name: 'sandbox'; scenario?: string; port: number; step?: number }
  | { name: 'demo'; port: number; step: number; ticks?: number }
  | { name: 'help' };

export const USAGE = `flink-watch: label-driven monitoring for Realtime Compute for Apache Flink

Usage:
  flink-watch run --config FILE [--now ISO-TIME] [--dry-run] [--json] [--watch NAME]...
  flink-watch validate --config FILE [--json]
  flink-watch explain --config FILE [--now ISO-TIME] [--json] [--watch NAME]...
  flink-watch serve --config FILE [--port 8080] [--host 127.0.0.1] [--interval 60s]
  flink-watch test-receiver --config FILE NAME
  flink-watch sandbox [--scenario FILE] [--port 18080] [--step 5s]
  flink-watch demo [--port 8080] [--step 3s] [--ticks N]

Exit codes: 0 the command ran (alerts or not), 2 configuration or usage error, 1 the tick itself failed.
Logs go to stderr: FLINK_WATCH_LOG_LEVEL=debug|info|warn|error (default warn), FLINK_WATCH_LOG_FORMAT=json for
the JSON lines the Function Compute handlers write.`;

type OptionSpec = { type: 'string' | 'boolean'; short?: string; multiple?: boolean };

const CONFIG: Record<string, OptionSpec> = { config: { type: 'string', short: 'c' } };
const JSON_FLAG: Record<string, OptionSpec> = { json: { type: 'boolean' } };
const TICK_FLAGS: Record<string, OptionSpec> = {
  ...CONFIG,
  ...JSON_FLAG,
  now: { type: 'string' },
  watch: { type: 'string', multiple: true },
};

/** The options each command takes; anything else is a usage error rather than silently ignored. */
const OPTIONS: Record<Exclude<Command['name'], 'help'>, Record<string, OptionSpec>> = {
  run: { ...TICK_FLAGS, 'dry-run': { type: 'boolean' } },
  validate: { ...CONFIG, ...JSON_FLAG },
  explain: TICK_FLAGS,
  serve: { ...CONFIG, port: { type: 'string' }, host: { type: 'string' }, interval: { type: 'string' } },
  'test-receiver': CONFIG,
  sandbox: { scenario: { type: 'string' }, port: { type: 'string' }, step: { type: 'string' } },
  demo: { port: { type: 'string' }, step: { type: 'string' }, ticks: { type: 'string' } },
};

function isCommandName(name: string): name is keyof typeof OPTIONS {
  return Object.hasOwn(OPTIONS, name);
}

function parseError(command: string, err: unknown): UsageError {
  const code = (err as { code?: unknown }).code;
  const message = err instanceof Error ? err.message : String(err);
  const flag = /'(-[^' ]+)/.exec(message)?.[1];
  const known = Object.keys(OPTIONS[command as keyof typeof OPTIONS] ?? {})
    .map((o) => `--${o}`)
    .join(', ');
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && flag) {
    return new UsageError(`${command}: unknown option ${flag}; ${command} takes ${known || 'no options'}`, {
      cause: err,
    });
  }
  return new UsageError(`${command}: ${message}`, { cause: err });
}

function requireConfig(command: string, value: string | undefined): string {
  if (!value) throw new UsageError(`${command} needs --config FILE (a YAML or JSON configuration)`);
  return value;
}

export function parseCommandLine(argv: string[]): Command {
  const [command, ...rest] = argv;
  const wantsHelp = (arg: string) => arg === 'help' || arg === '--help' || arg === '-h';
  if (!command || wantsHelp(command) || rest.some((arg) => arg === '--help' || arg === '-h')) return { name: 'help' };
  if (!isCommandName(command)) {
    throw new UsageError(
      `unknown command ${JSON.stringify(command)}; commands: ${Object.keys(OPTIONS).join(', ')}, help`,
    );
  }
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: rest, allowPositionals: true, strict: true, options: OPTIONS[command] });
  } catch (err) {
    throw parseError(command, err);
  }
  const v = parsed.values as Record<string, string | boolean | string[] | undefined>;
  const str = (k: string) => (typeof v[k] === 'string' ? (v[k] as string) : undefined);
  const flag = (k: string) => v[k] === true;
  const positionals = parsed.positionals;
  if (command !== 'test-receiver' && positionals.length > 0) {
    throw new UsageError(`${command}: unexpected argument ${JSON.stringify(positionals[0])}`);
  }
  switch (command) {
    case 'run':
    case 'explain': {
      const config = requireConfig(command, str('config'));
      const now = isoTime(str('now'));
      const watches = Array.isArray(v.watch) ? v.watch : [];
      const base = { config, json: flag('json'), watches, ...(now ? { now } : {}) };
      return command === 'run' ? { name: 'run', ...base, dryRun: flag('dry-run') } : { name: 'explain', ...base };
    }
    case 'validate':
      return { name: 'validate', config: requireConfig(command, str('config')), json: flag('json') };
    case 'serve':
      return {
        name: 'serve',
        config: requireConfig(command, str('config')),
        port: port('port', str('port'), 8080),
        host: str('host') ?? '127.0.0.1',
        interval: duration('interval', str('interval'), 60_000),
      };
    case 'test-receiver': {
      const receiver = positionals[0];
      if (!receiver || positionals.length > 1) {
        throw new UsageError('test-receiver needs exactly one receiver NAME (a key under `receivers:` in the config)');
      }
      return { name: 'test-receiver', config: requireConfig(command, str('config')), receiver };
    }
    case 'sandbox': {
      const scenario = str('scenario');
      const step = str('step');
      return {
        name: 'sandbox',
        port: port('port', str('port'), 18080),
        ...(scenario ? { scenario } : {}),
        ...(step ? { step: duration('step', step, 0) } : {}),
      };
    }
    case 'demo': {
      const ticks = positiveInteger('ticks', str('ticks'));
      return {
        name: 'demo',
        port: port('port', str('port'), 8080),
        step: duration('step', str('step'), 3000),
        ...(ticks !== undefined ? { ticks } : {}),
      };
    }
  }
}
