import { createLogger, type Logger, type LogLevel } from '../runtime/logger';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function fieldText(value: unknown): string {
  if (typeof value === 'string') return /\s/.test(value) ? JSON.stringify(value) : value;
  return JSON.stringify(value);
}

function errorText(error: unknown, withCause: boolean): string {
  if (error === undefined) return '';
  if (typeof error === 'string') return `: ${error}`;
  if (isRecord(error) && !withCause && typeof error.message === 'string') return `: ${error.message}`;
  return `: ${JSON.stringify(error)}`;
}

/**
 * Log lines for a person at a terminal: `warn: message (key=value …): error`. The logger has already redacted the line;
 * this only reshapes it. An error's cause is left out (it repeats the message with the raw platform answer) unless
 * the level is debug.
 */
export function terminalLine(jsonLine: string, withCause: boolean): string {
  let entry: unknown;
  try {
    entry = JSON.parse(jsonLine);
  } catch {
    return jsonLine;
  }
  if (!isRecord(entry)) return jsonLine;
  const { level, msg, time: _time, error, ...fields } = entry;
  const parts = Object.entries(fields).map(([key, value]) => `${key}=${fieldText(value)}`);
  const context = parts.length > 0 ? ` (${parts.join(' ')})` : '';
  return `${String(level)}: ${String(msg)}${context}${errorText(error, withCause)}`;
}

/**
 * The CLI's logger: level from FLINK_WATCH_LOG_LEVEL (default warn), one-line text on stderr, or the JSON lines the
 * handlers write when FLINK_WATCH_LOG_FORMAT=json.
 */
export function cliLogger(
  env: Record<string, string | undefined>,
  secrets: Iterable<string>,
  write: (text: string) => void,
): Logger {
  const wanted = env.FLINK_WATCH_LOG_LEVEL;
  const level: LogLevel = wanted === 'debug' || wanted === 'info' || wanted === 'error' ? wanted : 'warn';
  const json = env.FLINK_WATCH_LOG_FORMAT === 'json';
  const sink = json ? write : (line: string) => write(terminalLine(line, level === 'debug'));
  return createLogger({ level, secrets, sink });
}
