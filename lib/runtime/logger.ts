import { redactSecrets } from './redact';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
  /** A logger that adds `fields` to every line. */
  child(fields: Record<string, unknown>): Logger;
}

export interface LoggerOptions {
  level?: LogLevel;
  /** Where lines go; defaults to stderr. One JSON object per line (SLS-friendly). */
  sink?: (line: string) => void;
  /** Values that must never appear in a line (webhook tokens, signing secrets, access keys). */
  secrets?: Iterable<string>;
  /** Epoch ms source for the `time` field. */
  now?: () => number;
}

function errorFields(err: Error): Record<string, unknown> {
  const out: Record<string, unknown> = { name: err.name, message: err.message };
  if (err.cause instanceof Error) out.cause = errorFields(err.cause);
  return out;
}

function serialise(value: unknown): unknown {
  return JSON.parse(
    JSON.stringify(value, (_key, v: unknown) =>
      v instanceof Error ? errorFields(v) : typeof v === 'bigint' ? String(v) : v,
    ),
  );
}

export function createLogger(options: LoggerOptions = {}, base: Record<string, unknown> = {}): Logger {
  const min = ORDER[options.level ?? 'info'];
  const sink = options.sink ?? ((line: string) => process.stderr.write(`${line}\n`));
  const secrets = [...(options.secrets ?? [])];
  const now = options.now ?? (() => Date.now());
  const write = (level: LogLevel, msg: string, fields?: Record<string, unknown>) => {
    if (ORDER[level] < min) return;
    const line = JSON.stringify(serialise({ level, time: new Date(now()).toISOString(), msg, ...base, ...fields }));
    sink(redactSecrets(line, secrets));
  };
  return {
    debug: (m, f) => write('debug', m, f),
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
    child: (fields) => createLogger(options, { ...base, ...fields }),
  };
}

/** Drops everything; for callers that must pass a logger but have nothing to say. */
export const silentLogger: Logger = createLogger({ sink: () => {} });
