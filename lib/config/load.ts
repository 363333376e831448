import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { redactSecrets } from '../runtime/redact';
import { buildConfig } from './build-config';
import type { ConfigDocument } from './document';
import { type Environment, resolveEnvRefs } from './env-refs';
import { ConfigError } from './errors';
import { type ConfigFormat, parseConfigData } from './parse-text';
import type { ConfigProblem } from './problems';
import { isRecord } from './read';
import { validateAgainstSchema } from './schema';
import { schemaProblems } from './schema-problems';
import { collectSecrets, literalSecretWarnings } from './secrets';
import { runSemanticChecks } from './semantic-checks';
import type { Config } from './types';

/** A check contributed by another area (label selectors, CEL expressions); runs once the schema has passed. */
export type ConfigCheck = (config: Config) => ConfigProblem[];

export interface LoadedConfig {
  config: Config;
  /** Things that work but deserve attention (literal secrets, matches that match nothing, no rules, …). */
  warnings: ConfigProblem[];
  /** Every resolved secret-bearing value (and the tokens inside receiver URLs), for redaction. */
  secrets: string[];
}

export interface ParseOptions {
  format: ConfigFormat;
  /** Where `${env:NAME}` references are looked up; pass `process.env` from the composition root. */
  env: Environment;
  /** Name of the file (or other origin) for messages. */
  source?: string;
  checks?: ConfigCheck[];
}

/**
 * Parse, validate and resolve a configuration. Throws `ConfigError` listing every problem found: schema problems,
 * then semantic ones, then those of the extra `checks`, then unresolvable `${env:NAME}` references.
 */
export function parseConfigText(text: string, options: ParseOptions): LoadedConfig {
  const data = parseConfigData(text, options.format, options.source);
  if (!isRecord(data)) throw notAMapping(data, options.source);
  const schema = validateAgainstSchema(data);
  const env = resolveEnvRefs(data, options.env);
  const semantic = runSemanticChecks(env.value, env.unresolved);
  const secrets = collectSecrets(env.value, env.substituted);

  let config: Config | undefined;
  let extra: ConfigProblem[] = [];
  if (schema.document !== undefined) {
    // Env resolution only replaces string leaves, so the shape the schema accepted is unchanged.
    config = buildConfig(env.value as ConfigDocument);
    extra = runExtraChecks(config, options.checks ?? [], env.unresolved);
  }
  const problems = [...schemaProblems(schema.errors, data), ...semantic.problems, ...extra, ...env.problems];
  const warnings = [...literalSecretWarnings(data), ...env.warnings, ...semantic.warnings];
  const redact = (list: ConfigProblem[]) => list.map((problem) => redactProblem(problem, secrets));
  if (problems.length > 0 || config === undefined) {
    throw new ConfigError(redact(problems), { source: options.source, warnings: redact(warnings) });
  }
  return { config, warnings: redact(warnings), secrets };
}

/** Read and parse a YAML (`.yaml`, `.yml`) or JSON (`.json`) configuration file. */
export async function loadConfigFile(
  path: string,
  options: { env: Environment; checks?: ConfigCheck[] },
): Promise<LoadedConfig> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    const code = err instanceof Error && 'code' in err ? String(err.code) : 'unreadable';
    throw new ConfigError(
      [
        {
          path: '',
          message: `cannot read the configuration file (${code})`,
          hint: 'check the --config path and its permissions',
        },
      ],
      { source: path, cause: err },
    );
  }
  const format: ConfigFormat = extname(path).toLowerCase() === '.json' ? 'json' : 'yaml';
  const parseOptions: ParseOptions = { format, env: options.env, source: path };
  if (options.checks) parseOptions.checks = options.checks;
  return parseConfigText(text, parseOptions);
}

function notAMapping(data: unknown, source: string | undefined): ConfigError {
  const empty = data === null || data === undefined;
  return new ConfigError(
    [
      {
        path: '',
        message: empty ? 'the file is empty' : 'the top level must be a mapping of sections (flink, watches, …)',
        hint: 'start from examples/sandbox.yaml; flink and watches are required',
      },
    ],
    { source },
  );
}

function runExtraChecks(config: Config, checks: ConfigCheck[], unresolved: ReadonlySet<string>): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  for (const check of checks) {
    try {
      problems.push(...check(config));
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      problems.push({ path: '', message: `a configuration check failed: ${reason}`, hint: 'report this as a bug' });
    }
  }
  // A value that came from a missing variable is empty; its own problem already says why.
  return problems.filter((problem) => ![...unresolved].some((path) => isWithin(problem.path, path)));
}

function isWithin(path: string, parent: string): boolean {
  return path === parent || path.startsWith(`${parent}.`) || path.startsWith(`${parent}[`);
}

function redactProblem(problem: ConfigProblem, secrets: string[]): ConfigProblem {
  const out: ConfigProblem = { ...problem, message: redactSecrets(problem.message, secrets) };
  if (problem.hint !== undefined) out.hint = redactSecrets(problem.hint, secrets);
  return out;
}
