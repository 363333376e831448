import { ConfigError, type LoadedConfig, loadConfigFile } from '../config';
import type { Logger } from '../runtime/logger';
import { redactSecrets } from '../runtime/redact';
import { type ComposeOptions, composeTick } from '../tick/compose';
import { RuleCompileError } from '../tick/errors';
import type { TickDeps } from '../tick/types';
import { CONFIG_CHECKS } from './config-checks';
import { cliLogger } from './log-sink';
import { EXIT, type Output } from './output';
import { configErrorText } from './problem-text';
import { describeTickFailure } from './tick-failure';

export type Prepared =
  | { ok: true; loaded: LoadedConfig; deps: TickDeps; logger: Logger }
  | { ok: false; exitCode: number };

/**
 * Load and check the configuration, then build the tick's dependencies. Problems are printed here; the caller
 * only returns the exit code (2 for configuration problems, 1 when something else prevents the start).
 */
export async function prepareTick(
  configPath: string,
  io: Output,
  env: Record<string, string | undefined>,
  overrides: Omit<ComposeOptions, 'logger'> = {},
): Promise<Prepared> {
  let loaded: LoadedConfig;
  try {
    loaded = await loadConfigFile(configPath, { env, checks: CONFIG_CHECKS });
  } catch (err) {
    if (err instanceof ConfigError) {
      io.err(configErrorText(err, configPath));
      return { ok: false, exitCode: EXIT.config };
    }
    throw err;
  }
  const logger = cliLogger(env, loaded.secrets, io.err);
  try {
    const deps = composeTick(loaded, { logger, env, consoleWrite: io.out, ...overrides });
    return { ok: true, loaded, deps, logger };
  } catch (err) {
    if (err instanceof RuleCompileError) {
      io.err(err.message);
      return { ok: false, exitCode: EXIT.config };
    }
    const failure = describeTickFailure(err, configPath);
    io.err(redactSecrets(failure.message.replace(/^the tick failed: /, 'cannot start: '), loaded.secrets));
    return { ok: false, exitCode: failure.exitCode };
  }
}

export function unknownWatches(loaded: LoadedConfig, requested: string[], io: Output): boolean {
  const unknown = requested.filter((w) => !loaded.config.watches.some((c) => c.name === w));
  if (unknown.length === 0) return false;
  io.err(`--watch ${unknown.join(', ')}: no such watch; known: ${loaded.config.watches.map((w) => w.name).join(', ')}`);
  return true;
}
