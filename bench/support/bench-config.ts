import { CONFIG_CHECKS } from '../../lib/cli/config-checks';
import { type LoadedConfig, parseConfigText } from '../../lib/config';
import { SANDBOX_ACCESS_KEY_ID, SANDBOX_ACCESS_KEY_SECRET } from '../../lib/sandbox/server';

/** The environment the bench configs read their credentials from (the sandbox's key pair). */
export const BENCH_ENV: Record<string, string> = {
  BENCH_ACCESS_KEY_ID: SANDBOX_ACCESS_KEY_ID,
  BENCH_ACCESS_KEY_SECRET: SANDBOX_ACCESS_KEY_SECRET,
};

/** Parses a bench config with the same checks as `flink-watch validate`. */
export function loadBenchConfig(yamlText: string, source: string): LoadedConfig {
  return parseConfigText(yamlText, { format: 'yaml', env: BENCH_ENV, source, checks: CONFIG_CHECKS });
}
