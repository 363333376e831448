import { parseDocument } from 'yaml';
import { ConfigError } from './errors';
import type { ConfigProblem } from './problems';

export type ConfigFormat = 'yaml' | 'json';

const YAML_HINTS: Record<string, string> = {
  BAD_INDENT: 'check the indentation: items of one mapping or list must line up',
  TAB_AS_INDENT: 'indent with spaces, not tabs',
  DUPLICATE_KEY: 'each key may appear once per mapping; remove or rename one of them',
  MULTIPLE_DOCS: 'keep a single document: remove the extra --- separator',
  BAD_ALIAS: 'define the &anchor before using *alias',
};
const DEFAULT_YAML_HINT =
  'check the syntax near this position; quote values containing ": ", "#" or starting with * & { [';

/** Text → plain data. Syntax errors throw `ConfigError` with the line and column of each error. */
export function parseConfigData(text: string, format: ConfigFormat, source: string | undefined): unknown {
  return format === 'json' ? parseJson(text, source) : parseYaml(text, source);
}

function parseYaml(text: string, source: string | undefined): unknown {
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true, merge: true });
  if (doc.errors.length > 0) {
    const problems = doc.errors.map((error): ConfigProblem => {
      const position = error.linePos?.[0];
      return positioned(
        `YAML syntax error: ${firstLine(error.message)}`,
        YAML_HINTS[error.code] ?? DEFAULT_YAML_HINT,
        position?.line,
        position?.col,
      );
    });
    throw new ConfigError(problems, { source });
  }
  try {
    return doc.toJS({ maxAliasCount: 100 });
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new ConfigError([{ path: '', message: `YAML could not be read: ${reason}`, hint: DEFAULT_YAML_HINT }], {
      source,
      cause: err,
    });
  }
}

function parseJson(text: string, source: string | undefined): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    // Drop the quoted excerpt of the input that some messages carry: it could hold a secret.
    const reason = err instanceof Error ? err.message.replace(/, ".*$/s, '') : 'invalid JSON';
    const located = jsonErrorPosition(text, reason);
    throw new ConfigError(
      [positioned(`JSON syntax error: ${reason}`, 'check commas, quotes and brackets', located?.line, located?.col)],
      { source, cause: err },
    );
  }
}

/** JSON.parse names an offset for some errors; for the rest the YAML parser (a JSON superset) may locate it. */
function jsonErrorPosition(text: string, reason: string): { line: number; col: number } | undefined {
  const offset = /at position (\d+)/.exec(reason)?.[1];
  if (offset === undefined) return parseDocument(text).errors[0]?.linePos?.[0];
  const before = text.slice(0, Number(offset)).split('\n');
  return { line: before.length, col: (before.at(-1)?.length ?? 0) + 1 };
}

function positioned(message: string, hint: string, line: number | undefined, column: number | undefined) {
  if (line === undefined || column === undefined) return { path: '', message, hint };
  return { path: '', message: `${message} (line ${line}, column ${column})`, hint, line, column };
}

function firstLine(message: string): string {
  return (message.split('\n')[0] ?? message).replace(/ at line \d+, column \d+:?$/, '');
}
