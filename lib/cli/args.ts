import { parseArgs } from 'node:util';
import { UsageError } from './errors';

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

Exit codes: 0 the command ran (alerts or not), 2 configuration or usage error, 1 the tick itself failed.`;

const DURATION = /^(\d+)(ms|s|m|h)$/;
const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

function duration(flag: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const m = DURATION.exec(value.trim());
  if (!m) throw new UsageError(`--${flag} ${JSON.stringify(value)} is not a duration: use e.g. 500ms, 5s, 1m`);
  return Number(m[1]) * (UNIT_MS[m[2] as string] ?? 1);
}

function port(flag: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) {
    throw new UsageError(`--${flag} ${JSON.stringify(value)} is not a port: use a whole number from 0 to 65535`);
  }
  return n;
}

function isoTime(value: string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  const t = Date.parse(value);
  if (Number.isNaN(t) || !/^\d{4}-\d{2}-\d{2}T/.test(value)) {
    throw new UsageError(`--now ${JSON.stringify(value)} is not an ISO-8601 time: use e.g. 2026-11-28T09:00:00Z`);
  }
  return new Date(t);
}

function requireConfig(command: string, value: string | undefined): string {
  if (!value) throw new UsageError(`${command} needs --config FILE (a YAML or JSON configuration)`);
  return value;
}

export function parseCommandLine(argv: string[]): Command {
  const [command, ...rest] = argv;
  if (!command || command === 'help' || command === '--help' || command === '-h') return { name: 'help' };
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: rest,
      allowPositionals: true,
      strict: true,
      options: {
        config: { type: 'string', short: 'c' },
        now: { type: 'string' },
        'dry-run': { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        watch: { type: 'string', multiple: true },
        port: { type: 'string' },
        host: { type: 'string' },
        interval: { type: 'string' },
        scenario: { type: 'string' },
        step: { type: 'string' },
        ticks: { type: 'string' },
      },
    });
  } catch (err) {
    throw new UsageError(`${command}: ${(err as Error).message}`, { cause: err });
  }
  const v = parsed.values as Record<string, string | boolean | string[] | undefined>;
  const str = (k: string) => (typeof v[k] === 'string' ? (v[k] as string) : undefined);
  const watches = Array.isArray(v.watch) ? v.watch : [];
  const positionals = parsed.positionals;
  const noPositionals = () => {
    if (positionals.length > 0)
      throw new UsageError(`${command}: unexpected argument ${JSON.stringify(positionals[0])}`);
  };
  switch (command) {
    case 'run':
    case 'explain': {
      noPositionals();
      const config = requireConfig(command, str('config'));
      const now = isoTime(str('now'));
      const base = { config, json: v.json === true, watches, ...(now ? { now } : {}) };
      return command === 'run' ? { name: 'run', ...base, dryRun: v['dry-run'] === true } : { name: 'explain', ...base };
    }
    case 'validate':
      noPositionals();
      return { name: 'validate', config: requireConfig(command, str('config')), json: v.json === true };
    case 'serve':
      noPositionals();
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
      noPositionals();
      const scenario = str('scenario');
      const stepValue = str('step');
      return {
        name: 'sandbox',
        port: port('port', str('port'), 18080),
        ...(scenario ? { scenario } : {}),
        ...(stepValue ? { step: duration('step', stepValue, 0) } : {}),
      };
    }
    case 'demo': {
      noPositionals();
      const ticks = str('ticks');
      if (ticks !== undefined && !/^[1-9]\d*$/.test(ticks))
        throw new UsageError('--ticks takes a positive whole number');
      return {
        name: 'demo',
        port: port('port', str('port'), 8080),
        step: duration('step', str('step'), 3000),
        ...(ticks ? { ticks: Number(ticks) } : {}),
      };
    }
    default:
      throw new UsageError(
        `unknown command ${JSON.stringify(command)}; commands: run, validate, explain, serve, test-receiver, sandbox, demo`,
      );
  }
}
