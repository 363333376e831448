import { ConfigError, loadConfigFile } from '../config';
import { CONFIG_CHECKS } from './config-checks';
import { EXIT, type Output } from './output';
import { configErrorText, problemsText } from './problem-text';

/** `flink-watch validate`: every problem at once, each with its path and a hint; exit 2 when there is one. */
export async function validateCommand(
  args: { config: string; json: boolean },
  io: Output,
  env: Record<string, string | undefined>,
): Promise<number> {
  try {
    const loaded = await loadConfigFile(args.config, { env, checks: CONFIG_CHECKS });
    const { config } = loaded;
    if (args.json) {
      io.out(JSON.stringify({ valid: true, problems: [], warnings: loaded.warnings }));
    } else {
      if (loaded.warnings.length > 0) io.err(problemsText(args.config, loaded.warnings, 'warning'));
      io.out(
        `${args.config}: valid (${config.watches.length} watches, ${config.rules.length} rules, ` +
          `${Object.keys(config.receivers).length} receivers)`,
      );
    }
    return EXIT.ok;
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    if (args.json) io.out(JSON.stringify({ valid: false, problems: err.problems, warnings: err.warnings }));
    else io.err(configErrorText(err, args.config));
    return EXIT.config;
  }
}
