import { isAbsolute, join } from 'node:path';
import { CONFIG_CHECKS } from '../cli/config-checks';
import { type LoadedConfig, loadConfigFile } from '../config';
import { systemClock } from '../runtime/clock';
import { createDeadline, type Deadline } from '../runtime/deadline';
import { budgetFromContext, contextCredentials, type FcContext } from '../runtime/fc-context';
import { createLogger, type Logger } from '../runtime/logger';
import { composeTick } from '../tick/compose';
import type { TickDeps } from '../tick/types';

export interface FunctionRuntimeOptions {
  env: Record<string, string | undefined>;
  /** Where log lines go; FC ships stdout to SLS (one JSON object per line). */
  sink?: (line: string) => void;
}

export interface Invocation {
  deps: TickDeps;
  deadline: Deadline;
  logger: Logger;
  loaded: LoadedConfig;
}

/** Where the configuration is: `FLINK_WATCH_CONFIG` (absolute, or relative to the code directory), by default
 * `flink-watch.yaml` shipped next to the handler. */
export function configPath(env: Record<string, string | undefined>): string {
  const name = env.FLINK_WATCH_CONFIG ?? 'flink-watch.yaml';
  if (isAbsolute(name)) return name;
  return join(env.FC_FUNC_CODE_PATH ?? process.cwd(), name);
}

/**
 * The composition root of both handlers. The configuration is loaded and checked once per function instance (warm
 * invocations reuse it); the API client, store and receivers are built per invocation because the function role's
 * STS credentials in the context rotate.
 */
export function createFunctionRuntime(options: FunctionRuntimeOptions) {
  const { env } = options;
  const sink = options.sink ?? ((line: string) => process.stdout.write(`${line}\n`));
  let loading: Promise<LoadedConfig> | undefined;
  const load = () => {
    loading ??= loadConfigFile(configPath(env), { env, checks: CONFIG_CHECKS }).catch((err: unknown) => {
      loading = undefined; // a fixed file or variable is picked up by the next invocation
      throw err;
    });
    return loading;
  };
  return {
    async invocation(context: FcContext | undefined): Promise<Invocation> {
      const loaded = await load();
      const logger = createLogger({ secrets: loaded.secrets, sink }, { requestId: context?.requestId });
      const credentials = contextCredentials(context);
      const deps = composeTick(loaded, {
        logger,
        env,
        consoleWrite: (text) => logger.info('console receiver', { text }),
        ...(credentials ? { contextCredentials: credentials } : {}),
      });
      const deadline = createDeadline(budgetFromContext(context, loaded.config.tickTimeoutMs), systemClock);
      return { deps, deadline, logger, loaded };
    },
    /** A logger for failures before the configuration could be loaded (nothing to redact is known yet). */
    bareLogger(context: FcContext | undefined): Logger {
      return createLogger({ sink }, { requestId: context?.requestId });
    },
  };
}

export type FunctionRuntime = ReturnType<typeof createFunctionRuntime>;
